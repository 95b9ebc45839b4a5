"""kexie election."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt
from kexie_cli.cli.editing import edit_options, run_edit


@click.command(
    "election",
    help="""记录本届换届工作的一个步骤已完成：写入记录 ID 的 election.<步骤>（{date, doc_no}）。

步骤（各类记录的步骤和期限见 docs/calendar.md）：plan_submitted 报送换届方案（党组织为换届请示）、
party_review 党组织前置审查（学会）、approved 方案获批（党组织为上级党组织批复）、audited 换届财务审计（学会）、
candidates 候选人预备人选经上级党组织审查（党组织）、congress_requested 报送召开会员（代表）大会的请示（学会，
--planned 写明计划召开日期）、congress_approved 请示获批复（学会）、held 召开换届大会、filed 报科协备案（学会）、
filing_approved 业务主管单位审查同意（学会）、registered 民政变更登记（学会）/报上级科协备案（基层科协）/
选举结果报批（党组织）。
已完成的步骤在 kexie due-elections 和换届函件中不再列为待办。kexie elect 记录换届时把 election
移入 past_terms 并清空；此后的 registered 写入刚结束那一届的 election。日期不得晚于今天（--as-of）。""",
)
@click.argument("record_id", metavar="ID")
@click.option(
    "--step",
    type=opt.LabelChoice(opt.STEPS),
    required=True,
    metavar="STEP",
    help="完成的步骤：代码或中文名称（如 召开换届大会），见上。",
)
@click.option("--date", "date", type=opt.DATE, required=True, help="完成日期（YYYY-MM-DD）。")
@click.option("--doc-no", "doc_no", default=None, help="文号，如 示科协学〔2026〕7号。")
@click.option(
    "--planned", type=opt.DATE, default=None, help="congress_requested：请示中计划召开大会的日期（YYYY-MM-DD）。"
)
@edit_options
def command(
    record_id: str,
    step: str,
    date: dt.date,
    doc_no: str | None,
    planned: dt.date | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    dry_run: bool,
) -> None:
    from kexie_cli.edit.operations import RecordStep

    opt.lang(lang)
    number = doc_no.strip() if doc_no and doc_no.strip() else None
    run_edit(record_id, RecordStep(step, date, opt.today(as_of), number, planned), root, lang, as_of, dry_run)
