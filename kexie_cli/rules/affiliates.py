"""K720–K741: the organisations a 科协 works with besides societies and branches.

学会联合体 (alliance) members on the books, 工作站 reviews (station), 科普基地 and
科普志愿服务队 recognitions (popsci-base, volunteer-team), and a society's 区县 (``district``).
Unknown ids and ids of the wrong kind are K202/K203 (``rules/integrity.py:REFERENCES``).
"""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli import kinds
from kexie_cli.figures.books import on_books
from kexie_cli.figures.recognition import RECOGNISED_KINDS, Lapse, recognition_end, station_review
from kexie_cli.finding import Severity
from kexie_cli.records.model import Record, text
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.terms import TermState, days_until, term_state

W, E, INFO = Severity.WARNING, Severity.ERROR, Severity.INFO


@rule("K720", W, "联合体成员不在册", "Alliance member not on the books")
def alliance_member_gone(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A member (or the lead society) of an alliance on the books is a society
    that is revoked or dissolved: the alliance lists an organisation that no
    longer exists in the 科协's work. Update ``members`` (a member that no
    record has at all is K202).

    中文：在册学会联合体的成员（或牵头学会）已解除资格或注销，不再在册。请更新 members
    （台账中根本没有的成员报 K202）。

    Fails:
        --- records/alliances/demo-alliance.yaml
        id: demo-alliance
        kind: alliance
        status: active
        members: [demo-society]
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: revoked
    Passes:
        --- records/alliances/demo-alliance.yaml
        id: demo-alliance
        kind: alliance
        status: active
        members: [demo-society]
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
    """
    if record.kind != "alliance" or not on_books(record, ctx.today):
        return
    members = record.get("members")
    places: list[tuple[tuple[str | int, ...], object]] = [(("lead",), record.get("lead"))]
    if isinstance(members, list):
        places += [(("members", i), member) for i, member in enumerate(members)]
    for path, target in places:
        other = ctx.index.get(target) if isinstance(target, str) else None
        if other is not None and other.kind == "society" and other.loaded and not other.live:
            status = ctx.label("society", ("status",), other.status or "")
            yield Hit(path, {"target": target, "name": other.name, "status": status})


@rule("K721", E, "牵头学会不是联合体成员", "Lead society is not a member")
def alliance_lead_not_member(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An alliance's ``lead`` society is not in its ``members``: the lead
    society is always one of the members.

    中文：学会联合体的牵头学会（lead）不在成员（members）之中；牵头学会必是成员之一。

    Fails:
        --- records/alliances/demo-alliance.yaml
        id: demo-alliance
        kind: alliance
        lead: demo-society
        members: [demo-other-society]
    Passes:
        --- records/alliances/demo-alliance.yaml
        id: demo-alliance
        kind: alliance
        lead: demo-society
        members: [demo-society, demo-other-society]
    """
    lead = text(record.get("lead"))
    members = record.get("members")
    if record.kind == "alliance" and lead and isinstance(members, list) and lead not in members:
        yield Hit(("lead",), {"lead": lead})


def _lapse_hits(record: Record, ctx: Context, lapse: Lapse | None, state: TermState) -> Iterator[Hit]:
    if lapse is None or not on_books(record, ctx.today):
        return
    if term_state(lapse.end, ctx.today, lapse.lead_months) == state:
        days = days_until(lapse.end, ctx.today)
        yield Hit(lapse.path, {"end": lapse.end.isoformat(), "days": abs(days), "type": _type(record, ctx)})


def _type(record: Record, ctx: Context) -> str:
    code = text(record.get("type"))
    return ctx.label(record.kind or "", ("type",), code) if code else kinds.noun(record.kind, ctx.lang)


