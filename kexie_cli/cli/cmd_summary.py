"""kexie summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "summary",
    help="""统计表：不给 TABLE 时输出全部。统计在册记录（正常、停滞、暂停；不含解除资格、注销）。

TABLE：levels 级别×学科，stars 星级学会，npo 社会组织评估等级，party 两个覆盖，
grassroots 街道/村覆盖率，branches 区县×基层科协类型，three-heads 三长，members 会员，
terms 换届状态，inspections 报告年度年检结果，elections 各季度届满与完成换届，
inspection-history 近五个年度年检结果；annual 年度工作（年度工作记录的合计与同比，及
annual-categories 按活动类别、annual-levels 按级别、annual-orgs 按单位三张表）。
--year 年度工作表的年度（默认：已有年报报送的最近年度）。
--at REV 按 Git 版本 REV 时的台账统计（不改动工作区），便于前后对比。
--where 与 kexie list 相同的筛选条件（可重复），只统计符合条件的记录；字段不适用于某类记录时该类不计入，
党组织按其覆盖的记录计入，如 --where party_affiliation=tech-society-committee（党建归属科技社团党委）。""",
)
@click.argument("tables", nargs=-1)
@click.option("--where", "-w", "where", multiple=True, help="筛选条件 FIELD OP VALUE（同 kexie list），可重复。")
@click.option("--at", "at", default=None, metavar="REV", help="按 Git 版本 REV 时的台账统计。")
@click.option("--year", type=click.IntRange(1900, 2100), default=None, help="年度工作表（annual）的年度。")
@opt.common
@opt.as_of_option
@opt.format_option(formats.LISTING)
@opt.output_option
@answered(unless=("at",))
def command(
    tables: tuple[str, ...],
    where: tuple[str, ...],
    at: str | None,
    year: int | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    from kexie_cli.query.snapshot import snapshot
    from kexie_cli.query.summary import summary
    from kexie_cli.reporters.summary import emit_summary

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    snap = snapshot(registry, opt.today(as_of), language, at)
    skipped = opt.warn_unreadable(snap.records, language)
    result = [
        (name, opt.noted(data, skipped, language))
        for name, data in summary(snap.records, snap.qctx, list(tables) or None, where, year)
    ]
    emit_summary(result, opt.pick_format(fmt), language, output, opt.use_color(), opt.xlsx_heading())
