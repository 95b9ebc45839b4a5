"""Working days with China's calendar (chinesecalendar): 春节, a 调休 Saturday, and the Monday–Friday fallback."""

from __future__ import annotations

import datetime as dt

from kexie_cli.workdays import add_workdays, is_workday

D = dt.date


def test_a_tiaoxiu_saturday_is_a_working_day() -> None:
    assert is_workday(D(2026, 2, 14)) == (True, True)  # Saturday before 春节 2026: 调休 working day
    assert add_workdays(D(2026, 2, 13), 1).date == D(2026, 2, 14)


def test_spring_festival_is_skipped() -> None:
    assert all(not is_workday(D(2026, 2, day))[0] for day in range(15, 24))  # 2026-02-15 to 02-23 off
    assert add_workdays(D(2026, 2, 14), 1).date == D(2026, 2, 24)
    count = add_workdays(D(2026, 2, 6), 30)  # across 春节 and the 调休 Saturdays 02-14 and 02-28
    assert (count.date, count.fallback_years) == (D(2026, 3, 26), ())


def test_a_year_without_data_counts_monday_to_friday_and_says_so() -> None:
    assert is_workday(D(2040, 1, 2)) == (True, False)  # no holiday notice for 2040: Monday
    assert is_workday(D(2040, 1, 7)) == (False, False)  # Saturday
    count = add_workdays(D(2026, 12, 25), 5)
    assert count.date == D(2027, 1, 1) and count.fallback_years == (2027,)


def test_zero_days_is_the_start() -> None:
    assert add_workdays(D(2026, 2, 14), 0).date == D(2026, 2, 14)
