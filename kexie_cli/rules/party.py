"""K501–K507: Party organisations (党的组织和工作全覆盖, 三会一课)."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.figures.books import on_books
from kexie_cli.figures.terms import state_of
from kexie_cli.finding import Severity
from kexie_cli.numerals import period_label
from kexie_cli.party import cover as party_cover
from kexie_cli.party.cover import LAST_12_MONTHS, meeting_gaps
from kexie_cli.party.forms import form_of, head_role, meeting_label
from kexie_cli.records.model import Record, current_leaders, integer, text
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.rules.timing import term_end_path, term_params

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
MIN_FULL_MEMBERS = 3
JOINT_MAX = 5


def covers(record: Record) -> list[str]:
    value = record.get("covers")
    items = value if isinstance(value, list) else []
    return list(dict.fromkeys(v for v in items if isinstance(v, str)))


def covering_cells(record_id: str, ctx: Context) -> list[Record]:
    """Live party cells that cover the record (``party.cover.covering_cells``)."""
    return party_cover.covering_cells(record_id, ctx.index)


@rule("K501", W, "社团党的组织和工作未覆盖", "Active society not covered by the Party")
def not_covered(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An active society is covered by no party cell and has no ``liaison``
    (党建联络员 or 党建工作指导员) with a name: 党的组织和工作全覆盖 is not reached. The same test
    (``party.cover.cover_of``: no 党的工作覆盖) gives the 未覆盖 counts of ``kexie party`` and
    ``kexie summary party``, which count every society on the books; the rule reports the active ones.

    中文：正常状态的科技社团既没有党组织覆盖，也没有写明姓名的党建联络员或党建工作
    指导员（liaison），未实现党的组织和工作全覆盖。kexie party 和 kexie summary party 的“未覆盖”
    用同一判断统计全部在册社团，本规则只报告正常状态的社团。

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
    if not party_cover.cover_of(record, ctx.index).work:
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
    The party cell's current secretary (the 组长 of a working group) holds no
    current post among the leaders of the records it covers (双向进入、交叉任职).

    中文：党组织现任书记（党的工作小组为组长）未在所覆盖单位的领导班子中任职（双向进入、交叉任职）。

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
    role = head_role(record)
    secretaries = current_leaders(record.data, ctx.today, role)
    if not secretaries:
        return
    names = {ld.name for t in targets for ld in current_leaders(t.data, ctx.today)}
    title = "组长" if role == "group-leader" else "书记"
    for secretary in secretaries:
        if secretary.name not in names:
            yield Hit(("leaders", secretary.index), {"name": secretary.name, "title": title})


@rule("K505", W, "党组织换届逾期", "Party cell 换届 overdue")
def cell_overdue(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A party cell's term (or its approved extension) has ended: 换届 is overdue.
    A 党的工作小组 is appointed, not elected, and is not checked.

    中文：党组织本届任期（或经批准的延期）已届满，换届逾期。党的工作小组由上级党组织
    批准成立、成员由指定产生，不换届，不检查。

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
    if record.kind != "party-cell" or not on_books(record, ctx.today):
        return
    # state_of is None without 换届 (figures.terms.elected_term)
    if state_of(record, ctx.today, ctx.settings, ctx.index.get) == "overdue":
        yield Hit(term_end_path(record), term_params(record, ctx))


@rule("K506", INFO, "三会一课有缺项", "三会一课 gap")
def meeting_gap(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    In the last 12 months the 三会一课 log (``meetings``) misses a meeting the
    cell's form owes (settings ``party.meetings`` for a 党支部: 党员大会 and 党课
    each quarter, 支委会, 党小组会 and 主题党日 each month, 组织生活会 each year;
    ``party.upper_meetings`` for a 党总支 or 党委: 总支委员会 / 党委会 each month,
    组织生活会 each year). A 支部 with fewer than 7 full members has no 支委会
    (``party.committee_min_members``); 党小组会 are due only where the log shows a
    党小组. A 党的工作小组 holds no 三会一课. Cells without a ``meetings`` log are
    not checked; periods before ``founded`` are skipped. A month or quarter is
    checked only ``party.grace_days`` (default 15) days after it ends: records are
    entered after the month ends. ``kexie party`` shows the same gaps
    (``party.cover.meeting_gaps``).

    中文：近 12 个月的三会一课记录（meetings）中缺少该组织形式应开的会议：党支部按设置
    party.meetings（党员大会、党课每季度，支委会、党小组会、主题党日每月，组织生活会每年）；
    党总支、党委按 party.upper_meetings（总支委员会/党委会每月，组织生活会每年）。正式党员
    不足 7 人的支部不设支委会（party.committee_min_members），不检查支委会；登记过党小组会
    的支部才检查党小组会。党的工作小组不开展三会一课，不检查。未登记 meetings 的党组织
    不检查；成立之前的时段不计。月（季度）结束后过了宽限期（party.grace_days，默认 15 天）
    才检查该月（季度），会议记录通常在月底后补录。kexie party 显示同样的缺项。

    Fails (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        form: branch
        members: {full: 3}
        meetings:
          - {date: 2026-02-10, type: life-meeting}
    Passes (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        form: branch
        members: {full: 3}
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
          - {date: 2025-11-20, type: theme-day}
          - {date: 2025-12-20, type: theme-day}
          - {date: 2026-01-20, type: theme-day}
          - {date: 2026-02-20, type: theme-day}
          - {date: 2026-03-20, type: theme-day}
          - {date: 2026-04-20, type: theme-day}
          - {date: 2026-05-20, type: theme-day}
          - {date: 2026-06-20, type: theme-day}
          - {date: 2026-07-20, type: theme-day}
          - {date: 2026-08-20, type: theme-day}
          - {date: 2026-09-20, type: theme-day}
          - {date: 2026-10-20, type: theme-day}
    """
    gaps = meeting_gaps(record, ctx.settings, ctx.today)
    if not gaps:
        return
    form = form_of(record)
    for kind, periods in gaps.items():
        label = meeting_label(kind, form, ctx.lang, ctx.label("party-cell", ("meetings", 0, "type"), kind))
        if periods == [LAST_12_MONTHS]:
            yield Hit(("meetings",), {"type": label}, variant="year", ident=kind)
        else:
            periods_text = (", " if ctx.lang == "en" else "、").join(period_label(p, ctx.lang) for p in periods)
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


