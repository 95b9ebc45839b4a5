"""The .ics export parses with icalendar, has the expected events, and is stable across runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from icalendar import Calendar

from tests.calendar.helpers import ELECTIONS
from tests.conftest import AS_OF, run_cli


def export(tmp_path: Path, name: str = "due.ics", *args: str) -> Path:
    target = tmp_path / name
    run = run_cli(["due-elections", "--as-of", AS_OF, "--format", "ics", "--output", str(target), *args], ELECTIONS)
    assert run.exit_code == 0, run.stderr
    return target


def events(path: Path) -> dict[str, Any]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_one_all_day_event_per_record(tmp_path: Path) -> None:
    found = events(export(tmp_path))
    assert len(found) == 9
    leap = found["leap-day-term-2024-02-29@kexie"]
    assert leap.decoded("dtstart") == dt.date(2027, 2, 28)
    assert leap.decoded("dtend") == dt.date(2027, 3, 1)
    assert "闰日学会" in str(leap["summary"]) and "第二十届" in str(leap["summary"])
    extended = found["ext-today-term-2021-06-30@kexie"]
    assert extended.decoded("dtstart") == dt.date(2026, 11, 23)
    assert "已批准延期" in str(extended["description"])


def test_reminder_at_the_lead_time(tmp_path: Path) -> None:
    found = events(export(tmp_path))
    alarm = found["lead-today-term-2022-05-23@kexie"].walk("VALARM")[0]
    # 2027-05-23 minus 6 months is 2026-11-23: 181 days before
    assert alarm.decoded("trigger") == -dt.timedelta(days=181)
    short = events(export(tmp_path, "short.ics", "--within", "90d"))
    alarm = short["ext-today-term-2021-06-30@kexie"].walk("VALARM")[0]
    assert alarm.decoded("trigger") == -dt.timedelta(days=90)


def test_uid_stable_and_file_identical_across_runs(tmp_path: Path) -> None:
    first = export(tmp_path, "a.ics").read_bytes()
    second = export(tmp_path, "b.ics").read_bytes()
    assert first == second
    assert len(set(events(tmp_path / "a.ics"))) == 9
