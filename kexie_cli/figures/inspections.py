"""A society's 年检/年报 standing, the 解除资格 candidacy (K402), 合格率 and 报送率 (docs/figures.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kexie_cli.records.model import Record, date, entries, integer, text
from kexie_cli.share import Share, share
from kexie_cli.terms import inspection_exempt, report_year

BAD_RESULTS = ("missing", "fail")
MIN_STREAK = 2  # two years running (K402)
VERDICTS = ("pass", "basic-pass", "fail")
DONE = ("pass", "basic-pass", "submitted", "fail")  # an entry that is a report handed in


def inspection_years(record: Record) -> dict[int, tuple[int, str | None]]:
    """Report year -> (list index, result) of the first entry for each year."""
    out: dict[int, tuple[int, str | None]] = {}
    for i, item in entries(record.get("inspections")):
        year = integer(item.get("year"))
        if year is not None and year not in out:
            out[year] = (i, text(item.get("result")))
    return out


def owes_year(record: Record, year: int) -> bool | None:
    """Whether the society appears in report year ``year`` at all (None: founded after it, not counted)
    and owes a report (False: founded after 30 June of ``year``, 当年成立免检)."""
    founded = date(record.get("founded"))
    if founded is None:
        return True
    if founded.year > year:
        return None
    return not inspection_exempt(founded, year)


def standing(record: Record, year: int) -> str | None:
    """The society's category for report year ``year``: its result code, ``exempt`` (no entry and
    none owed), ``none`` (no entry), or None when it was founded after that year (not counted)."""
    owes = owes_year(record, year)
    if owes is None:
        return None
    found = inspection_years(record).get(year)
    if found is not None:
        return found[1] or "none"
    return "none" if owes else "exempt"


def bad_streak(record: Record, year: int) -> tuple[int, ...]:
    """The consecutive years of ``missing``/``fail`` ending at the latest entry for ``year`` or before."""
    years = inspection_years(record)
    recorded = [y for y in years if y <= year]
    if not recorded:
        return ()
    out: list[int] = []
    current = max(recorded)
    while current in years and years[current][1] in BAD_RESULTS:
        out.append(current)
        current -= 1
    return tuple(reversed(out))


def candidate_streak(record: Record, today: dt.date, deadline: tuple[int, int]) -> tuple[int, ...]:
    """The streak making the society a 解除资格 candidate on ``today`` (K402), or ``()``.

    Candidacy is about the report years that were due: the streak ends at the latest entry for
    the last report year whose deadline has passed or before. A report for a year whose deadline
    has not passed (the 2026 report, handed in before 2027-05-31) does not end it.
    """
    streak = bad_streak(record, report_year(today, deadline))
    return streak if len(streak) >= MIN_STREAK else ()


def pass_rate(counts: Mapping[str, int]) -> Share | None:
    """合格率: 合格 and 基本合格 among the societies with a verdict (合格, 基本合格, 不合格).

    已报送 (a 年报 with no verdict) and 未参检 are not verdicts: they count in the 报送率
    (:func:`report_rate`), not here. None without any verdict.
    """
    passed = counts.get("pass", 0) + counts.get("basic-pass", 0)
    return share(passed, sum(counts.get(c, 0) for c in VERDICTS))


def report_rate(counts: Mapping[str, int], owed: int) -> Share | None:
    """报送率: the societies with an entry other than 未参检/未报送 among those that had to report (``owed``)."""
    return share(sum(counts.get(c, 0) for c in DONE), owed)
