"""The figures of an organisation's year (issue 21, docs/figures.md "年度工作"): each defined once.

An annual record (``records/annual/<year>/<org>-<year>.yaml``) holds one organisation's figures for one
year. :data:`FIGURES` names every figure once: its key (the column of ``kexie sql``'s ``annual`` table,
of ``summary annual`` and of the import), its place in the record, its labels and its section. Every
command that shows a figure of the year reads it with :func:`value` and adds it up with the functions
of :mod:`kexie_cli.figures.annual_sums`; none counts on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kexie_cli.records.model import Record, date, entries, integer, text
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import report_year

KIND = "annual"


@dataclass(frozen=True, slots=True)
class Figure:
    key: str  # "academic_events": column name, JSON key, import field
    path: tuple[str, ...]  # ("academic", "events"): where the record holds it
    zh: str  # 学术活动场次
    en: str  # academic events
    section: str  # a key of SECTIONS
    unit: str = "count"  # "count" (场、人次、个) or "yuan" (元)


SECTIONS: dict[str, tuple[str, str]] = {
    "academic": ("学术活动", "Academic activities"),
    "popular": ("科普", "Science popularisation"),
    "members": ("会员", "Members"),
    "funding": ("经费", "Funding"),
    "service": ("服务与智库", "Services and think tank"),
    "party": ("党建", "Party building"),
}


def _f(path: str, zh: str, en: str, section: str, unit: str = "count") -> Figure:
    parts = tuple(path.split("."))
    return Figure("_".join(parts), parts, zh, en, section, unit)


FIGURES: tuple[Figure, ...] = (
    _f("academic.events", "学术活动场次", "academic events", "academic"),
    _f("academic.participants", "学术活动参与人次", "academic participants", "academic"),
    _f("academic.international", "国际性学术活动", "international academic events", "academic"),
    _f("academic.national", "全国性学术活动", "national academic events", "academic"),
    _f("academic.regional", "区域性学术活动", "regional academic events", "academic"),
    _f("academic.papers", "交流论文", "papers presented", "academic"),
    _f("popular.events", "科普活动场次", "popularisation events", "popular"),
    _f("popular.audience", "科普受众人次", "popularisation audience", "popular"),
    _f("popular.science_day_events", "全国科普日活动", "National Science Day events", "popular"),
    _f("popular.volunteers", "科普志愿者", "science volunteers", "popular"),
    _f("popular.volunteer_teams", "科技志愿服务队", "volunteer teams", "popular"),
    _f("popular.venues", "科普场馆", "science venues", "popular"),
    _f("members.individual", "个人会员", "individual members", "members"),
    _f("members.new", "新发展会员", "new members", "members"),
    _f("members.group", "团体会员", "group members", "members"),
    _f("members.dues", "会费收入（元）", "membership dues (yuan)", "members", "yuan"),
    _f("funding.cast_grant", "科协资助（元）", "CAST grants (yuan)", "funding", "yuan"),
    _f("funding.projects", "资助项目", "funded projects", "funding"),
    _f("funding.project_amount", "项目资助金额（元）", "project funding (yuan)", "funding", "yuan"),
    _f("think_tank.proposals", "建议", "proposals", "service"),
    _f("think_tank.reports", "决策咨询报告", "advisory reports", "service"),
    _f("think_tank.adopted", "被采纳或获批示", "adopted or endorsed", "service"),
    _f("evaluations", "科技评价", "S&T evaluations", "service"),
    _f("standards", "团体标准", "group standards", "service"),
    _f("journals", "期刊", "journals", "service"),
    _f("party.new_members", "发展党员", "new Party members", "party"),
    _f("party.meetings", "三会一课", "Party meetings", "party"),
)
BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}
#: figures kept apart from the "list" figures: counts of the year's lists (services, awards, nominations)
LIST_FIGURES: dict[str, tuple[str, str, str]] = {
    "services": ("政府购买服务与承接职能", "government-purchased services", "service"),
    "services_amount": ("政府购买服务金额（元）", "services amount (yuan)", "service"),
    "awards": ("获得奖励", "awards received", "service"),
    "nominations": ("人才举荐", "talent nominations", "service"),
}
LEVELS: dict[str, tuple[str, str]] = {
    "national": ("国家级", "national"),
    "provincial": ("省级", "provincial"),
    "municipal": ("市级", "municipal"),
    "district": ("区县级", "district"),
}
CATEGORIES: dict[str, tuple[str, str]] = {
    "academic": ("学术活动", "academic"),
    "popular": ("科普活动", "popularisation"),
    "training": ("培训", "training"),
    "think-tank": ("智库活动", "think tank"),
    "party": ("党建活动", "Party building"),
    "other": ("其他", "other"),
}
#: a category's declared totals in the record: (events, participants)
DECLARED: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "academic": (("academic", "events"), ("academic", "participants")),
    "popular": (("popular", "events"), ("popular", "audience")),
}
STATES: dict[str, tuple[str, str]] = {
    "draft": ("未报", "not submitted"),
    "submitted": ("已报", "submitted"),
    "returned": ("退回修改", "returned"),
    "approved": ("已审核", "approved"),
}
_YEAR = re.compile(r"^[0-9]{4}$")


def value(record: Record, figure: Figure) -> int | None:
    """The figure as the record gives it (None: not given, or not a number)."""
    return integer(record.get(*figure.path))


#: how :func:`figure_values` reads figures: (key, section key, key inside the section or None), in order
FigurePlan = tuple[tuple[str, str, str | None], ...]


def figure_plan(figures: Iterable[Figure]) -> FigurePlan:
    """The plan of :func:`figure_values` for ``figures`` (paths of one or two keys, as every figure's is)."""
    out = []
    for figure in figures:
        if not 1 <= len(figure.path) <= 2:
            raise ValueError(f"figure path {figure.path!r}: one or two keys")
        out.append((figure.key, figure.path[0], figure.path[1] if len(figure.path) == 2 else None))
    return tuple(out)


EVERY_FIGURE = figure_plan(FIGURES)


def figure_values(record: Record, plan: FigurePlan = EVERY_FIGURE) -> dict[str, int | None]:
    """:func:`value` of each figure of ``plan`` (all of :data:`FIGURES` by default), by key, the record's
    data read once: the sums go over 10,000 records a year, so each figure is a dictionary lookup or two
    (a section looked up once for its figures), not a trip through ``Record.get``."""
    data = record.data
    found: dict[str, Any] = data if isinstance(data, dict) else {}
    out: dict[str, int | None] = {}
    section: str | None = None
    holder: Any = None
    for key, head, tail in plan:
        if head != section:
            section = head
            holder = found.get(head)
        node = holder if tail is None else (holder.get(tail) if isinstance(holder, dict) else None)
        out[key] = node if type(node) is int or (isinstance(node, int) and not isinstance(node, bool)) else None
    return out


def year_of(record: Record) -> int | None:
    """The year of an annual record: its ``year``, else the year folder it sits in."""
    year = integer(record.get("year"))
    if year is not None:
        return year
    parts = record.relpath.split("/")
    return int(parts[2]) if len(parts) > 3 and _YEAR.match(parts[2]) else None


def org_of(record: Record) -> str | None:
    return text(record.get("org"))


def state_of(record: Record) -> str:
    """The 年报 state of the year (``report.status``); a record without one is 未报 (draft)."""
    status = text(record.get("report", "status"))
    return status if status in STATES else "draft"


def reported(record: Record) -> bool:
    """The 年报 was handed in: submitted or approved (a returned one is owed again)."""
    return state_of(record) in {"submitted", "approved"}


def annual_records(records: Iterable[Record]) -> list[Record]:
    """The loaded annual records among ``records``."""
    return [r for r in records if r.kind == KIND and r.loaded]


def of_year(records: Iterable[Record], year: int) -> list[Record]:
    """The loaded annual records of ``year``."""
    return [r for r in annual_records(records) if year_of(r) == year]


def of_years(records: Iterable[Record], year: int) -> tuple[list[Record], list[Record]]:
    """The loaded annual records of ``year`` and of the year before, in one pass (``of_year`` of each)."""
    now: list[Record] = []
    before: list[Record] = []
    for record in annual_records(records):
        found = year_of(record)
        if found == year:
            now.append(record)
        elif found == year - 1:
            before.append(record)
    return now, before


def events(record: Record) -> list[tuple[int, dict[str, object]]]:
    """The listed events of the year (``events:``), with their indexes."""
    return entries(record.get("events"))


def event_date(event: dict[str, object]) -> dt.date | None:
    return date(event.get("date"))


def list_total(record: Record, key: str) -> int:
    """A count from the year's lists: services (items or their amount), awards or nominations (their counts)."""
    if key in ("services", "services_amount"):
        items = entries(record.get("funding", "services"))
        if key == "services":
            return len(items)
        return sum(integer(item.get("amount")) or 0 for _, item in items)
    return sum(_count(item) for _, item in entries(record.get(key)))


def list_values(record: Record) -> dict[str, int | None]:
    """:func:`list_total` of every key of :data:`LIST_FIGURES`, None where the record has no such list
    (a list figure is given when the list is there, even empty); the record's data read once."""
    data = record.data
    found = data if isinstance(data, dict) else {}
    funding = found.get("funding")
    services = funding.get("services") if isinstance(funding, dict) else None
    out: dict[str, int | None] = {"services": None, "services_amount": None}
    if services is not None:
        items = entries(services)
        out["services"] = len(items)
        out["services_amount"] = sum(integer(item.get("amount")) or 0 for _, item in items)
    for key in ("awards", "nominations"):
        given = found.get(key)
        out[key] = None if given is None else sum(_count(item) for _, item in entries(given))
    return out


def _count(item: dict[str, object]) -> int:
    """An award or nomination entry counts ``count`` (1 when the count is not given)."""
    count = integer(item.get("count"))
    return 1 if count is None else count


def owes_report(org: Record, year: int) -> bool:
    """An organisation should report ``year``: active, and founded before the year ended."""
    founded = date(org.get("founded"))
    return org.loaded and org.active and (founded is None or founded <= dt.date(year, 12, 31))


@dataclass(frozen=True, slots=True)
class AnnualSettings:
    """Settings ``annual`` (schemas/settings.schema.json): the 年报 deadline and the K411 outlier test."""

    deadline: tuple[int, int] = (3, 31)  # 03-31 of the next year: the secretariat's choice (docs/registry.md)
    outlier_factor: float = 3.0
    outlier_min: int = 10


def annual_settings(settings: Settings) -> AnnualSettings:
    """The ``annual`` settings of a registry, defaults filled in (the settings schema has checked them)."""
    raw = settings.raw.get("annual")
    if not isinstance(raw, dict):
        return AnnualSettings()
    base = AnnualSettings()
    deadline = raw.get("deadline")
    month, _, day = deadline.partition("-") if isinstance(deadline, str) else ("", "", "")
    factor = raw.get("outlier_factor")
    minimum = raw.get("outlier_min")
    return AnnualSettings(
        (int(month), int(day)) if month.isdigit() and day.isdigit() else base.deadline,
        float(factor) if isinstance(factor, (int, float)) and not isinstance(factor, bool) else base.outlier_factor,
        minimum if isinstance(minimum, int) and not isinstance(minimum, bool) else base.outlier_min,
    )


def far_off(now: int, before: int, settings: AnnualSettings) -> bool:
    """K411: ``now`` is ``outlier_factor`` times ``before`` or more, or that many times less, and the larger
    of the two is at least ``outlier_min`` (2 → 7 events is not worth a second look)."""
    if max(now, before) < settings.outlier_min:
        return False
    factor = settings.outlier_factor
    return now >= before * factor or before >= now * factor


def work_year(records: Iterable[Record], today: dt.date, settings: Settings) -> int:
    """The year a 工作总结 describes when none is asked for (``summary``, ``report`` without ``--year``):
    the latest year up to ``today``'s with a 年报 handed in (submitted or approved); without any, the
    last year whose 年报 deadline (``annual.deadline``) has passed."""
    handed_in = [y for r in annual_records(records) if reported(r) and (y := year_of(r)) is not None]
    years = [y for y in handed_in if y <= today.year]
    return max(years) if years else report_year(today, annual_settings(settings).deadline)
