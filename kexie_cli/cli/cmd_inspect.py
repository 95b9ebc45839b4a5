"""kexie inspect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt
from kexie_cli.cli.editing import edit_options, run_edit


@click.command(
    "inspect",
    help="""录入或更正社团 ID 某一年度的年检 / 年度报告结论（inspections 中的一条，按年份排序插入）。

RESULT：pass 合格、basic-pass 基本合格、fail 不合格、submitted 已报送、missing 未参检/未报送。
报送日期晚于今天（--as-of）时拒绝写入（退出码 2）。""",
)
@click.argument("record_id", metavar="ID")
@click.option("--year", type=click.IntRange(1900, 2100), required=True, help="年检所属年度（如 2025）。")
@click.option(
    "--result", type=opt.LabelChoice(opt.RESULTS), required=True, help="年检结论：代码或中文名称（如 合格）。"
)
@click.option("--submitted", type=opt.DATE, default=None, help="报送日期（YYYY-MM-DD）。")
@edit_options
def command(
    record_id: str,
    year: int,
    result: str,
    submitted: dt.date | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    dry_run: bool,
) -> None:
    from kexie_cli.edit.operations import Inspect

    opt.lang(lang)
    run_edit(record_id, Inspect(year, result, submitted, opt.today(as_of)), root, lang, as_of, dry_run)
