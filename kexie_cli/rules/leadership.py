"""K306–K308: the leadership of a record (领导班子): who must hold office, committees, age and terms."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.figures.terms import current_term
from kexie_cli.finding import Severity
from kexie_cli.party.forms import head_role
from kexie_cli.records.model import (
    Leader,
    Record,
    current_leaders,
    in_office,
    integer,
    leaders,
)
from kexie_cli.records.roles import role_label
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.rules.timing import ORG_KINDS
from kexie_cli.terms import age_in

E, W = Severity.ERROR, Severity.WARNING
SENIOR_ROLES = ("chair", "vice-chair", "secretary-general")


def _one(record: Record, ctx: Context, role: str, variant: str, exactly: bool) -> Iterator[Hit]:
    found = current_leaders(record.data, ctx.today, role)
    if len(found) == 1 or (not exactly and found):
        return
    where: tuple[str | int, ...] = ("leaders",) if record.get("leaders") is not None else ()
    if len(found) > 1:
        where = ("leaders", found[1].index)
    yield Hit(where, {"count": len(found), "role": role_label(role, record.kind, ctx.lang)}, variant=variant)


@rule("K306", E, "领导班子不完整", "Leadership incomplete")
def leadership_incomplete(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A live society or branch must have exactly one current ``chair``; a
    society also a current ``secretary-general``; a party cell exactly one
    current ``secretary`` — a 党的工作小组 exactly one current 组长
    (``group-leader``) instead. A leader is current from ``since`` up to the
    day before ``until`` (``until`` is exclusive: on the day of a 换届 only
    the successor holds office). Revoked and dissolved records are exempt.

    中文：正常、停滞或暂停状态的科技社团须有且仅有一名现任理事长，基层科协须有且仅有
    一名现任主席；科技社团还须有现任秘书长；党组织须有且仅有一名现任书记，党的工作小组
    须有且仅有一名现任组长（group-leader）。任职期间为 since 起至 until 前一日
    （until 当天已离任，换届当天只有新任者在任）。已解除资格或注销的记录不检查。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        leaders:
          - {role: deputy-secretary, name: 王明, since: 2024-01-10}
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        status: active
        leaders:
          - {role: secretary, name: 王明, since: 2024-01-10}
    """
    if not record.live:
        return
    if record.kind in ORG_KINDS:
        yield from _one(record, ctx, "chair", "chair", exactly=True)
    if record.kind == "society":
        yield from _one(record, ctx, "secretary-general", "sg", exactly=False)
    if record.kind == "party-cell":
        role = head_role(record)
        yield from _one(record, ctx, role, "group_leader" if role == "group-leader" else "secretary", exactly=True)


@rule(
    "K307",
    E,
    "基层科协委员会人数或秘书长人数不合规",
    "Branch committee size or secretaries-general",
)
def branch_committee(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An agency or institution branch's committee must have 7 to 9 members
    (settings ``branches.committee_size``, by branch type), and no branch
    may have more than one current secretary-general.

    中文：机关科协、事业单位科协委员会应为 7 至 9 人（设置 branches.committee_size，
    按类型配置）；基层科协现任秘书长不得多于一名。

    Fails:
        --- records/branches/demo-branch.yaml
        id: demo-branch
        kind: branch
        type: agency
        committee: {members: 11}
    Passes:
        --- records/branches/demo-branch.yaml
        id: demo-branch
        kind: branch
        type: agency
        committee: {members: 9}
    """
    if record.kind != "branch":
        return
    size = ctx.settings.committee_size.get(str(record.get("type")))
    members = integer(record.get("committee", "members"))
    if size is not None and members is not None and not size[0] <= members <= size[1]:
        label = ctx.label("branch", ("type",), record.get("type"))
        yield Hit(
            ("committee", "members"),
            {"members": members, "min": size[0], "max": size[1], "type": label},
        )
    general = current_leaders(record.data, ctx.today, "secretary-general")
    if len(general) > 1:
        yield Hit(("leaders", general[1].index), {"count": len(general)}, variant="sg")


@rule("K308", W, "超龄或连任超届", "Over the age limit or too many consecutive terms")
def leader_limits(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A current chair, vice-chair or secretary-general was older than the age
    limit at the start of the term (settings ``leaders.max_age``, default 70;
    age = term start year − ``birth_year``), or is in more than two
    consecutive terms (``leaders.max_terms``; counted from ``first_term``).

    中文：现任理事长、副理事长、秘书长在本届开始时超过任职年龄上限（设置
    leaders.max_age，默认 70 岁；按换届年份减出生年份计算），或连任超过两届
    （leaders.max_terms；需填写 first_term）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        status: active
        term: {number: 8, started: 2023-04-01, years: 5}
        leaders:
          - {role: chair, name: 李华, since: 2023-04-01, birth_year: 1950}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        status: active
        term: {number: 8, started: 2023-04-01, years: 5}
        leaders:
          - {role: chair, name: 李华, since: 2023-04-01, birth_year: 1960, first_term: 7}
    """
    term = current_term(record, ctx.settings, ctx.index.get)
    if record.kind not in ORG_KINDS or not record.live or term is None:
        return
    for leader in leaders(record.data):
        if leader.role not in SENIOR_ROLES or not in_office(leader, ctx.today):
            continue
        if leader.birth_year is not None:
            age = age_in(term.started.year, leader.birth_year)
            if age > ctx.settings.max_age:
                params = {
                    "name": leader.name,
                    "role": _role_label(record, leader, ctx),
                    "age": age,
                    "max": ctx.settings.max_age,
                }
                yield Hit(("leaders", leader.index, "birth_year"), params, variant="age")
        if leader.first_term is not None and term.number is not None:
            count = term.number - leader.first_term + 1
            if count > ctx.settings.max_terms:
                params = {
                    "name": leader.name,
                    "role": _role_label(record, leader, ctx),
                    "count": count,
                    "max": ctx.settings.max_terms,
                }
                yield Hit(("leaders", leader.index, "first_term"), params, variant="terms")


def _role_label(record: Record, leader: Leader, ctx: Context) -> str:
    """The role's word for the record's kind: 理事长 (society), 主席 (branch)."""
    return role_label(leader.role, record.kind, ctx.lang)
