"""Pure date logic, with Hypothesis properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.terms import (
    Term,
    TermState,
    add_months,
    add_years,
    completed_quarters,
    days_until,
    inspection_exempt,
    parse_date,
    report_deadline,
    report_year,
    term_state,
)

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
years = st.integers(min_value=1, max_value=10)


def test_leap_day_term_ends_on_28_february() -> None:
    assert add_years(dt.date(2020, 2, 29), 5) == dt.date(2025, 2, 28)
    assert add_years(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 8, 31), -6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 2) == dt.date(2027, 1, 15)


@given(dates, years)
def test_term_ends_same_month_and_day(start: dt.date, n: int) -> None:
    end = add_years(start, n)
    assert end.year == start.year + n and end.month == start.month
    assert end.day == start.day or (start.month, start.day, end.day) == (2, 29, 28)


@given(dates, years, st.integers(min_value=0, max_value=400))
def test_extension_never_shortens_a_term(start: dt.date, n: int, extra: int) -> None:
    regular = Term(started=start, years=n)
    extended = Term(started=start, years=n, extended_to=regular.regular_end + dt.timedelta(days=extra))
    assert extended.end >= regular.end
    assert regular.end == regular.regular_end


@given(dates, years, st.integers(min_value=0, max_value=24), dates, st.integers(min_value=1, max_value=900))
def test_due_state_never_moves_back_as_today_advances(
    start: dt.date, n: int, lead: int, today: dt.date, step: int
) -> None:
    end = add_years(start, n)
    order = {TermState.CURRENT: 0, TermState.DUE: 1, TermState.OVERDUE: 2}
    later = today + dt.timedelta(days=step)
    assert order[term_state(end, later, lead)] >= order[term_state(end, today, lead)]


@given(dates, dates, st.integers(min_value=1, max_value=900))
def test_days_until_decreases_as_today_advances(end: dt.date, today: dt.date, step: int) -> None:
    assert days_until(end, today + dt.timedelta(days=step)) == days_until(end, today) - step


def test_term_state_boundaries() -> None:
    end = dt.date(2027, 3, 31)
    assert term_state(end, end, 6) is TermState.DUE  # ends today: still due, not overdue
    assert term_state(end, end + dt.timedelta(days=1), 6) is TermState.OVERDUE
    assert term_state(end, dt.date(2026, 9, 30), 6) is TermState.DUE  # lead time starts today
    assert term_state(end, dt.date(2026, 9, 29), 6) is TermState.CURRENT
    assert term_state(end, end, 0) is TermState.DUE


@given(dates)
def test_report_year_deadline_has_passed(today: dt.date) -> None:
    year = report_year(today, (5, 31))
    assert report_deadline(year, (5, 31)) < today <= report_deadline(year + 1, (5, 31))


def test_report_year_examples() -> None:
    assert report_year(dt.date(2026, 5, 31), (5, 31)) == 2024
    assert report_year(dt.date(2026, 6, 1), (5, 31)) == 2025
    assert report_year(dt.date(2026, 11, 23), (5, 31)) == 2025
    assert report_deadline(2023, (2, 29)) == dt.date(2024, 2, 29)
    assert report_deadline(2024, (2, 29)) == dt.date(2025, 2, 28)


def test_inspection_exemption_cutoff() -> None:
    assert not inspection_exempt(dt.date(2025, 6, 30), 2025)
    assert inspection_exempt(dt.date(2025, 7, 1), 2025)
    assert inspection_exempt(dt.date(2026, 1, 1), 2025)


def test_completed_quarters() -> None:
    assert completed_quarters(dt.date(2026, 11, 23)) == [(2025, 4), (2026, 1), (2026, 2), (2026, 3)]
    assert completed_quarters(dt.date(2026, 1, 1)) == [(2025, 1), (2025, 2), (2025, 3), (2025, 4)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-28", dt.date(2026, 2, 28)),
        ("2026-02-29", None),
        ("20260228", None),
        ("2026-2-8", None),
        (20260228, None),
        (None, None),
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
