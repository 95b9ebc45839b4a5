"""K309–K312: the steps of a 换届 (rules/process.py has each kind's steps and deadlines)."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.finding import Severity
from kexie_cli.party.forms import holds_elections
from kexie_cli.records.election import progress
from kexie_cli.records.model import Record
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.rules.process import held_process, recorded_processes, schedule, skipped
from kexie_cli.rules.process import out_of_order as steps_out_of_order

W = Severity.WARNING
ORG_KINDS = ("society", "branch")
LABELS = {
    "plan_submitted": ("报送换届方案（请示）", "plan_submitted"),
    "party_review": ("党组织前置审查", "party_review"),
    "approved": ("方案（请示）获批", "approved"),
    "audited": ("换届财务审计", "audited"),
    "candidates": ("候选人预备人选审查", "candidates"),
    "congress_requested": ("召开大会请示", "congress_requested"),
    "congress_approved": ("召开大会获批", "congress_approved"),
    "held": ("召开换届大会", "held"),
    "filed": ("报科协备案", "filed"),
    "filing_approved": ("审查同意", "filing_approved"),
    "registered": ("变更登记/备案（选举结果报批）", "registered"),
}


def _label(key: str, lang: str) -> str:
    zh, en = LABELS.get(key, (key, key))
    return en if lang == "en" else zh


def _late_after_congress(record: Record, ctx: Context, code: str) -> Iterator[Hit]:
    found = held_process(record.data, record.kind)
    if found is None:
        return
    where, node, end = found
    held = progress(node)["held"].date
    path = ".".join(str(p) for p in where)
    for step in schedule(record.kind, end, ctx.settings, node):
        wanted = code == "K312" if step.key == "registration" else code == "K309"
        if step.key not in ("filing", "registration") or not wanted or not step.late(ctx.today):
            continue
        days = (step.date - held).days
        params = {"held": held, "deadline": step.date, "path": path, "days": days, "step": step.key}
        fallback = "、".join(str(y) for y in step.fallback_years)
        note = f"（{fallback}年无国家节假日安排数据，按周一至周五计算工作日）" if fallback else ""
        params["note"] = (
            note if ctx.lang != "en" else (f" ({fallback}: no holiday data, Mon–Fri counted)" if fallback else "")
        )
        variant = record.kind or "" if code == "K309" else ""
        yield Hit((*where, "held"), params, variant=variant)


@rule("K309", W, "换届后未按期备案或报批", "No filing after the congress in time")
def filing_late(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The congress of a 换届 is held (``election.held``, or the ``election`` that
    ``kexie elect`` moved into the last ``past_terms`` entry) and its results
    are not filed in time: a society files with the 科协 within 30 working days
    (settings ``elections.society.filing_working_days``; China's holidays and
    调休 working weekends count; a year without holiday data counts Monday to
    Friday and the message says so), a 基层科协 files with the upper 科协 within
    30 days (``elections.branch.filing_days_after``), a Party cell reports the
    results to the 上级党组织 within 15 days (``elections.party.result_days_after``).
    On the last day there is no finding; from the next day there is.

    中文：已召开换届大会，未按期备案或报批：科技社团在大会后 30 个工作日内将换届结果报科协备案
    （设置 elections.society.filing_working_days，按国家法定节假日和调休计算；没有节假日数据的年份按
    周一至周五计算，消息中说明），基层科协 30 日内报上级科协备案（elections.branch.filing_days_after），
    党组织 15 日内将选举结果报上级党组织审批（elections.party.result_days_after）。期限最后一天不报告，次日起报告。

    Fails (as of 2026-11-23):
        --- records/branches/demo-branch.yaml
        id: demo-branch
        kind: branch
        status: active
        term: {number: 8, started: 2026-10-23, years: 5}
        past_terms:
          - number: 7
            started: 2021-10-23
            years: 5
            ended: 2026-10-23
            election:
              held: {date: 2026-10-23}
    Passes (as of 2026-11-23):
        --- records/branches/demo-branch.yaml
        id: demo-branch
        kind: branch
        status: active
        term: {number: 8, started: 2026-10-24, years: 5}
        past_terms:
          - number: 7
            started: 2021-10-24
            years: 5
            ended: 2026-10-24
            election:
              held: {date: 2026-10-24}
    """
    if record.live and holds_elections(record, ctx.settings):
        yield from _late_after_congress(record, ctx, "K309")


