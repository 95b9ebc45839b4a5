"""kexie log."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt


@click.command(
    "log",
    help="""记录 ID 的 Git 历史：每次提交的日期、作者、提交说明，以及该次提交对记录的语义改动
（文件更名也会跟踪）。最新的在前。""",
)
@click.argument("record_id", metavar="ID")
@opt.common
@click.option("--format", "fmt", type=click.Choice(formats.CHANGES), default="plain", help="输出格式（默认 plain）。")
def command(record_id: str, root: Path | None, lang: str | None, fmt: str) -> None:
    from kexie_cli.review.log import record_log, render

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    render(record_log(registry, record_id, language), fmt, language, sys.stdout)
