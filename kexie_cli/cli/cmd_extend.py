"""kexie extend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt
from kexie_cli.cli.editing import edit_options, run_edit


@click.command(
    "extend",
    help="""记录经批准的延期换届：在记录 ID 的 term 中写入 extended_to（延期至）和 extension_approved（批准日期）。

延期不得超过届满后 1 年（K304），超过时拒绝写入；批准日期晚于今天（--as-of）时拒绝写入（退出码 2）。""",
)
@click.argument("record_id", metavar="ID")
@click.option("--until", type=opt.DATE, required=True, help="延期至（YYYY-MM-DD）。")
@click.option("--approved", type=opt.DATE, required=True, help="批准延期的日期（YYYY-MM-DD）。")
@edit_options
def command(
    record_id: str,
    until: dt.date,
    approved: dt.date,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    dry_run: bool,
) -> None:
    from kexie_cli.edit.operations import Extend

    opt.lang(lang)
    run_edit(record_id, Extend(until, approved, opt.today(as_of)), root, lang, as_of, dry_run)
