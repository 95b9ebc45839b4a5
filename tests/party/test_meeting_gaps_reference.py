"""三会一课 gaps (party/cover.py: meeting_gaps) against the plainest reading of the rule, on random logs.

meeting_gaps looks each period up in the cell's sorted meeting days; the reference below scans the
whole log for every period, as the rule reads: a period is missing a meeting type when no meeting
of that type was held on a day from its first to its last.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.party.cover import checks_meetings, meeting_gaps, periods
from kexie_cli.party.forms import required_meetings
from kexie_cli.records.file import RecordFile
from kexie_cli.records.model import Record, date, entries, text
from kexie_cli.registry.load import Registry
from tests.conftest import REPO

SETTINGS = Registry.open(REPO, REPO).settings
TYPES = [*SETTINGS.party.meetings, "other", None, 7]
FORMS = ["branch", "general-branch", "committee", "joint-branch", "functional-branch", "working-group"]


def _reference(cell: Record, today: dt.date) -> dict[str, list[str]] | None:
    if not checks_meetings(cell):
        return None
    log = [(date(m.get("date")), text(m.get("type"))) for _, m in entries(cell.get("meetings"))]
    founded = date(cell.get("founded"))
    grace = dt.timedelta(days=SETTINGS.party.grace_days)
    gaps: dict[str, list[str]] = {}
    for kind, frequency in required_meetings(cell, SETTINGS).items():
        missing = []
        for label, first, last in periods(frequency, today):
            if founded is not None and founded > first:
                continue
            if frequency != "yearly" and last + grace >= today:
                continue
            if not any(t == kind and d is not None and first <= d <= last for d, t in log):
                missing.append(label)
        if missing:
            gaps[kind] = missing
    return gaps


days = st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31))
meeting = st.fixed_dictionaries(
    {"type": st.sampled_from(TYPES)},
    optional={"date": st.one_of(days.map(dt.date.isoformat), days, st.just("2025-02-30"), st.none())},
)


@settings(max_examples=300, deadline=None)
@given(
    log=st.lists(st.one_of(meeting, st.just("not a mapping")), max_size=40),
    form=st.sampled_from(FORMS),
    founded=st.one_of(st.none(), days.map(dt.date.isoformat)),
    today=days,
    committee=st.booleans(),
)
def test_gaps_are_those_of_the_plain_rule(
    log: list[Any], form: str, founded: str | None, today: dt.date, committee: bool
) -> None:
    data: dict[str, Any] = {"id": "ceshi-dangzhibu", "name": "中共测试学会支部委员会", "status": "active"}
    data["form"] = form
    data["meetings"] = log
    if founded is not None:
        data["founded"] = founded
    if committee:
        data["committee"] = [{"name": "张三", "role": "secretary"}]
    path = Path("records/party-cells/ceshi-dangzhibu.yaml")
    cell = Record(RecordFile(REPO / path, path.as_posix(), "party-cell"), data)
    assert meeting_gaps(cell, SETTINGS, today) == _reference(cell, today)


def test_the_random_cells_have_gaps_and_meetings_to_find() -> None:
    """The property above is not vacuous: a cell with some meetings has some periods covered, some not."""
    today = dt.date(2026, 11, 23)
    log = [{"type": "lecture", "date": "2026-02-10"}, {"type": "member-meeting", "date": "2026-05-01"}]
    path = Path("records/party-cells/ceshi-dangzhibu.yaml")
    data = {"id": "ceshi-dangzhibu", "status": "active", "form": "branch", "meetings": log}
    gaps = meeting_gaps(Record(RecordFile(REPO / path, path.as_posix(), "party-cell"), data), SETTINGS, today)
    assert gaps is not None
    assert "2026Q1" not in gaps["lecture"] and "2026Q2" in gaps["lecture"]
    assert "2026Q2" not in gaps["member-meeting"] and "2026Q1" in gaps["member-meeting"]
