"""kexie due-elections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered
from kexie_cli.kinds import ORG_CODES as KIND_CODES


def _within(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from kexie_cli.calendar.lead import parse_within
    from kexie_cli.i18n import tr

    try:
        return parse_within(value)
    except ValueError:
        raise click.BadParameter(tr("elections.bad_within", opt.lang(None), value=value)) from None


@click.command(
    "due-elections",
    help="""换届提醒：列出任期（或经批准的延期）已届满（逾期）或将在提醒期内届满的学会、基层科协和党组织。

按届满日期排序，显示届次、本届开始、届满日期、剩余或逾期天数、理事长/主席、秘书长/书记、
是否已批准延期，以及下一步换届工作（各类记录的步骤见 docs/calendar.md）。
换届大会后，备案、变更登记或选举结果报批未办完的记录继续列出（状态 follow-up，换届后续）。
提醒期按类别取设置 elections.<类别>.lead_months（默认 elections.lead_months），可用 --within 90d|6m|1y 统一改写。
--format ics --output FILE 生成日历文件（每条记录一个全天事件，重复导入会更新而不重复）。
退出码：0 成功（有逾期记录也是 0）；2 用法或环境错误。""",
)
@opt.common
@opt.as_of_option
@opt.format_option(formats.CALENDAR)
@opt.output_option
@click.option("--within", callback=_within, default=None, help="提醒期：天数、月数或年数，如 90d、6m、1y。")
@click.option(
    "--kind",
    "kinds",
    type=opt.kind_choice(KIND_CODES),
    multiple=True,
    metavar="类别",
    help="只列出这一类记录（可重复）：" + "、".join(KIND_CODES) + "，或其中文名称。",
)
@click.option(
    "--level",
    "levels",
    type=opt.LabelChoice(opt.LEVELS),
    multiple=True,
    help="只列出这一级别的学会（可重复；基层科协和党组织没有级别，不列出）。",
)
@click.option(
    "--state",
    "states",
    type=opt.LabelChoice(opt.TERM_STATES),
    multiple=True,
    help="只列出逾期、即将届满或换届后续未办结的。",
)
@click.option("--parent", default=None, metavar="ID", help="只列出该记录及其下级（按 parent 链）。")
@answered()
def command(
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
    within: Any,
    kinds: tuple[str, ...],
    levels: tuple[str, ...],
    states: tuple[str, ...],
    parent: str | None,
) -> None:
    from kexie_cli.calendar.elections import ElectionQuery, due_elections, elections_table
    from kexie_cli.calendar.lead import Lead

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    query = ElectionQuery(
        today=opt.today(as_of),
        lead=within or Lead.months(registry.settings.lead_months),
        lead_given=within is not None,
        kinds=frozenset(kinds) or None,
        levels=frozenset(levels) or None,
        states=frozenset(states) or None,
        parent=parent,
    )
    loaded = opt.load(registry, language, query.today)
    skipped = len(loaded.unreadable)
    items = due_elections(loaded.records, registry.settings, query)
    if fmt == "ics":
        from kexie_cli.calendar.ics import write_calendar
        from kexie_cli.errors import KexieError

        if output is None:
            raise KexieError("output.required", fmt="ics")
        write_calendar(items, output, registry.settings.registry, query.lead, query.today, language)
        return
    table = opt.noted(elections_table(items, registry.settings, query, language), skipped, language)
    opt.emit_table(table, fmt, language, output)
