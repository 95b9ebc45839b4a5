"""--within parsing and the reminder window."""

from __future__ import annotations

import datetime as dt

import pytest

from kexie_cli.calendar.lead import Lead, parse_within, window_state
from kexie_cli.terms import TermState

D = dt.date


@pytest.mark.parametrize(("text", "lead"), [("90d", Lead(90, "d")), ("6m", Lead(6, "m")), ("1y", Lead(12, "m"))])
def test_parse_within(text: str, lead: Lead) -> None:
    assert parse_within(text) == lead


@pytest.mark.parametrize("text", ["", "6", "m6", "6w", "-3d", "1.5y", "六个月"])
def test_parse_within_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_within(text)


def test_day_window_boundaries() -> None:
    end = D(2027, 2, 21)
    lead = Lead(90, "d")  # window starts 2026-11-23
    assert window_state(end, D(2026, 11, 22), lead) is TermState.CURRENT
    assert window_state(end, D(2026, 11, 23), lead) is TermState.DUE
    assert window_state(end, end, lead) is TermState.DUE
    assert window_state(end, D(2027, 2, 22), lead) is TermState.OVERDUE


def test_month_window_on_29_february() -> None:
    end = D(2028, 2, 29)
    assert Lead(6, "m").start(end) == D(2027, 8, 29)
    assert Lead(12, "m").start(end) == D(2027, 2, 28)
    assert window_state(end, D(2027, 8, 28), Lead(6, "m")) is TermState.CURRENT
    assert window_state(end, D(2027, 8, 29), Lead(6, "m")) is TermState.DUE
