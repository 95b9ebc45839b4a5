"""kexie inspections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "inspections",
    help="""年检/年报情况：某一年度每个在册学会的年检结果、报送日期、是否免检和连续未参检/不合格年数。

默认年度为截至今天（--as-of）已过报送截止日（设置 inspections.deadline）的最近一年。
第二张表列出需跟进的社团：连续两年未参检或不合格的解除资格候选（K402）和没有该年度记录的（K401）。
汇总行给出各结果数量、合格率和报送率。--format csv 只输出第一张表；xlsx 每张表一个工作表。
退出码：0 成功；2 用法或环境错误。""",
)
@opt.common
@opt.as_of_option
@opt.format_option(formats.LISTING)
@opt.output_option
@click.option(
    "--year", type=click.IntRange(1900, 2999), default=None, help="年检年度（默认：最近一个已过截止日的年度）。"
)
@answered()
def command(
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
    year: int | None,
) -> None:
    from kexie_cli.calendar.inspections import inspections, inspections_report
    from kexie_cli.cli.calendar_output import emit_report

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    loaded = opt.load(registry, language, opt.today(as_of))
    summary = inspections(loaded.records, registry.settings, opt.today(as_of), year)
    report = inspections_report(summary, registry.settings, registry.schemas, language)
    emit_report(opt.noted_report(report, loaded.records, len(loaded.unreadable), language), fmt, language, output)
