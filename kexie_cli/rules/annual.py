"""K411–K415: annual records (records/annual/<year>/, issue 21): figures to verify, missing 年报, totals."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.figures.annual import (
    FIGURES,
    KIND,
    annual_records,
    annual_settings,
    event_date,
    events,
    far_off,
    org_of,
    owes_report,
    state_of,
    value,
    year_of,
)
from kexie_cli.finding import Severity
from kexie_cli.kinds import ORG_CODES
from kexie_cli.records.model import Record, integer
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.terms import report_deadline, report_year

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@rule("K411", INFO, "年度数字与上年相差悬殊，请核实", "A figure far off last year's: please verify")
def far_off_last_year(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A figure of an annual record is ``annual.outlier_factor`` times last
    year's (default 3) or more, or that many times less, and the larger of the
    two is at least ``annual.outlier_min`` (default 10). Statistical notices
    ask for a second look at such figures (数据审核: 与上年相比变化较大的指标须核实);
    it is a hint, not an error. Reported at the figure.

    中文：年度记录中的某个数字是上年同一数字的 annual.outlier_factor 倍（默认 3）以上，
    或不足上年的几分之一，且两年中较大的数不小于 annual.outlier_min（默认 10）：
    统计审核要求对变化较大的指标再核实一次。仅为提示。

    Fails:
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        org: demo-society
        year: 2025
        academic: {events: 40}
        --- records/annual/2024/demo-society-2024.yaml
        id: demo-society-2024
        org: demo-society
        year: 2024
        academic: {events: 12}
    Passes:
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        org: demo-society
        year: 2025
        academic: {events: 30}
        --- records/annual/2024/demo-society-2024.yaml
        id: demo-society-2024
        org: demo-society
        year: 2024
        academic: {events: 12}
    """
    if record.kind != KIND:
        return
    org, year = org_of(record), year_of(record)
    if org is None or year is None:
        return
    last = ctx.index.get(f"{org}-{year - 1}")
    if last is None or last.kind != KIND or not last.loaded or org_of(last) != org:
        return
    settings = annual_settings(ctx.settings)
    for figure in FIGURES:
        now, before = value(record, figure), value(last, figure)
        if now is None or before is None or not far_off(now, before, settings):
            continue
        params = {"figure": figure.zh, "now": now, "before": before, "year": year - 1}
        params["factor"] = f"{settings.outlier_factor:g}"
        yield Hit(figure.path, params, variant="up" if now > before else "down")


@rule("K412", W, "年报逾期未报", "Annual report missing after the deadline", scope="registry")
def report_missing(ctx: Context) -> Iterator[Hit]:
    """
    An organisation that should report the last year whose 年报 deadline has
    passed (settings ``annual.deadline``, default 03-31 of the next year: the
    secretariat's own date, set in its 年报 notice) has no annual record for
    it, or one that is 未报 (draft) or 退回修改 (returned) and not handed in
    again. An organisation should report when it is active and was founded
    before the year ended. The rule applies to a year only once the registry
    keeps annual records of that year (the round has begun): a registry that
    keeps none is not warned. A missing record is reported at the
    organisation's file, a draft or returned one at its ``report.status``.

    中文：截止日（设置 annual.deadline，默认次年 03-31，由秘书处在年报通知中确定）已过的
    最近一个年度，应报组织（状态正常、在该年底前成立）没有年度记录，或记录为未报、
    退回修改后未重报。台账中还没有该年度的任何年度记录时（年报尚未开始）不检查。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        founded: 2010-04-01
        --- records/annual/2025/demo-other-2025.yaml
        id: demo-other-2025
        org: demo-other
        year: 2025
        report: {status: submitted}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        founded: 2010-04-01
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        org: demo-society
        year: 2025
        report: {status: submitted}
    """
    settings = annual_settings(ctx.settings)
    year = report_year(ctx.today, settings.deadline)
    of_year = {org_of(r): r for r in annual_records(ctx.index.records) if year_of(r) == year}
    if not of_year:
        return
    deadline = report_deadline(year, settings.deadline).isoformat()
    params = {"year": year, "deadline": deadline}
    for org in ctx.index.records:
        if org.kind not in ORG_CODES or not owes_report(org, year):
            continue
        found = of_year.get(org.id)
        if found is None:
            yield Hit((), params, variant="missing", record=org)
        elif state_of(found) in {"draft", "returned"}:
            where = ("report", "status") if found.get("report", "status") is not None else ()
            yield Hit(where, params, variant=state_of(found), record=found)


