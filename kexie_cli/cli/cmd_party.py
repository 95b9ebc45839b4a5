"""kexie party."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt

FORMATS = ("table", "plain", "json", "csv", "md", "xlsx")


@click.command(
    "party",
    help="""党建工作：正常状态科技社团的党的组织和工作覆盖情况（两个全覆盖），以及各党组织的三会一课。

覆盖方式：单独建立党组织、联合党支部、党的工作小组、功能型党支部、仅党建联络员/指导员、未覆盖；
给出数量和占比，并列出未覆盖的社团（K501）。党组织表列出组织形式、类别、党员数、书记、
届满日期和近12个月三会一课缺项（K506；频次见设置 party.meetings，支委会、党小组会默认每月）。
--format csv 只输出第一张表；xlsx 每张表一个工作表。退出码：0 成功；2 用法或环境错误。""",
)
@opt.common
@opt.as_of_option
@opt.format_option(FORMATS)
@opt.output_option
def command(root: Path | None, lang: str | None, as_of: dt.date | None, fmt: str | None, output: Path | None) -> None:
    from kexie_cli.calendar.party import party_overview, party_report
    from kexie_cli.cli.calendar_output import emit_report

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    records = registry.load()
    skipped = opt.warn_unreadable(records, language)
    overview = party_overview(records, registry.settings, registry.schemas, opt.today(as_of))
    report = party_report(overview, registry.settings, registry.schemas, language)
    emit_report(opt.noted_report(report, records, skipped, language), fmt, language, output)
