"""kexie set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli.editing import edit_options, run_edit


@click.command(
    "set",
    help="""设置记录 ID 的任一字段：PATH 为点分路径（如 registration.uscc、leaders.0.name、term.years），
VALUE 按模式中该字段的类型解析（整数、日期、true/false；列表或映射可写成 [a, b]、{year: 2025, result: pass}）。

只改动该字段所在的行；修改前先校验，会带来新错误时拒绝写入并列出错误（退出码 1）。""",
)
@click.argument("record_id", metavar="ID")
@click.argument("path", metavar="PATH")
@click.argument("value", metavar="VALUE")
@edit_options
def command(
    record_id: str, path: str, value: str, root: Path | None, lang: str | None, as_of: dt.date | None, dry_run: bool
) -> None:
    from kexie_cli.cli import options as opt
    from kexie_cli.edit.operations import SetField
    from kexie_cli.edit.tree import parse_path

    opt.lang(lang)
    run_edit(record_id, SetField(parse_path(path), value), root, lang, as_of, dry_run)
