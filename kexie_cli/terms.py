"""Pure date logic: term ends, extensions, lead times, deadlines, ages.

Every function takes the dates it needs (``today`` included) as arguments;
nothing here reads the clock.

Decisions (see docs/rules.md):
- A term of N years started on D ends on the same month and day N years
  later (29 February -> 28 February). The end date is the term's last day:
  a term is *overdue* from the day after its effective end.
- The effective end is ``extended_to`` when an extension is recorded.
- A term is *due* when today lies in [end - lead_months, end].
- The annual report for year Y is due on Y+1-MM-DD (settings
  ``inspections.deadline``); the report year is the last year whose
  deadline lies strictly before today.
- A society founded after 30 June of year Y is exempt for year Y.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum

Date = dt.date


def add_years(start: Date, years: int) -> Date:
    """Same month and day ``years`` later; 29 February becomes 28 February.

    Saturates at ``date.min`` / ``date.max`` (a record dated 9999-12-31 has no later day).
    """
    year = start.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return Date.max if years > 0 else Date.min
    day = start.day
    if start.month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return Date(year, start.month, day)


def add_months(start: Date, months: int) -> Date:
    """Same day ``months`` later (or earlier), clamped to the month's last day."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # saturates, like add_years
        return Date.max if months > 0 else Date.min
    last = calendar.monthrange(year, month0 + 1)[1]
    return Date(year, month0 + 1, min(start.day, last))


@dataclass(frozen=True, slots=True)
class Term:
    """One 届: when it started, how long it runs, and an approved extension."""

    started: Date
    years: int
    number: int | None = None
    extended_to: Date | None = None
    extension_approved: Date | None = None

    @property
    def regular_end(self) -> Date:
        return add_years(self.started, self.years)

    @property
    def end(self) -> Date:
        """The effective end: the approved extension when there is one."""
        return self.extended_to or self.regular_end

    @property
    def max_extension(self) -> Date:
        """The latest lawful extension: one year past the regular end."""
        return add_years(self.regular_end, 1)


class TermState(StrEnum):
    CURRENT = "current"
    DUE = "due"
    OVERDUE = "overdue"


def term_state(end: Date, today: Date, lead_months: int) -> TermState:
    if today > end:
        return TermState.OVERDUE
    if today >= add_months(end, -lead_months):
        return TermState.DUE
    return TermState.CURRENT


def days_until(end: Date, today: Date) -> int:
    """Days from today to ``end``: negative once the date has passed."""
    return (end - today).days


def report_deadline(year: int, deadline: tuple[int, int]) -> Date:
    """The date by which the annual report for ``year`` is due."""
    month, day = deadline
    last = calendar.monthrange(year + 1, month)[1]
    return Date(year + 1, month, min(day, last))


def report_year(today: Date, deadline: tuple[int, int]) -> int:
    """The last report year whose deadline has passed as of ``today``."""
    year = today.year - 1
    while report_deadline(year, deadline) >= today:
        year -= 1
    return year


def inspection_exempt(founded: Date, year: int) -> bool:
    """A society founded after 30 June of ``year`` owes no report for it."""
    return founded > Date(year, 6, 30)


def age_in(year: int, birth_year: int) -> int:
    """Age reached in ``year`` (only the birth year is recorded)."""
    return year - birth_year


def parse_date(value: object) -> Date | None:
    """An ISO ``YYYY-MM-DD`` string as a date, or None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    return _iso_date(value)


@functools.lru_cache(maxsize=8192)
def _iso_date(value: str) -> Date | None:
    """Parsed once per distinct string: records repeat dates, rules parse them often."""
    try:
        return Date.fromisoformat(value)
    except ValueError:
        return None


def quarter_of(day: Date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[Date, Date]:
    first = Date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    return first, Date(year, end_month, calendar.monthrange(year, end_month)[1])


def completed_quarters(today: Date, months: int = 12) -> list[tuple[int, int]]:
    """Calendar quarters that ended before today and after ``today - months``."""
    since = add_months(today, -months)
    year, quarter = quarter_of(today)
    result: list[tuple[int, int]] = []
    while True:
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        last = quarter_bounds(year, quarter)[1]
        if last <= since:
            break
        result.append((year, quarter))
    return list(reversed(result))
