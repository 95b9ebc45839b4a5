"""Working days (工作日) with China's official calendar: holidays and the 调休 working weekends.

The calendar comes from the ``chinesecalendar`` package (imported as ``chinese_calendar``), which
carries the 国务院办公厅 holiday notices year by year. A year it has no data for (a future year
whose notice is not out yet, or a year before 2004) is counted Monday to Friday, and the answer
says which years were counted that way, so a finding can say so (docs/calendar.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import chinese_calendar


@dataclass(frozen=True, slots=True)
class WorkdayCount:
    """The day ``days`` working days after a start, and the years counted Monday–Friday (no data)."""

    date: dt.date
    fallback_years: tuple[int, ...] = ()


@functools.lru_cache(maxsize=4096)
def is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, known from the official calendar); unknown years fall back to Monday–Friday."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_workdays(start: dt.date, days: int) -> WorkdayCount:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    day, left = start, days
    fallback: set[int] = set()
    while left > 0:
        if day >= dt.date.max - dt.timedelta(days=1):
            return WorkdayCount(dt.date.max, tuple(sorted(fallback)))
        day += dt.timedelta(days=1)
        working, known = is_workday(day)
        if not known:
            fallback.add(day.year)
        if working:
            left -= 1
    return WorkdayCount(day, tuple(sorted(fallback)))
