"""The derived fields every query can use (``term.ends``, ``stars.latest``, ``covered_by`` ...).

Each is computed with the same logic as the rules, ``kexie party`` and the calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.figures.inspections import inspection_years
from kexie_cli.figures.terms import elected_term, state_of
from kexie_cli.party.cover import cover_of
from kexie_cli.party.forms import head_role as form_head_role
from kexie_cli.query.context import COVER_LABELS, LEADER, ORG_KINDS, TERM_STATE_LABELS, QueryContext
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record, current_leaders, entries, integer, text
from kexie_cli.records.roles import role_label
from kexie_cli.rules.party import covering_cells
from kexie_cli.rules.ratings import STARS_MAX_AGE, npo_grade_expiry
from kexie_cli.terms import age_in, days_until

Getter = Callable[[Record, QueryContext], Any]


@dataclass(frozen=True, slots=True)
class Derived:
    zh: str
    en: str
    type: str
    kinds: tuple[str, ...]
    get: Getter
    labels: dict[str, str] | None = None
    labels_from: tuple[str | int, ...] | None = None  # schema path of the enum the value comes from
    person: bool = False
    many: bool = False
    refs: bool = False  # ids of other records: shown by their names


def _term_end(record: Record, qctx: QueryContext) -> dt.date | None:
    term = elected_term(record, qctx.settings, qctx.index.get)  # a 党的工作小组 has no 换届 (docs/figures.md)
    return term.end if term else None


def _term_state(record: Record, qctx: QueryContext) -> str | None:
    return state_of(record, qctx.today, qctx.settings, qctx.index.get)


def _term_days(record: Record, qctx: QueryContext) -> int | None:
    end = _term_end(record, qctx)
    return days_until(end, qctx.today) if end else None


def head_role(record: Record) -> str:
    """The role that heads a record: 书记 (组长 of a 党的工作小组) for a party cell, else 理事长/主席."""

    return form_head_role(record)


def _head(record: Record, qctx: QueryContext) -> str | None:
    found = current_leaders(record.data, qctx.today, head_role(record))
    return found[0].name if found else None


def _head_age(record: Record, qctx: QueryContext) -> int | None:
    found = current_leaders(record.data, qctx.today, head_role(record))
    if not found or found[0].birth_year is None:
        return None
    return age_in(qctx.today.year, found[0].birth_year)


def _secretary_general(record: Record, qctx: QueryContext) -> str | None:
    found = current_leaders(record.data, qctx.today, "secretary-general")
    return found[0].name if found else None


def covered_by(record: Record, qctx: QueryContext) -> list[str]:
    """Ids of the live party cells covering the record (as rule K501 counts them)."""
    return [c.id for c in covering_cells(record.id, qctx.rule_context)]


def _cover(record: Record, qctx: QueryContext) -> Any:
    """How the record is covered (``party.cover.cover_of``, as ``kexie party`` counts it)."""

    return cover_of(record, qctx.index)


def latest_stars(record: Record) -> tuple[int, int] | None:
    """(year, stars) of the most recent 星级 rating."""
    rated = [(integer(e.get("year")), integer(e.get("stars"))) for _, e in entries(record.get("stars"))]
    complete = [(y, s) for y, s in rated if y is not None and s is not None]
    return max(complete) if complete else None


def stars_in_force(record: Record, today: dt.date) -> int | None:
    """Stars of the latest rating when it is at most 3 years old (rule K602's limit), else None."""
    found = latest_stars(record)
    if found is None or today.year - found[0] > STARS_MAX_AGE:
        return None
    return found[1]


def latest_inspection(record: Record) -> tuple[int, str | None] | None:
    years = inspection_years(record)
    if not years:
        return None
    year = max(years)
    return year, years[year][1]


def npo_expiry(record: Record) -> dt.date | None:
    found = npo_grade_expiry(record)
    return found[1] if found is not None and isinstance(found[1], dt.date) else None


def npo_grade_in_force(record: Record, today: dt.date) -> str | None:
    """The 评估等级 when it is still valid on ``today``."""
    grade = text(record.get("npo_grade", "grade"))
    expiry = npo_expiry(record)
    return grade if grade is not None and expiry is not None and expiry >= today else None


def district_of(record: Record, index: Index) -> str | None:
    """The id of the district branch a branch belongs to (itself when it is one), following ``parent``."""
    seen: set[str] = set()
    current: Record | None = record
    while current is not None and current.id not in seen:
        if current.kind == "branch" and current.get("type") == "district":
            return current.id
        seen.add(current.id)
        parent = text(current.get("parent"))
        current = index.get(parent) if parent else None
    return None


def _district(record: Record, qctx: QueryContext) -> str | None:
    return district_of(record, qctx.index) if record.kind == "branch" else text(record.get("district"))


ORG = ORG_KINDS
SOC = ("society",)
DERIVED: dict[str, Derived] = {
    "term.ends": Derived("届满日期", "Term ends", "date", ORG, _term_end),
    "term.state": Derived("换届状态", "Term state", "str", ORG, _term_state, TERM_STATE_LABELS),
    "term.days": Derived("距届满天数", "Days to term end", "int", ORG, _term_days),
    "chair": Derived("负责人", "Head", "str", ORG, _head, person=True),
    "chair.age": Derived("负责人年龄", "Head's age", "int", ORG, _head_age),
    # a Party cell has no 秘书长 (its head is the 书记, ``chair``)
    "secretary_general": Derived(
        "秘书长", "Secretary-general", "str", ("society", "branch"), _secretary_general, person=True
    ),
    "covered_by": Derived("覆盖党组织", "Covered by", "str", ("society", "branch"), covered_by, many=True, refs=True),
    "covered": Derived("已建党组织覆盖", "Covered", "bool", ("society", "branch"), lambda r, q: bool(covered_by(r, q))),
    "party.organisation": Derived(
        "党的组织覆盖", "Organisation cover", "bool", ("society", "branch"), lambda r, q: _cover(r, q).organisation
    ),
    "party.work": Derived("党的工作覆盖", "Work cover", "bool", ("society", "branch"), lambda r, q: _cover(r, q).work),
    "party.cover": Derived(
        "覆盖方式",
        "Forms of cover",
        "str",
        ("society", "branch"),
        lambda r, q: list(_cover(r, q).forms),
        labels=COVER_LABELS,
        many=True,
    ),
    "stars.latest": Derived("最近星级", "Latest stars", "int", SOC, lambda r, q: (latest_stars(r) or (None, None))[1]),
    "stars.year": Derived("星级评定年度", "Stars year", "int", SOC, lambda r, q: (latest_stars(r) or (None, None))[0]),
    "stars.in_force": Derived("有效星级", "Stars in force", "int", SOC, lambda r, q: stars_in_force(r, q.today)),
    "inspection.latest": Derived(
        "最近年检结论",
        "Latest inspection",
        "str",
        SOC,
        lambda r, q: (latest_inspection(r) or (None, None))[1],
        labels_from=("inspections", 0, "result"),
    ),
    "inspection.year": Derived(
        "最近年检年度", "Latest inspection year", "int", SOC, lambda r, q: (latest_inspection(r) or (None, None))[0]
    ),
    "inspection.report": Derived(
        "报告年度年检结论",
        "Report-year inspection",
        "str",
        SOC,
        lambda r, q: inspection_years(r).get(q.report_year, (0, None))[1],
        labels_from=("inspections", 0, "result"),
    ),
    "npo_grade.expiry": Derived("评估等级有效期至", "NPO grade valid until", "date", SOC, lambda r, q: npo_expiry(r)),
    "npo_grade.valid": Derived(
        "评估等级有效",
        "NPO grade in force",
        "bool",
        SOC,
        # no 评估等级 at all: nothing to say (not 否)
        lambda r, q: npo_grade_in_force(r, q.today) is not None if r.get("npo_grade") else None,
    ),
    # a branch's 区县 follows its parents; a (district-level) society names its own (``district``)
    "district": Derived("所属区县", "District", "str", ("branch", "society"), _district),
    "file": Derived("文件", "File", "str", ORG, lambda r, q: r.relpath),
}

#: the head column of each kind in its own word: 理事长, 主席, 书记, 主任委员 (``Kind.head``, ``Kind.roles``)
HEAD_TITLES = {
    (path, k.code): (role_label(k.head, k.code) + suffix, ("Secretary" if k.head == "secretary" else "Chair") + en)
    for k in kinds.KINDS
    for path, suffix, en in (("chair", "", ""), ("chair.age", "年龄", "'s age"))
}

LEADER_DERIVED: dict[str, Derived] = {
    "age": Derived("年龄", "Age", "int", (LEADER,), lambda r, q: None),  # computed from the entry, see _leader_get
    "org": Derived("所在组织", "Organisation", "str", (LEADER,), lambda r, q: r.name),
    "org_id": Derived("组织标识符", "Organisation id", "str", (LEADER,), lambda r, q: r.id),
    "org_kind": Derived("组织类别", "Organisation kind", "str", (LEADER,), lambda r, q: r.kind),
}
