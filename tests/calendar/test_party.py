"""kexie party on the example registry and the sample registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.calendar.helpers import PARTY, SAMPLE
from tests.conftest import AS_OF, run_cli


def overview(root: Path = PARTY, *args: str) -> Any:
    run = run_cli(["party", "--as-of", AS_OF, "--format", "json", *args], root)
    assert run.exit_code == 0, run.stderr
    return run.json()


def test_coverage_counts() -> None:
    data = overview()
    coverage = data["coverage"]
    assert coverage["total"] == 7  # the dormant society is not counted
    assert coverage["counts"] == {"own": 1, "joint": 2, "working-group": 1, "functional": 0, "liaison": 1, "none": 2}
    assert coverage["shares"]["joint"] == round(2 / 7, 4)
    by_id = {s["id"]: s for s in data["societies"]}
    assert by_id["joint-b"]["coverage"] == "joint"  # a cell counts before its liaison
    assert by_id["dead-cover"]["coverage"] == "none"  # its only cell is dissolved
    assert [u["id"] for u in data["uncovered"]] == ["bare", "dead-cover"]


def test_cells_and_meeting_gaps() -> None:
    cells = {c["id"]: c for c in overview()["cells"]}
    assert set(cells) == {"own-branch", "joint", "wg-cell"}
    own = cells["own-branch"]
    assert (own["form"], own["category"], own["members_full"], own["members_probationary"]) == ("branch", "A", 7, 1)
    assert own["secretary"] == "王书记" and own["term_ends"] == "2027-06-01"
    # every quarter has a member meeting and a lecture; committee meetings are logged once, so checked monthly
    assert set(own["gaps"]) == {"committee-meeting"}
    assert len(own["gaps"]["committee-meeting"]) == 11 and "2026-09" not in own["gaps"]["committee-meeting"]
    assert cells["wg-cell"]["gaps"] == {
        "member-meeting": ["2025Q4", "2026Q1", "2026Q2", "2026Q3"],
        "lecture": ["2025Q4", "2026Q1", "2026Q2", "2026Q3"],
    }
    assert cells["joint"]["gaps"] is None  # no log at all
    assert cells["joint"]["term_state"] == "overdue"


def test_plain_output() -> None:
    run = run_cli(["party", "--as-of", AS_OF], PARTY)
    assert run.exit_code == 0
    assert "未覆盖的社团" in run.stdout and "未登记三会一课" in run.stdout
    assert "等11个" in run.stdout
    assert run.stdout.splitlines()[-1] == (
        "正常状态社团 7 个：党组织覆盖 4 个（57.1%），仅联络员/指导员 1 个，未覆盖 2 个；"
        "党组织 3 个，三会一课有缺项 2 个"
    )


def test_settings_can_require_committee_meetings(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "reg"
    shutil.copytree(PARTY, root)
    (root / "kexie.yaml").write_text(
        "registry: 测试\nparty:\n  meetings: {committee-meeting: quarterly}\n", encoding="utf-8"
    )
    cells = {c["id"]: c for c in overview(root)["cells"]}
    # quarterly now, and checked for the working group too, which logs none
    assert cells["own-branch"]["gaps"]["committee-meeting"] == ["2025Q4", "2026Q1", "2026Q2"]
    assert cells["wg-cell"]["gaps"]["committee-meeting"] == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]


def test_sample_registry_agrees_with_check() -> None:
    findings = run_cli(["check", "--as-of", AS_OF, "--format", "json"], SAMPLE).json()
    assert isinstance(findings, list)
    data = overview(SAMPLE)
    assert {u["id"] for u in data["uncovered"]} == {f["id"] for f in findings if f["code"] == "K501"}
    k506 = {f["id"] for f in findings if f["code"] == "K506"}
    core = {"member-meeting", "lecture", "life-meeting"}
    assert {c["id"] for c in data["cells"] if c["gaps"] and core & set(c["gaps"])} == k506
    assert len(data["cells"]) == 34
