"""kexie party."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "party",
    help="""党建工作：在册科技社团（正常、停滞、暂停）的党的组织和工作覆盖（两个全覆盖），以及各党组织的三会一课。

覆盖方式：单独建立党组织、联合党支部、功能型党支部、党的工作小组、党建联络员/指导员；每个社团列出
全部覆盖方式，按方式计数（一个社团可计入多行），另给党的组织覆盖、党的工作覆盖和未覆盖（正常状态的即
K501）。党组织表列出组织形式、类别、党员数、书记或组长、届满日期和近12个月三会一课缺项（与 K506
同一算法，按组织形式：见设置 party.meetings、party.upper_meetings；党的工作小组不开展三会一课、不换届）。
--where 与 kexie list 相同的筛选条件（可重复），如 --where party_affiliation=tech-society-committee。
--format csv 只输出第一张表；xlsx 每张表一个工作表。退出码：0 成功；2 用法或环境错误。""",
)
@click.option("--where", "-w", "where", multiple=True, help="筛选条件 FIELD OP VALUE（同 kexie list），可重复。")
@opt.common
@opt.as_of_option
@opt.format_option(formats.LISTING)
@opt.output_option
@answered()
def command(
    where: tuple[str, ...],
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    from kexie_cli.calendar.party import party_overview, party_report
    from kexie_cli.cli.calendar_output import emit_report

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    today = opt.today(as_of)
    loaded = opt.load(registry, language, today)
    overview = party_overview(loaded.records, registry.settings, registry.schemas, today, where, language)
    report = party_report(overview, registry.settings, registry.schemas, language)
    emit_report(opt.noted_report(report, loaded.records, len(loaded.unreadable), language), fmt, language, output)
