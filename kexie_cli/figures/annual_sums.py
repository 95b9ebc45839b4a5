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
    figure_plan,
    figure_values,
    list_values,
    of_years,
    org_of,
    state_of,
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


def _sums(records: Sequence[Record]) -> tuple[dict[str, int], dict[str, int]]:
    """(sum, records that give it) of every figure key over ``records``, each record's data read once."""
    total: dict[str, int] = {}
    given: dict[str, int] = {}
    for record in records:
        found = figure_values(record) | list_values(record)
        for key, amount in found.items():
            if amount is not None:
                total[key] = total.get(key, 0) + amount
                given[key] = given.get(key, 0) + 1
    return total, given


def totals(records: Iterable[Record], year: int) -> list[YearFigure]:
    """Every figure of ``year`` summed over the annual records, with the year before's sum."""
    now, before = of_years(records, year)
    (total, reporting), (prev, prev_reporting) = _sums(now), _sums(before)
    out: list[YearFigure] = []
    labels = [(f.key, f.zh, f.en, f.section, f.unit) for f in FIGURES]
    labels += [(k, zh, en, s, "yuan" if k.endswith("amount") else "count") for k, (zh, en, s) in LIST_FIGURES.items()]
    for key, zh, en, section, unit in labels:
        before_given = prev_reporting.get(key, 0)
        previous = prev.get(key, 0) if before_given else None
        out.append(YearFigure(key, zh, en, section, unit, total.get(key, 0), reporting.get(key, 0), previous))
    return out


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
    now, before = of_years(records, year)
    current, previous = _category_sums(now), _category_sums(before) if before else {}
    return [Row(code, current[code], previous.get(code, {})) for code in CATEGORIES]


#: a category's declared totals (:data:`DECLARED`) as figures: (events, participants)
_DECLARED_FIGURES = {code: (BY_KEY["_".join(n)], BY_KEY["_".join(p)]) for code, (n, p) in DECLARED.items()}


def _category_sums(records: Sequence[Record]) -> dict[str, dict[str, int]]:
    """(events, participants) of every category added up over ``records``. A record counts for a category
    its declared totals where it gives them (学术活动: ``academic.events``/``participants``; 科普:
    ``popular.events``/``audience``), else its listed events of that category (their count, and their
    participants). Each record's figures and events are read once for all the categories."""
    sums = {code: {"events": 0, "participants": 0} for code in CATEGORIES}
    wanted = figure_plan(figure for pair in _DECLARED_FIGURES.values() for figure in pair)
    for record in records:
        declared = figure_values(record, wanted)
        counted: dict[str, tuple[int, int]] = {}
        for _, event in events(record):
            code = event.get("category")
            if isinstance(code, str) and code in sums:
                n, people = counted.get(code, (0, 0))
                counted[code] = (n + 1, people + (integer(event.get("participants")) or 0))
        for code, sum_of in sums.items():
            n, people = counted.get(code, (0, 0))
            pair = _DECLARED_FIGURES.get(code)
            if pair is not None:
                given_n, given_people = declared[pair[0].key], declared[pair[1].key]
                n = n if given_n is None else given_n
                people = people if given_people is None else given_people
            sum_of["events"] += n
            sum_of["participants"] += people
    return sums


def by_level(records: Iterable[Record], year: int) -> list[Row]:
    """Per level (国家级 … 区县级): listed events and their participants, awards and nominations."""
    now, before = of_years(records, year)
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
    now, last_year = of_years(records, year)
    wanted = figure_plan(BY_KEY[k] for k in columns)
    before = {org_of(r): r for r in last_year}
    out = []
    for record in now:
        org = org_of(record) or record.id
        last = before.get(org)
        values = figure_values(record, wanted)
        previous = figure_values(last, wanted) if last is not None else {}
        out.append(OrgRow(org, state_of(record), values, previous))
    return out
