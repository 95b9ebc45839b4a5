"""The 换届 as a process: the leader boundary on election day, the recorded steps, K309."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kexie_cli.records.model import current_leaders, in_office, leaders
from tests.conftest import REPO, run_cli

JINSHU = "records/societies/jinshu-xuehui.yaml"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(REPO / "records", root / "records")
    shutil.copy(REPO / "kexie.yaml", root / "kexie.yaml")
    return root


def findings(root: Path, as_of: str, rel: str) -> list[dict[str, object]]:
    run = run_cli(["check", "--as-of", as_of, "--format", "json"], root)
    assert run.exit_code in (0, 1), run.stderr
    return [f for f in run.json() if f["file"] == rel]


# --- the leader boundary -----------------------------------------------------------


def test_until_is_exclusive_and_since_inclusive() -> None:
    data = {
        "leaders": [
            {"role": "chair", "name": "甲", "since": "2016-07-16", "until": "2026-11-23"},
            {"role": "chair", "name": "乙", "since": "2026-11-23"},
        ]
    }
    old, new = leaders(data)
    day = dt.date(2026, 11, 23)
    assert in_office(old, day - dt.timedelta(days=1)) and not in_office(new, day - dt.timedelta(days=1))
    assert not in_office(old, day) and in_office(new, day)
    assert not in_office(old, day + dt.timedelta(days=1)) and in_office(new, day + dt.timedelta(days=1))
    assert [ld.name for ld in current_leaders(data, day, "chair")] == ["乙"]


def test_an_election_recorded_on_its_own_day_gives_no_findings(sample: Path) -> None:
    before = findings(sample, "2026-11-23", JINSHU)
    assert [f["code"] for f in before] == ["K301"]  # overdue until the congress is recorded
    run = run_cli(
        ["elect", "jinshu-xuehui", "--date", "2026-11-23", "--chair", "赵六", "--as-of", "2026-11-23"], sample
    )
    assert run.exit_code == 0, run.stderr
    for day in ("2026-11-23", "2026-11-24"):  # the boundary day and the day after
        assert findings(sample, day, JINSHU) == [], day


def test_show_and_list_leaders_agree_on_the_boundary_day(sample: Path) -> None:
    args = ["elect", "jinshu-xuehui", "--date", "2026-11-23", "--chair", "赵六", "--as-of", "2026-11-23"]
    assert run_cli(args, sample).exit_code == 0
    for day, chair in (("2026-11-22", "史松峰"), ("2026-11-23", "赵六"), ("2026-11-24", "赵六")):
        listed = run_cli(["list", "leaders", "--as-of", day, "--format", "json"], sample).json()
        chairs = [row["name"] for row in listed if row["org"] == "示例市金属学会" and row["role"] == "chair"]
        assert chairs == [chair], day
        shown = run_cli(["show", "jinshu-xuehui", "--as-of", day, "--format", "json"], sample).json()
        assert shown["derived"]["chair"] == chair, day