@rule("K312", W, "审查同意后未按期申请变更登记", "No change of registration within 30 days of the consent")
def registration_late(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A society's 业务主管单位 consented to its 换届 (``filing_approved``) and no
    变更登记 (``registered``) is recorded within 30 days (社会团体登记管理条例
    第十八条; settings ``elections.society.registration_days``).

    中文：业务主管单位已审查同意（filing_approved），30 日内未录入向登记管理机关申请变更登记
    （registered）（《社会团体登记管理条例》第十八条；设置 elections.society.registration_days）。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        term: {number: 8, started: 2026-09-01, years: 5}
        past_terms:
          - number: 7
            started: 2021-09-01
            years: 5
            ended: 2026-09-01
            election:
              held: {date: 2026-09-01}
              filed: {date: 2026-09-10}
              filing_approved: {date: 2026-10-23}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        term: {number: 8, started: 2026-09-01, years: 5}
        past_terms:
          - number: 7
            started: 2021-09-01
            years: 5
            ended: 2026-09-01
            election:
              held: {date: 2026-09-01}
              filed: {date: 2026-09-10}
              filing_approved: {date: 2026-10-24}
    """
    if record.kind == "society" and record.live:
        yield from _late_after_congress(record, ctx, "K312")


@rule("K310", W, "换届步骤日期先后颠倒", "换届 steps out of order")
def out_of_order(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A recorded step of the current 换届 (``election``) or of the last one
    (``past_terms``) is dated before a step that comes earlier in the kind's
    order (docs/calendar.md): a 批复 before its 方案, a congress before its approval.

    中文：当前换届（election）或最近一次换届（past_terms）中，某一步骤的日期早于它之前的步骤
    （如批复早于报送方案、换届大会早于批复），顺序见 docs/calendar.md。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        election:
          plan_submitted: {date: 2026-05-06}
          approved: {date: 2026-04-20}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        election:
          plan_submitted: {date: 2026-05-06}
          approved: {date: 2026-06-20}
    """
    for where, node in recorded_processes(record.data):
        for key, earlier, day, earlier_day in steps_out_of_order(record.kind, node):
            params = {
                "step": _label(key, ctx.lang),
                "date": day,
                "earlier": _label(earlier, ctx.lang),
                "earlier_date": earlier_day,
            }
            yield Hit((*where, key, "date"), params, ident=key)


@rule("K311", W, "换届步骤缺漏", "换届 step skipped")
def step_skipped(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A later step of the current or the last 换届 is recorded while an earlier
    one is not: a congress held with no 方案 or 批复 on record, a 备案 with no
    congress. Each kind has its own steps (docs/calendar.md); a 党组织前置审查
    (``party_review``) is not required. One finding per 换届, naming every step missing.

    中文：当前或最近一次换届中，已记录后面的步骤而缺少前面的步骤（如召开换届大会但没有方案和批复的记录）。
    各类记录的步骤不同（docs/calendar.md）；党组织前置审查（party_review）不要求。每次换届报告一条，列出缺少的全部步骤。

    Fails:
        --- records/branches/demo-branch.yaml
        id: demo-branch
        kind: branch
        election:
          held: {date: 2026-10-23}
    Passes:
        --- records/branches/demo-branch.yaml
        id: demo-branch
        kind: branch
        election:
          plan_submitted: {date: 2026-06-01}
          approved: {date: 2026-07-20}
          held: {date: 2026-10-23}
    """
    if not holds_elections(record, ctx.settings):
        return
    sep = ", " if ctx.lang == "en" else "、"
    for where, node in recorded_processes(record.data):
        missing = skipped(record.kind, node)
        if missing:
            names = sep.join(_label(key, ctx.lang) for key, _ in missing)
            later = missing[-1][1]
            yield Hit((*where, later), {"missing": names, "later": _label(later, ctx.lang)}, at_key=True, ident=later)