@rule("K508", W, "双重管理党组织未登记挂靠单位", "Category B cell without a host unit")
def dual_without_host(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A party cell of category ``B`` (双重管理: run by the supporting unit) names
    no host unit: neither its own ``host_unit`` nor the ``supporting_unit`` of a
    society (or ``host_unit`` of a branch) it covers.

    中文：管理类别为 B（双重管理，由挂靠单位党组织管理）的党组织未登记挂靠单位：
    本记录没有 host_unit，所覆盖的社团也没有 supporting_unit（基层科协没有 host_unit）。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        form: branch
        category: B
        covers: [demo-society]
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        form: branch
        category: B
        host_unit: 示例市第一人民医院
        covers: [demo-society]
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
    """
    if record.kind != "party-cell" or not record.live or record.get("category") != "B":
        return
    if text(record.get("host_unit")):
        return
    for target_id in covers(record):
        target = ctx.index.get(target_id)
        if target is not None and (text(target.get("supporting_unit")) or text(target.get("host_unit"))):
            return
    yield Hit(("category",))


@rule("K509", W, "功能型特设类别用于非功能型党组织", "Category C on a form that is not functional")
def functional_category(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    Category ``C`` (功能型特设) is given to a party cell whose form is not
    ``functional-branch``.

    中文：管理类别 C（功能型特设）只用于功能型党支部，本党组织的组织形式不是功能型党支部。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: joint-branch
        category: C
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: functional-branch
        category: C
    """
    form = form_of(record)
    if record.kind == "party-cell" and record.get("category") == "C" and form not in (None, "functional-branch"):
        yield Hit(("category",), {"form": ctx.label("party-cell", ("form",), form)})