@rule("K413", E, "年度数字前后矛盾", "Annual figures that do not add up")
def totals_do_not_add_up(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    Figures of one annual record contradict each other: new members more than
    individual members; 国际性 + 全国性 + 区域性 academic events more than all
    academic events; 全国科普日 events more than all 科普 events; adopted
    proposals and reports more than those submitted; more listed ``events`` of
    a category (academic, popular) than the record's total for it. Reported
    at the part that is too large (for listed events: the total).

    中文：同一年度记录中的数字互相矛盾：新发展会员多于个人会员；国际性、全国性、区域性
    学术活动之和多于学术活动总场次；全国科普日活动多于科普活动总场次；被采纳的建议和报告
    多于提交的件数；events 中某类活动的条数多于该类的总场次。

    Fails:
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        members: {individual: 100, new: 120}
    Passes:
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        members: {individual: 1500, new: 120}
    """
    if record.kind != KIND:
        return
    g = record.get
    yield from _part_over(record, "members", ("members", "individual"), (("members", "new"),))
    split = (("academic", "international"), ("academic", "national"), ("academic", "regional"))
    yield from _part_over(record, "academic", ("academic", "events"), split)
    yield from _part_over(record, "science_day", ("popular", "events"), (("popular", "science_day_events"),))
    adopted, proposals, reports = (integer(g("think_tank", k)) for k in ("adopted", "proposals", "reports"))
    if adopted is not None and (proposals is not None or reports is not None):
        submitted = (proposals or 0) + (reports or 0)
        if adopted > submitted:
            yield Hit(("think_tank", "adopted"), {"part": adopted, "whole": submitted}, variant="think_tank")
    for category, path in (("academic", ("academic", "events")), ("popular", ("popular", "events"))):
        total = integer(g(*path))
        listed = sum(1 for _, e in events(record) if e.get("category") == category)
        if total is not None and listed > total:
            yield Hit(path, {"part": listed, "whole": total}, variant=f"listed_{category}")


def _part_over(
    record: Record, variant: str, whole: tuple[str, ...], parts: tuple[tuple[str, ...], ...]
) -> Iterator[Hit]:
    total = integer(record.get(*whole))
    found = [(p, integer(record.get(*p))) for p in parts]
    given = [(p, n) for p, n in found if n is not None]
    if total is None or not given:
        return
    amount = sum(n for _, n in given)
    if amount > total:
        where = given[-1][0] if len(given) == 1 else given[0][0][:1]
        yield Hit(where, {"part": amount, "whole": total}, variant=variant)


@rule("K414", E, "活动日期不在本年度内", "An event dated outside the record's year")
def event_outside_year(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An event listed in an annual record is dated outside the record's
    ``year``. Reported at the event's date.

    中文：年度记录 events 中某项活动的日期不在该记录的年度内。

    Fails:
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        year: 2025
        events: [{date: 2024-12-30, title: 年会}]
    Passes:
        --- records/annual/2025/demo-society-2025.yaml
        id: demo-society-2025
        year: 2025
        events: [{date: 2025-12-30, title: 年会}]
    """
    if record.kind != KIND:
        return
    year = integer(record.get("year"))
    if year is None:
        return
    for index, event in events(record):
        day = event_date(event)
        if day is not None and day.year != year:
            yield Hit(("events", index, "date"), {"date": day.isoformat(), "year": year})


@rule("K415", W, "年度记录的年度在未来", "An annual record for a future year")
def future_year(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An annual record's ``year`` is after the current year (``--as-of``): its
    figures cannot be known yet. The current year may be recorded as it goes.

    中文：年度记录的年度晚于当前年份（--as-of），其数字尚不可能得知。当年的记录可以边做边记。

    Fails (as of 2026-11-23):
        --- records/annual/2027/demo-society-2027.yaml
        id: demo-society-2027
        year: 2027
    Passes (as of 2026-11-23):
        --- records/annual/2026/demo-society-2026.yaml
        id: demo-society-2026
        year: 2026
    """
    if record.kind != KIND:
        return
    year = integer(record.get("year"))
    if year is not None and year > ctx.today.year:
        yield Hit(("year",), {"year": year, "today": ctx.today.isoformat()})
