"""kexie check."""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import replace
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.reporters.check_formats import FINDING_REPORTERS


@click.command(
    "check",
    help="""校验台账：加载 records/ 下全部记录，按模式和规则 K001–K902 检查。

PATH 可为文件或文件夹，只报告其中的问题（跨记录规则仍在全部记录上运行）。
退出码：0 无错误；1 有错误（--strict 时警告也算）；2 用法或环境错误。""",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@opt.common
@opt.as_of_option
@opt.format_option(formats.FINDINGS)
@click.option(
    "--strict",
    is_flag=True,
    default=None,
    help="警告按错误处理（也可在设置 rules.strict 中打开）。",
)
@click.option("--select", default=None, help="只报告这些规则，逗号分隔，可用前缀（如 K3,K401）。")
@click.option("--ignore", "ignore_codes", default=None, help="不报告这些规则，逗号分隔，可用前缀。")
@click.option(
    "--changed",
    "changed",
    is_flag=False,
    flag_value="HEAD",
    default=None,
    metavar="[REV]",
    help="只报告相对 REV（默认 HEAD）有改动或新增的文件，以及所有跨记录规则的问题（用于 pre-commit）。",
)
@click.option("--no-cache", is_flag=True, help="不读也不写缓存 .kexie/cache/（每个文件都重新检查）。")
@opt.quiet_option
def command(
    paths: tuple[Path, ...],
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    strict: bool | None,
    select: str | None,
    ignore_codes: str | None,
    changed: str | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    from kexie_cli.finding import Severity
    from kexie_cli.reporters.findings import summary_line
    from kexie_cli.validate.engine import check
    from kexie_cli.validate.options import CheckOptions

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    options = CheckOptions(
        today=opt.today(as_of),
        lang=language,
        strict=True if strict else None,
        select=_codes(select),
        ignore=_codes(ignore_codes) or frozenset(),
        paths=_relative(paths, registry.root) if paths else None,
        cache=not no_cache,
    )
    scope = None
    if changed is not None:
        from kexie_cli.validate.changed import changed_scope

        scope = changed_scope(registry.root, changed)
        scope = None if scope is None else scope + (options.paths or ())
        options = replace(options, paths=None)
    with _Progress() as progress:
        result = check(registry, options, progress=progress)
    if scope is not None:
        from kexie_cli.validate.changed import limit_to

        result = limit_to(result, scope)
    fmt = opt.pick_format(fmt)
    reporter = FINDING_REPORTERS[fmt](language, color=opt.use_color())
    reporter.render(result.findings, sys.stdout)
    if reporter.summary and not quiet:
        counts = {s: result.count(s) for s in Severity}
        click.echo(summary_line(counts, result.files, language, result.strict), err=True)
    sys.exit(result.exit_code)


def _codes(text: str | None) -> frozenset[str] | None:
    """Rule codes or prefixes (``K3``, ``K401``); one that matches no rule is a usage error."""
    from kexie_cli.errors import KexieError
    from kexie_cli.rules import all_rules

    if not text:
        return None
    codes = frozenset(c.strip().upper() for c in text.split(",") if c.strip())
    known = all_rules()
    for code in sorted(codes):
        if not any(k.startswith(code) for k in known):
            raise KexieError("rules.unknown", code=code)
    return codes


def _relative(paths: tuple[Path, ...], root: Path) -> tuple[str, ...]:
    from kexie_cli.errors import KexieError

    out = []
    for path in paths:
        if not path.exists():  # a typo must not pass as "no findings"
            raise KexieError("registry.path_missing", path=str(path))
        absolute = path.resolve()
        try:
            out.append(absolute.relative_to(root).as_posix())
        except ValueError:
            raise KexieError("registry.path_outside", path=str(path)) from None
    return tuple(p if p != "." else "" for p in out)


class _Progress:
    """A progress bar on stderr, shown only when stderr is a terminal and after about a second.

    stdout carries only the requested format: ``kexie check --format csv > f.csv``
    shows the bar at the terminal and writes nothing but CSV into the file.
    """

    DELAY = 1.0  # seconds before the bar appears (a quick check shows none)

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: object | None = None
        self.task: object | None = None
        self.enabled = sys.stderr.isatty()

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.started < self.DELAY:
            return
        from rich.console import Console
        from rich.progress import Progress

        if self.bar is None:
            bar = Progress(console=Console(file=sys.stderr), transient=True)
            bar.start()
            self.bar, self.task = bar, bar.add_task("检查 / checking", total=total)
        assert isinstance(self.bar, Progress)
        self.bar.update(self.task, completed=done)  # type: ignore[arg-type]

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()  # type: ignore[attr-defined]
