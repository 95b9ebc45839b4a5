"""kexie monitor."""

from __future__ import annotations

from pathlib import Path

import click

from kexie_cli.cli import options as opt


@click.command(
    "monitor",
    help="""监视台账文件的变动，让大台账上的查询更快：运行期间，其他 kexie 命令向它询问台账是否变动，
不必逐个查看每个文件（5 万份年度记录约省 0.2 秒）。结果与不监视时完全相同。

只在 Linux 上可用（inotify）。在另一个终端中运行，或放到后台（kexie monitor &）；按 Ctrl+C 停止。
同一台账同时只运行一个。""",
)
@opt.common
def command(root: Path | None, lang: str | None) -> None:
    from kexie_cli.errors import KexieError
    from kexie_cli.i18n import tr
    from kexie_cli.registry import monitor

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    if not monitor.available():
        raise KexieError("monitor.unavailable")
    shared = monitor.network_fs(registry.root)
    if shared is not None:
        raise KexieError("monitor.network", root=str(registry.root), fs=shared)
    try:
        server = monitor.listen(registry.root)
    except OSError:
        raise KexieError("monitor.running", root=str(registry.root)) from None
    try:
        watch = monitor.Watch(registry.root)
    except OSError as exc:
        server.close()
        raise KexieError("monitor.cannot_watch", root=str(registry.root), detail=str(exc)) from None

    def ready() -> None:
        click.echo(tr("monitor.started", language, root=registry.root), err=True)

    try:
        monitor.serve(watch, server, ready=ready)  # closes the socket when it returns
    except KeyboardInterrupt:
        click.echo(tr("monitor.stopped", language), err=True)
        return
    finally:
        watch.close()
    raise KexieError("monitor.root_gone", root=str(registry.root))
