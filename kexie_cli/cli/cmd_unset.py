"""kexie unset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli.editing import edit_options, run_edit


@click.command(
    "unset",
    help="""删除记录 ID 的一个字段或列表条目：PATH 为点分路径（如 short_name、leaders.3）。

修改前先校验，会带来新错误（如删除必填字段）时拒绝写入并列出错误（退出码 1）。""",
)
@click.argument("record_id", metavar="ID")
@click.argument("path", metavar="PATH")
@edit_options
def command(
    record_id: str, path: str, root: Path | None, lang: str | None, as_of: dt.date | None, dry_run: bool
) -> None:
    from kexie_cli.cli import options as opt
    from kexie_cli.edit.operations import UnsetField
    from kexie_cli.edit.tree import parse_path

    opt.lang(lang)
    run_edit(record_id, UnsetField(parse_path(path)), root, lang, as_of, dry_run)
