"""K501–K507: Party organisations (党的组织和工作全覆盖, 三会一课)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kexie_cli.finding import Severity
from kexie_cli.records.model import Record, current_leaders, date, entries, integer, term_of, text
from kexie_cli.rules import Hit, rule
from kexie_cli.rules.timing import term_end_path, term_params
from kexie_cli.terms import add_months, completed_quarters, quarter_bounds
from kexie_cli.validate.context import Context

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
MIN_FULL_MEMBERS = 3
JOINT_MAX = 5


def covers(record: Record) -> list[str]:
    value = record.get("covers")
    items = value if isinstance(value, list) else []
    return list(dict.fromkeys(v for v in items if isinstance(v, str)))


def covering_cells(record_id: str, ctx: Context) -> list[Record]:
    """Live party cells that cover the record."""
    return [c for c in ctx.index.covering.get(record_id, []) if c.live]


@rule("K501", W, "社团党的组织和工作未覆盖", "Active society not covered by the Party")
def not_covered(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An active society is covered by no party cell and has no ``liaison``
    (党建联络员 or 党建工作指导员): 党的组织和工作全覆盖 is not reached.

    中文：正常状态的科技社团既没有党组织覆盖，也没有党建联络员或党建工作
    指导员（liaison），未实现党的组织和工作全覆盖。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        liaison: {name: 陈静, role: instructor, since: 2024-03-01}
    """
    if record.kind != "society" or not record.active:
        return
    if record.get("liaison") is None and not covering_cells(record.id, ctx):
        yield Hit(())