@rule("K730", W, "工作站评估逾期", "Station review overdue")
def station_review_overdue(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A station on the books was last reviewed (``reviewed``, else recognised:
    ``recognised``) longer ago than its type's review period (settings
    ``stations.review_years``, default 3 years for every type): its
    recognition has lapsed until it is reviewed again. The due date is the
    last day; overdue from the next.

    中文：在册工作站距最近一次评估（reviewed，没有时为认定日期 recognised）已超过该类型的
    评估周期（设置 stations.review_years，各类型默认 3 年），认定已失效，须重新评估。
    到期日为最后一天，次日起为逾期。

    Fails (as of 2026-11-23):
        --- records/stations/demo-station.yaml
        id: demo-station
        kind: station
        status: active
        type: academician
        recognised: 2020-05-01
        reviewed: 2023-11-22
    Passes (as of 2026-11-23):
        --- records/stations/demo-station.yaml
        id: demo-station
        kind: station
        status: active
        type: academician
        recognised: 2020-05-01
        reviewed: 2023-11-23
    """
    if record.kind == "station":
        yield from _lapse_hits(record, ctx, station_review(record, ctx.settings), TermState.OVERDUE)


@rule("K731", INFO, "工作站即将评估", "Station review due within the lead time")
def station_review_due(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A station's next review falls within the lead time (settings
    ``stations.lead_months``, default 3 months).

    中文：工作站下次评估日期在提前提醒期内（设置 stations.lead_months，默认 3 个月）。

    Fails (as of 2026-11-23):
        --- records/stations/demo-station.yaml
        id: demo-station
        kind: station
        status: active
        type: haizhi
        recognised: 2024-01-10
    Passes (as of 2026-11-23):
        --- records/stations/demo-station.yaml
        id: demo-station
        kind: station
        status: active
        type: haizhi
        recognised: 2024-03-10
    """
    if record.kind == "station":
        yield from _lapse_hits(record, ctx, station_review(record, ctx.settings), TermState.DUE)


@rule("K735", W, "认定已过有效期", "Recognition expired")
def recognition_expired(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The recognition of a 科普基地 or 科普志愿服务队 on the books has expired:
    ``valid_until`` has passed, or, without it, ``recognised`` plus
    ``period_years`` (else settings ``recognitions.period_years``, default 5
    years). A team never recognised (no ``recognised``) is not checked.

    中文：在册科普基地或科普志愿服务队的认定已过有效期：valid_until 已过；没有 valid_until
    时按认定日期 recognised 加 period_years（没有时为设置 recognitions.period_years，默认 5 年）
    计算。未经认定（没有 recognised）的服务队不检查。

    Fails (as of 2026-11-23):
        --- records/popsci-bases/demo-base.yaml
        id: demo-base
        kind: popsci-base
        status: active
        recognised: 2021-04-01
        valid_until: 2025-12-31
    Passes (as of 2026-11-23):
        --- records/popsci-bases/demo-base.yaml
        id: demo-base
        kind: popsci-base
        status: active
        recognised: 2022-04-01
    """
    if record.kind in RECOGNISED_KINDS:
        yield from _lapse_hits(record, ctx, recognition_end(record, ctx.settings), TermState.OVERDUE)


@rule("K736", INFO, "认定即将到期", "Recognition expires within the lead time")
def recognition_due(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The recognition of a 科普基地 or 科普志愿服务队 expires within the lead
    time (settings ``recognitions.lead_months``, default 3 months): time to
    apply for the next naming.

    中文：科普基地或科普志愿服务队的认定将在提前提醒期内到期（设置 recognitions.lead_months，
    默认 3 个月），应准备重新申报。

    Fails (as of 2026-11-23):
        --- records/volunteer-teams/demo-team.yaml
        id: demo-team
        kind: volunteer-team
        status: active
        recognised: 2024-01-01
        period_years: 3
    Passes (as of 2026-11-23):
        --- records/volunteer-teams/demo-team.yaml
        id: demo-team
        kind: volunteer-team
        status: active
        recognised: 2024-06-01
        period_years: 3
    """
    if record.kind in RECOGNISED_KINDS:
        yield from _lapse_hits(record, ctx, recognition_end(record, ctx.settings), TermState.DUE)


@rule("K740", E, "非区县级社团填了所在区县", "District given for a society that is not district-level")
def district_not_district_level(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A society names a ``district`` but its ``level`` is not ``district``:
    only 区县级 societies are counted per 区县; a 市级 society in a 区县 still
    counts for the city.

    中文：科技社团填了所在区县（district），但级别（level）不是区县级。只有区县级社团按区县
    统计；设在区县的市级社团仍计入全市。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        level: municipal
        district: demo-district
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        level: district
        district: demo-district
    """
    level = text(record.get("level"))
    if record.kind == "society" and record.get("district") is not None and level and level != "district":
        yield Hit(("district",), {"level": ctx.label("society", ("level",), level)}, at_key=True)


@rule("K741", INFO, "区县级社团没有填所在区县", "District-level society without its district")
def district_missing(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An active district-level society has no ``district``: ``kexie summary``
    cannot count it for its 区县 (it is listed as 未填区县).

    中文：正常状态的区县级科技社团没有填所在区县（district），kexie summary 无法把它计入
    所在区县（列为“未填区县”）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        level: district
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        level: district
        district: demo-district
    """
    district_level = record.kind == "society" and record.get("level") == "district"
    if district_level and record.active and record.get("district") is None:
        yield Hit(("level",), {})
