"""kexie sql."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered, reads_no_clock


@click.command(
    "sql",
    help="""把台账装入内存 SQLite 数据库并执行一条 SQL 查询（只读）。

表：societies、branches、party_cells、leaders、inspections、stars、coverage、terms；
--schema 列出全部表和列。日期为 YYYY-MM-DD 文本，是/否为 1/0，枚举为英文代码。
只能读取上述表、调用常用函数（不含 randomblob、zeroblob、load_extension、fts3_tokenizer 等）；
查询有时间（--timeout）、内存（1 GB）、行数（--max-rows）和单个值（10 MB）上限，超出或按 Ctrl-C
即停止并说明原因，退出码 1；SQL 有误或不是只读查询时退出码 2。
例：kexie sql "SELECT level, count(*) FROM societies WHERE status='active' GROUP BY level" """,
)
@click.argument("query", required=False, default="")
@click.option("--schema", "show_schema", is_flag=True, help="列出表和列后退出。")
@click.option("--at", "at", default=None, metavar="REV", help="按 Git 版本 REV 时的台账查询（不改动工作区）。")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=86400),
    callback=opt.finite,
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="查询时间上限（秒）；超时即停止，退出码 1。",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=100_000,
    show_default=True,
    help="结果行数上限；超出即停止，退出码 1。",
)
@opt.common
@opt.as_of_option
@opt.format_option(formats.LISTING)
@opt.output_option
@answered(unless=("at",), when=reads_no_clock)
def command(
    query: str,
    show_schema: bool,
    at: str | None,
    timeout: float,
    max_rows: int,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    from functools import partial

    from kexie_cli.query import dataset, sqlite
    from kexie_cli.query.snapshot import snapshot

    language = opt.lang(lang)
    if show_schema:
        opt.emit_table(sqlite.schema_table(language), fmt, language, output)
        return
    registry = opt.open_registry(root)
    snap = snapshot(registry, opt.today(as_of), language, at)
    skipped = opt.warn_unreadable(snap.records, language)
    limits = sqlite.Limits(seconds=timeout, rows=max_rows)
    result = sqlite.run(partial(dataset.build, snap.records, snap.qctx), query, language, limits)
    opt.emit_table(opt.noted(result, skipped, language), fmt, language, output)
