"""kexie fmt."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kexie_cli.cli import options as opt


@click.command(
    "fmt",
    help="""把记录文件整理成规范格式：键按模式顺序，缩进 2 格，映射用块格式（列表中只含标量的短条目可保留
{year: 2025, result: pass} 这样的流式写法），只在 YAML 需要时加引号，LF 换行，文件以一个换行结尾，
首行为 $schema 注释（台账没有自己的 schemas/ 时不添加，文件已有的保留）。注释保留。整理从不改变记录的数据。

PATH 可为文件或文件夹（默认全部记录）。--check 只检查：不规范的文件逐个输出统一 diff，退出码 1。""",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="只检查不写入；有不规范文件时输出 diff 并返回 1。")
@opt.common
@opt.quiet_option
def command(paths: tuple[Path, ...], check: bool, root: Path | None, lang: str | None, quiet: bool) -> None:
    from kexie_cli.cli.cmd_check import _relative
    from kexie_cli.edit.fmt import fmt
    from kexie_cli.i18n import tr

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    selected = _relative(paths, registry.root) if paths else None
    report = fmt(registry, selected, write=not check, lang=language)
    for skipped in report.skipped:
        click.echo(tr("fmt.not_record", language, file=skipped), err=True)
    for failed in report.failed:
        click.echo(tr("fmt.failed", language, file=failed.relpath, reason=failed.error), err=True)
    files = len(report.results)
    if check:
        for result in report.changed:
            sys.stdout.write(result.diff())
        if not quiet:
            key = "fmt.summary_check" if report.changed else "fmt.summary_ok"
            if report.failed:
                key = "fmt.summary_check_failed"
            counts = {"count": len(report.changed), "files": files, "failed": len(report.failed)}
            click.echo(tr(key, language, **counts), err=True)
        sys.exit(1 if report.changed or report.failed else 0)
    if not quiet:
        key = "fmt.summary_write_failed" if report.failed else "fmt.summary_write"
        click.echo(tr(key, language, count=report.written, files=files, failed=len(report.failed)), err=True)
    sys.exit(1 if report.failed else 0)
