"""kexie sql."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt

FORMATS = ["table", "plain", "json", "csv", "md", "xlsx"]


@click.command(
    "sql",
    help="""把台账装入内存 SQLite 数据库并执行一条 SQL 查询（只读）。

表：societies、branches、party_cells、leaders、inspections、stars、coverage、terms；
--schema 列出全部表和列。日期为 YYYY-MM-DD 文本，是/否为 1/0，枚举为英文代码。
例：kexie sql "SELECT level, count(*) FROM societies WHERE status='active' GROUP BY level" """,
)
@click.argument("query", required=False, default="")
@click.option("--schema", "show_schema", is_flag=True, help="列出表和列后退出。")
@click.option("--at", "at", default=None, metavar="REV", help="按 Git 版本 REV 时的台账查询（不改动工作区）。")
@opt.common
@opt.as_of_option
@opt.format_option(FORMATS)
@opt.output_option
def command(
    query: str,
    show_schema: bool,
    at: str | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    from kexie_cli.query import dataset, sqlite
    from kexie_cli.query.snapshot import snapshot

    language = opt.lang(lang)
    if show_schema:
        opt.emit_table(sqlite.schema_table(language), fmt, language, output)
        return
    registry = opt.open_registry(root)
    snap = snapshot(registry, opt.today(as_of), language, at)
    skipped = opt.warn_unreadable(snap.records, language)
    table = sqlite.run(dataset.build(snap.records, snap.qctx), query, language)
    opt.emit_table(opt.noted(table, skipped, language), fmt, language, output)