@rule("K502", E, "党支部正式党员不足3人", "Party branch with fewer than 3 full members")
def too_few_members(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A ``branch``, ``joint-branch`` or ``general-branch`` needs at least 3 full
    members (正式党员3人以上); fewer calls for a working group or a joint
    branch instead.

    中文：党支部、联合党支部、党总支须有正式党员 3 人以上；不足 3 人的应
    建立党的工作小组或联合党支部。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: branch
        members: {full: 2, probationary: 1}
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: working-group
        members: {full: 2, probationary: 1}
    """
    full = integer(record.get("members", "full"))
    forms = ("branch", "joint-branch", "general-branch")
    if record.kind == "party-cell" and record.get("form") in forms and full is not None and full < MIN_FULL_MEMBERS:
        yield Hit(("members", "full"), {"full": full})


@rule("K503", E, "覆盖对象数量与组织形式不符", "Covered records do not fit the form")
def cover_count(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A ``joint-branch`` must cover at least 2 records; a ``branch`` or
    ``working-group`` covers at most 1.

    中文：联合党支部至少覆盖 2 个单位；单独建立的党支部或党的工作小组
    最多覆盖 1 个单位。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: joint-branch
        covers: [demo-society]
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: branch
        covers: [demo-society]
    """
    if record.kind != "party-cell":
        return
    form, count = record.get("form"), len(covers(record))
    if form == "joint-branch" and count < 2:
        yield Hit(("covers",), {"count": count}, variant="joint")
    elif form in ("branch", "working-group") and count > 1:
        yield Hit(("covers",), {"count": count}, variant="single")


@rule("K504", INFO, "党组织书记未在所覆盖单位任职", "Secretary is not a leader of a covered record")
def secretary_cross_post(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The party cell's current secretary holds no current post among the
    leaders of the records it covers (双向进入、交叉任职).

    中文：党组织现任书记未在所覆盖单位的领导班子中任职（双向进入、交叉任职）。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        covers: [demo-society]
        leaders:
          - {role: secretary, name: 王明, since: 2024-01-10}
        --- records/societies/demo-society.yaml
        id: demo-society
        leaders:
          - {role: chair, name: 李华, since: 2023-01-10}
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        covers: [demo-society]
        leaders:
          - {role: secretary, name: 李华, since: 2024-01-10}
        --- records/societies/demo-society.yaml
        id: demo-society
        leaders:
          - {role: chair, name: 李华, since: 2023-01-10}
    """
    if record.kind != "party-cell" or not record.live:
        return
    targets = [r for r in (ctx.index.get(i) for i in covers(record)) if r is not None]
    if not targets:
        return
    secretaries = current_leaders(record.data, ctx.today, "secretary")
    if not secretaries:
        return
    names = {ld.name for t in targets for ld in current_leaders(t.data, ctx.today)}
    for secretary in secretaries:
        if secretary.name not in names:
            yield Hit(("leaders", secretary.index), {"name": secretary.name})


@rule("K505", W, "党组织换届逾期", "Party cell 换届 overdue")
def cell_overdue(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A party cell's term (or its approved extension) has ended: 换届 is overdue.

    中文：党组织本届任期（或经批准的延期）已届满，换届逾期。

    Fails (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        term: {number: 2, started: 2023-05-10, years: 3}
    Passes (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        term: {number: 2, started: 2024-05-10, years: 3}
    """
    term = term_of(record.data)
    if record.kind == "party-cell" and record.live and term is not None and ctx.today > term.end:
        yield Hit(term_end_path(record), term_params(record, ctx))


LAST_12_MONTHS = "12m"  # the period label of a yearly meeting: the whole last 12 months


def _periods(frequency: str, today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of the completed periods in the last 12 months."""
    if frequency == "yearly":
        return [(LAST_12_MONTHS, add_months(today, -12) + dt.timedelta(days=1), today)]
    if frequency == "quarterly":
        return [(f"{y}Q{q}", *quarter_bounds(y, q)) for y, q in completed_quarters(today)]
    out = []
    for back in range(12, 0, -1):
        first = add_months(today.replace(day=1), -back)
        last = add_months(first, 1) - dt.timedelta(days=1)
        out.append((f"{first.year}-{first.month:02d}", first, last))
    return out


def meeting_gaps(record: Record, ctx: Context) -> dict[str, list[str]]:
    """Meeting type -> labels of the periods in the last 12 months without one."""
    log = [(date(m.get("date")), text(m.get("type"))) for _, m in entries(record.get("meetings"))]
    founded = date(record.get("founded"))
    gaps: dict[str, list[str]] = {}
    for kind, frequency in ctx.settings.meetings.items():
        missing = []
        for label, first, last in _periods(frequency, ctx.today):
            if founded is not None and founded > first:
                continue
            if not any(t == kind and d is not None and first <= d <= last for d, t in log):
                missing.append(label)
        if missing:
            gaps[kind] = missing
    return gaps


@rule("K506", INFO, "三会一课有缺项", "三会一课 gap")
def meeting_gap(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    In the last 12 months the 三会一课 log (``meetings``) shows no member
    meeting or no 党课 in a completed quarter, or no 组织生活会 at all.
    Frequencies come from settings ``party.meetings``. Cells without a
    ``meetings`` log are not checked; periods before ``founded`` are skipped.

    中文：近 12 个月的三会一课记录（meetings）中，某个已结束的季度没有党员大会或
    党课，或全年没有组织生活会。频次见设置 party.meetings。未登记 meetings 的
    党组织不检查；成立之前的时段不计。

    Fails (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        meetings:
          - {date: 2026-02-10, type: life-meeting}
    Passes (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        meetings:
          - {date: 2025-11-10, type: member-meeting}
          - {date: 2025-11-12, type: lecture}
          - {date: 2026-02-10, type: life-meeting}
          - {date: 2026-02-10, type: member-meeting}
          - {date: 2026-03-10, type: lecture}
          - {date: 2026-05-10, type: member-meeting}
          - {date: 2026-06-10, type: lecture}
          - {date: 2026-08-10, type: member-meeting}
          - {date: 2026-09-10, type: lecture}
    """
    if record.kind != "party-cell" or not record.live or not isinstance(record.get("meetings"), list):
        return
    for kind, periods in meeting_gaps(record, ctx).items():
        label = ctx.label("party-cell", ("meetings", 0, "type"), kind)
        if periods == [LAST_12_MONTHS]:
            yield Hit(("meetings",), {"type": label}, variant="year", ident=kind)
        else:
            periods_text = (", " if ctx.lang == "en" else "、").join(periods)
            yield Hit(("meetings",), {"type": label, "periods": periods_text}, ident=kind)


@rule("K507", W, "联合党支部覆盖单位超过5个", "Joint branch covering more than 5 records")
def joint_too_large(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A ``joint-branch`` covers more than 5 records (联合党支部一般不超过5个单位).

    中文：联合党支部覆盖单位超过 5 个（联合党支部覆盖单位一般不超过 5 个）。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: joint-branch
        covers: [s-a1, s-b2, s-c3, s-d4, s-e5, s-f6]
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: joint-branch
        covers: [s-a1, s-b2, s-c3, s-d4, s-e5]
    """
    count = len(covers(record))
    if record.kind == "party-cell" and record.get("form") == "joint-branch" and count > JOINT_MAX:
        yield Hit(("covers",), {"count": count})
