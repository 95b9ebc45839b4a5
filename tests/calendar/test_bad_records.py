"""Invalid or half-written records never make the calendar commands fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli

BROKEN = {
    "records/societies/bad-yaml.yaml": "id: bad-yaml\nkind: [society\n",
    "records/societies/odd-types.yaml": (
        "id: odd-types\nkind: society\nname: 怪类型学会\nstatus: active\nfounded: 昨天\n"
        "term: {number: 二, started: 2021-02-30, years: five}\n"
        "leaders: 理事长\ninspections: [2025, {year: x, result: pass}, {year: 2025}]\nliaison: 陈静\n"
    ),
    "records/societies/half.yaml": (
        "id: half\nkind: society\nname: 半截学会\nstatus: active\n"
        "term: {number: 3, started: 2021-06-01, years: 5}\nleaders: [{role: chair}, 7]\ninspections: {}\n"
    ),
    "records/party-cells/odd-cell.yaml": (
        "id: odd-cell\nkind: party-cell\nname: 怪党支部\nstatus: active\nform: 7\ncovers: 3\n"
        "members: {full: 多}\nmeetings: [{date: 2026-13-01, type: lecture}, hello, {type: 9}]\n"
        "term: {number: 1, started: 2020-01-01, years: 3}\n"
    ),
    "records/branches/loop-a.yaml": "id: loop-a\nkind: branch\nname: 甲\nstatus: active\nparent: loop-b\n",
    "records/branches/loop-b.yaml": (
        "id: loop-b\nkind: branch\nname: 乙\nstatus: active\nparent: loop-a\n"
        "term: {number: 1, started: 2020-01-01, years: 5}\n"
    ),
}


@pytest.mark.parametrize(
    "args",
    [
        ["due-elections", "--format", "json"],
        ["due-elections", "--parent", "loop-a", "--format", "json"],
        ["inspections", "--format", "plain"],
        ["party", "--format", "plain"],
        ["party", "--format", "table"],
    ],
)
def test_commands_survive_bad_records(registry: Callable[..., Path], args: list[str]) -> None:
    root = registry(BROKEN)
    run = run_cli([*args, "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    assert "Traceback" not in run.stderr


def test_due_elections_lists_what_it_can(registry: Callable[..., Path]) -> None:
    rows = run_cli(["due-elections", "--as-of", AS_OF, "--format", "json"], registry(BROKEN)).json()
    # half: 2021-06-01 + 5 years has ended; odd-cell: ended 2023; loop-b: ended 2025; odd-types has no valid term
    assert [(r["id"], r["state"]) for r in rows] == [
        ("odd-cell", "overdue"),
        ("loop-b", "overdue"),
        ("half", "overdue"),
    ]
    assert rows[2]["chair"] is None


def test_letters_survive_bad_records(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(BROKEN)
    for which in ("elections", "inspections"):
        run = run_cli(["letters", which, "--as-of", AS_OF, "-o", str(tmp_path / which)], root)
        assert run.exit_code == 0, run.stderr
