"""The year's figures added up (docs/figures.md "年度工作"): totals, by category, by level, by organisation.

Each function takes the annual records a caller has chosen (``summary --where`` scopes them by their
organisation) and a year, and adds up :func:`kexie_cli.figures.annual.value` over the records of that
year; the previous year's sum gives the year-on-year change. ``summary annual`` and the 工作总结 of
``report`` show exactly these numbers (``tests/figures/test_annual_sums.py`` checks each against the
plain sum over the records).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kexie_cli.figures.annual import (
    BY_KEY,
    CATEGORIES,
    DECLARED,
    FIGURES,
    LEVELS,
    LIST_FIGURES,
    events,
    list_total,
    of_year,
    org_of,
    state_of,
    value,
)
from kexie_cli.records.model import Record, entries, integer, text
from kexie_cli.share import Share, share

#: the figures of ``summary annual``'s organisation table and of the report's 分单位 table
ORG_COLUMNS = (
    "academic_events",
    "academic_participants",
    "popular_events",
    "popular_audience",
    "members_new",
    "think_tank_adopted",
)


def change(now: int, before: int | None) -> Share | None:
    """同比: ``(now - before) / before``; None when there is no earlier figure to compare with."""
    if before is None:
        return None
    return share(now - before, before)


@dataclass(frozen=True, slots=True)
class YearFigure:
    key: str
    zh: str
    en: str
    section: str
    unit: str
    value: int  # the sum over the year's records that give the figure
    reporting: int  # how many of them give it
    previous: int | None  # the sum of the year before (None: no record of that year gives it)

    @property
    def change(self) -> Share | None:
        return change(self.value, self.previous)


def _sum(records: Sequence[Record], key: str) -> tuple[int, int]:
    """(sum, records that give it) of one figure key over ``records``."""
    if key in LIST_FIGURES:
        holder = ("funding", "services") if key.startswith("services") else (key,)
        given = [list_total(r, key) for r in records if r.get(*holder) is not None]
        return sum(given), len(given)
    figure = BY_KEY[key]
    found = [v for v in (value(r, figure) for r in records) if v is not None]
    return sum(found), len(found)


def totals(records: Iterable[Record], year: int) -> list[YearFigure]:
    """Every figure of ``year`` summed over the annual records, with the year before's sum."""
    pool = list(records)
    now, before = of_year(pool, year), of_year(pool, year - 1)
    out: list[YearFigure] = []
    labels = [(f.key, f.zh, f.en, f.section, f.unit) for f in FIGURES]
    labels += [(k, zh, en, s, "yuan" if k.endswith("amount") else "count") for k, (zh, en, s) in LIST_FIGURES.items()]
    for key, zh, en, section, unit in labels:
        total, reporting = _sum(now, key)
        prev, prev_reporting = _sum(before, key)
        out.append(YearFigure(key, zh, en, section, unit, total, reporting, prev if prev_reporting else None))
    return out


def category_figures(record: Record, category: str) -> tuple[int, int]:
    """(events, participants) of one category in one record: the declared totals where the record gives
    them (学术活动: ``academic.events``/``participants``; 科普: ``popular.events``/``audience``), else
    its listed events of that category (their count, and their participants)."""
    listed = [e for _, e in events(record) if e.get("category") == category]
    counted = (len(listed), sum(integer(e.get("participants")) or 0 for e in listed))
    declared = DECLARED.get(category)
    if declared is None:
        return counted
    n, people = integer(record.get(*declared[0])), integer(record.get(*declared[1]))
    return (counted[0] if n is None else n, counted[1] if people is None else people)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table of the year: its code, this year's counts and the year before's."""

    code: str
    values: dict[str, int]
    previous: dict[str, int] = field(default_factory=dict)

    def change(self, key: str) -> Share | None:
        return change(self.values.get(key, 0), self.previous.get(key))


def by_category(records: Iterable[Record], year: int) -> list[Row]:
    """Events and participants per activity category (学术活动, 科普活动, 培训 ...), with last year's."""
    pool = list(records)
    now, before = of_year(pool, year), of_year(pool, year - 1)
    out = []
    for code in CATEGORIES:
        values = _category_sum(now, code)
        previous = _category_sum(before, code) if before else {}
        out.append(Row(code, values, previous))
    return out


def _category_sum(records: Sequence[Record], category: str) -> dict[str, int]:
    pairs = [category_figures(r, category) for r in records]
    return {"events": sum(p[0] for p in pairs), "participants": sum(p[1] for p in pairs)}


def by_level(records: Iterable[Record], year: int) -> list[Row]:
    """Per level (国家级 … 区县级): listed events and their participants, awards and nominations."""
    pool = list(records)
    now, before = of_year(pool, year), of_year(pool, year - 1)
    current, previous = _level_counts(now), _level_counts(before)
    keys = ("events", "participants", "awards", "nominations")
    return [
        Row(code, {k: current[(code, k)] for k in keys}, {k: previous[(code, k)] for k in keys} if before else {})
        for code in LEVELS
    ]


def _level_counts(records: Sequence[Record]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for record in records:
        for _, event in events(record):
            level = text(event.get("level"))
            if level in LEVELS:
                counts[(level, "events")] += 1
                counts[(level, "participants")] += integer(event.get("participants")) or 0
        for key in ("awards", "nominations"):
            for _, item in entries(record.get(key)):
                level = text(item.get("level"))
                if level in LEVELS:
                    count = integer(item.get("count"))
                    counts[(level, key)] += 1 if count is None else count
    return counts


@dataclass(frozen=True, slots=True)
class OrgRow:
    org: str
    state: str  # 年报 state (figures.annual.STATES)
    values: dict[str, int | None]
    previous: dict[str, int | None]


def by_org(records: Iterable[Record], year: int, columns: Sequence[str] = ORG_COLUMNS) -> list[OrgRow]:
    """One row per organisation with an annual record of ``year``: its state and figures, and last year's."""
    pool = list(records)
    before = {org_of(r): r for r in of_year(pool, year - 1)}
    out = []
    for record in of_year(pool, year):
        org = org_of(record) or record.id
        last = before.get(org)
        values = {k: value(record, BY_KEY[k]) for k in columns}
        previous = {k: value(last, BY_KEY[k]) for k in columns} if last is not None else {}
        out.append(OrgRow(org, state_of(record), values, previous))
    return out
