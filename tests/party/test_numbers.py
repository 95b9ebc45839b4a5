"""One set of numbers: ``kexie party``, ``kexie summary party`` and the K50x findings agree.

On the sample registry and on every pinned example registry (tests/examples/party/, and the
kexie party example tests/examples/calendar/party/), the same population (在册) and the same
implementation (``party.cover``) give the same counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, REPO, run_cli

EXAMPLES = REPO / "tests" / "examples"
ROOTS = [REPO, EXAMPLES / "calendar" / "party", *sorted(p for p in (EXAMPLES / "party").iterdir() if p.is_dir())]


def _json(args: list[str], root: Path) -> Any:
    run = run_cli([*args, "--as-of", AS_OF, "--format", "json"], root)
    assert run.exit_code in (0, 1), run.stderr
    return run.json()


def numbers(root: Path, *where: str) -> dict[str, dict[str, int]]:
    """The coverage and 三会一课 counts as each command gives them."""
    scope = [a for w in where for a in ("--where", w)]
    party = _json(["party", *scope], root)
    summary = {r["kind"]: r for r in _json(["summary", "party", *scope], root)[0]["rows"]}["society"]
    out: dict[str, dict[str, int]] = {
        "party": {
            "total": party["coverage"]["total"],
            "organisation": party["coverage"]["organisation"],
            "work": party["coverage"]["work"],
            "uncovered": party["coverage"]["uncovered"],
            "liaison": party["coverage"]["counts"]["liaison"],
            "uncovered_active": party["coverage"]["uncovered_active"],
            "gap_cells": party["meeting_gaps"]["cells"],
            "gap_findings": party["meeting_gaps"]["findings"],
        },
        "summary party": {
            "total": summary["total"],
            "organisation": summary["organisation"],
            "work": summary["work"],
            "uncovered": summary["uncovered"],
            "liaison": summary["liaison"],
        },
    }
    if not where:
        findings = _json(["check"], root)
        out["check"] = {
            "uncovered_active": sum(1 for f in findings if f["code"] == "K501"),
            "gap_cells": len({f["id"] for f in findings if f["code"] == "K506"}),
            "gap_findings": sum(1 for f in findings if f["code"] == "K506"),
        }
    return out


def agree(found: dict[str, dict[str, int]]) -> None:
    merged: dict[str, int] = {}
    for source, values in found.items():
        for key, value in values.items():
            assert merged.setdefault(key, value) == value, (key, source, found)


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name if p != REPO else "sample")
def test_commands_agree(root: Path) -> None:
    agree(numbers(root))


def test_sample_numbers() -> None:
    """The sample registry as of 2026-11-23 (reported in docs/party.md)."""
    found = numbers(REPO)
    assert found["party"] == {
        "total": 69,  # 在册: 68 active + 1 dormant
        "organisation": 46,  # 17 own + 27 joint + 2 functional
        "work": 67,  # + 7 working groups + 14 liaison-only
        "uncovered": 2,
        "liaison": 14,
        "uncovered_active": 1,
        "gap_cells": found["check"]["gap_cells"],
        "gap_findings": found["check"]["gap_findings"],
    }
    assert found["check"]["gap_findings"] > 0


def test_where_scopes_both_commands() -> None:
    found = numbers(REPO, "party_affiliation=tech-society-committee")
    agree(found)
    where = ["--where", "party_affiliation=科技社团党委", "--where", "status!=revoked|dissolved"]
    listed = run_cli(
        ["list", "societies", *where, "--columns", "id,liaison.name", "--format", "json", "--as-of", AS_OF], REPO
    ).json()
    assert found["party"]["total"] == len(listed) == 59
    assert found["party"]["liaison"] == sum(1 for s in listed if s["liaison.name"])


def test_where_keeps_the_cells_of_the_societies_in_scope() -> None:
    party = _json(["party", "--where", "level=provincial"], REPO)
    assert party["coverage"]["total"] == 2 and party["cells"] == []  # both provincial societies: liaison only
    cells = _json(["party", "--where", "name~医"], REPO)["cells"]
    assert cells and all("医" in c["name"] for c in cells)  # name is a field of party cells too


def test_bad_where_exits_2() -> None:
    for command in (["party"], ["summary", "party"]):
        run = run_cli([*command, "--where", "stars.latest>=abc", "--as-of", AS_OF], REPO)
        assert run.exit_code == 2 and "^^^" in run.stderr and "Traceback" not in run.stderr
        run = run_cli([*command, "--where", "nosuchfield=1", "--as-of", AS_OF], REPO)
        assert run.exit_code == 2 and "nosuchfield" in run.stderr
