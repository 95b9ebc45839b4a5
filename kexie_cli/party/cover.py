"""党的组织覆盖, 党的工作覆盖 and 三会一课 gaps: the one implementation (docs/party.md).

- The population is the records **on the books** (在册: active, dormant, suspended).
- A record is covered by every *live* party cell whose ``covers`` lists it; a 联合党支部 covers each
  of its records in full (each counts once; the cell counts once among the cells).
- Forms of cover: ``own`` (党支部, 党总支 or 党委 of its own), ``joint`` (联合党支部), ``functional``
  (功能型党支部), ``working-group`` (党的工作小组), ``liaison`` (党建联络员 or 党建工作指导员). A record
  lists every form it has, not only the strongest.
- 党的组织覆盖: covered by a cell of form ``own``, ``joint`` or ``functional``.
  党的工作覆盖: organisation cover, or a working group, or a liaison. Rule K501 is "active and no work
  cover".
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kexie_cli.party.forms import WORKING_GROUP, form_of, required_meetings
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record, date, entries, text
from kexie_cli.registry.settings import Settings
from kexie_cli.share import Share, share
from kexie_cli.terms import add_months, completed_quarters, quarter_bounds

FORMS_OF_COVER = ("own", "joint", "functional", "working-group", "liaison")
ORGANISATION_COVER = ("own", "joint", "functional")
COVER_OF_FORM = {
    "branch": "own",
    "general-branch": "own",
    "committee": "own",
    "joint-branch": "joint",
    "functional-branch": "functional",
    WORKING_GROUP: "working-group",
}
LAST_12_MONTHS = "12m"  # the period label of a yearly meeting: the whole last 12 months


@dataclass(frozen=True, slots=True)
class Cover:
    """How one record is covered."""

    record: Record
    forms: tuple[str, ...]  # every form of cover it has, in FORMS_OF_COVER order
    cells: tuple[str, ...]  # ids of the live cells covering it

    @property
    def organisation(self) -> bool:
        return any(f in ORGANISATION_COVER for f in self.forms)

    @property
    def work(self) -> bool:
        return bool(self.forms)

    @property
    def strongest(self) -> str:
        return self.forms[0] if self.forms else "none"


def covering_cells(record_id: str, index: Index) -> list[Record]:
    """Live party cells whose ``covers`` lists the record."""
    return [c for c in index.covering.get(record_id, []) if c.live]


def has_liaison(record: Record) -> bool:
    """A 党建联络员/指导员 is named: ``liaison: {}`` or one without a name covers nothing (docs/party.md)."""
    name = text(record.get("liaison", "name"))
    return name is not None and name.strip() != ""


def cover_of(record: Record, index: Index) -> Cover:
    cells = covering_cells(record.id, index)
    found = {COVER_OF_FORM.get(form_of(c) or "", "own") for c in cells}
    if has_liaison(record):
        found.add("liaison")
    forms = tuple(f for f in FORMS_OF_COVER if f in found)
    return Cover(record, forms, tuple(sorted({c.id for c in cells})))


@dataclass(frozen=True, slots=True)
class CoverageCount:
    """The counts every coverage table shows, for one population of records."""

    total: int  # records on the books
    organisation: int  # 党的组织覆盖
    work: int  # 党的工作覆盖
    by_form: dict[str, int]  # records having each form of cover (a record may count under several)
    liaison_people: int  # distinct 党建联络员/指导员 names
    uncovered: int  # no work cover
    uncovered_active: int  # ... of which active: the K501 findings

    def share(self, part: int) -> Share | None:
        return share(part, self.total)


def count_cover(covers: Iterable[Cover]) -> CoverageCount:
    items = [c for c in covers if c.record.live]
    people = {text(c.record.get("liaison", "name")) for c in items if has_liaison(c.record)}
    return CoverageCount(
        total=len(items),
        organisation=sum(1 for c in items if c.organisation),
        work=sum(1 for c in items if c.work),
        by_form={f: sum(1 for c in items if f in c.forms) for f in FORMS_OF_COVER},
        liaison_people=len(people - {None}),
        uncovered=sum(1 for c in items if not c.work),
        uncovered_active=sum(1 for c in items if not c.work and c.record.active),
    )


# --- 三会一课 ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)  # the same few (frequency, day) for every cell of a run
def periods(frequency: str, today: dt.date) -> tuple[tuple[str, dt.date, dt.date], ...]:
    """(label, first day, last day) of the completed periods in the last 12 months."""
    if frequency == "yearly":
        return ((LAST_12_MONTHS, add_months(today, -12) + dt.timedelta(days=1), today),)
    if frequency == "quarterly":
        return tuple((f"{y}Q{q}", *quarter_bounds(y, q)) for y, q in completed_quarters(today))
    out = []
    for back in range(12, 0, -1):
        first = add_months(today.replace(day=1), -back)
        last = add_months(first, 1) - dt.timedelta(days=1)
        out.append((f"{first.year}-{first.month:02d}", first, last))
    return tuple(out)


def checks_meetings(cell: Record) -> bool:
    """Whether a cell's 三会一课 is checked: live, keeps a ``meetings`` log, and is not a working group."""
    return (
        cell.kind == "party-cell"
        and cell.live
        and isinstance(cell.get("meetings"), list)
        and bool(form_of(cell) != WORKING_GROUP)
    )


def meeting_gaps(cell: Record, settings: Settings, today: dt.date) -> dict[str, list[str]] | None:
    """Meeting type -> labels of the periods of the last 12 months without one; None when not checked."""
    if not checks_meetings(cell):
        return None
    held: dict[str | None, list[dt.date]] = {}  # meeting type -> the days it was held, in order
    for _, m in entries(cell.get("meetings")):
        day = date(m.get("date"))
        if day is not None:
            held.setdefault(text(m.get("type")), []).append(day)
    for days in held.values():
        days.sort()
    founded = date(cell.get("founded"))
    grace = dt.timedelta(days=settings.party.grace_days)
    gaps: dict[str, list[str]] = {}
    for kind, frequency in required_meetings(cell, settings).items():
        missing = []
        days = held.get(kind, [])
        for label, first, last in periods(frequency, today):
            if founded is not None and founded > first:
                continue
            if frequency != "yearly" and last + grace >= today:  # still being entered (party.grace_days)
                continue
            at = bisect_left(days, first)  # the first meeting of the kind on or after the period's first day
            if at == len(days) or days[at] > last:
                missing.append(label)
        if missing:
            gaps[kind] = missing
    return gaps
