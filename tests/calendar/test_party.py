"""kexie party on the example registry and the sample registry."""

from __future__ import annotations

import shutil
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
    assert coverage["total"] == 8  # on the books: the dormant society counts (docs/party.md)
    assert coverage["counts"] == {
        "own": 1,
        "joint": 2,
        "functional": 0,
        "working-group": 1,
        "liaison": 2,  # joint-b has a joint branch and a liaison: it counts under both
        "organisation": 3,
        "work": 5,
        "none": 3,
    }
    assert (coverage["organisation"], coverage["work"], coverage["uncovered"]) == (3, 5, 3)
    assert coverage["uncovered_active"] == 2  # the K501 findings
    assert coverage["shares"]["joint"] == round(2 / 8, 4)
    assert coverage["cells"] == {"own": 1, "joint": 1, "functional": 0, "working-group": 1}  # a 联合党支部 counts once
    by_id = {s["id"]: s for s in data["societies"]}
    assert by_id["joint-b"]["forms"] == ["joint", "liaison"]  # every form, not only the strongest
    assert by_id["joint-b"]["coverage"] == "joint"
    assert by_id["wg"]["forms"] == ["working-group"] and not by_id["wg"]["organisation"] and by_id["wg"]["work"]
    assert by_id["dead-cover"]["forms"] == []  # its only cell is dissolved
    assert [u["id"] for u in data["uncovered"]] == ["asleep", "bare", "dead-cover"]


def test_cells_and_meeting_gaps() -> None:
    cells = {c["id"]: c for c in overview()["cells"]}
    assert set(cells) == {"own-branch", "joint", "wg-cell"}
    own = cells["own-branch"]
    assert (own["form"], own["category"], own["members_full"], own["members_probationary"]) == ("branch", "A", 7, 1)
    assert own["head"] == "王书记" and own["head_role"] == "secretary" and own["term_ends"] == "2027-06-01"
    # every quarter has a member meeting and a lecture; 7 full members make a 支委会, due monthly;
    # 主题党日 is due monthly; no 党小组会 is logged, so the cell has no 党小组
    assert set(own["gaps"]) == {"committee-meeting", "theme-day"}
    assert len(own["gaps"]["committee-meeting"]) == 11 and "2026-09" not in own["gaps"]["committee-meeting"]
    assert len(own["gaps"]["theme-day"]) == 12
    wg = cells["wg-cell"]
    assert wg["gaps"] is None and wg["elections"] is False and wg["head_role"] == "group-leader"
    assert cells["joint"]["gaps"] is None  # no log at all
    assert cells["joint"]["term_state"] == "overdue"


def test_plain_output() -> None:
    run = run_cli(["party", "--as-of", AS_OF], PARTY)
    assert run.exit_code == 0
    assert "未覆盖的社团" in run.stdout and "未登记三会一课" in run.stdout and "不开展三会一课" in run.stdout
    assert "等11个" in run.stdout and "组长" in run.stdout and "不换届" in run.stdout
    assert run.stdout.splitlines()[-1] == (
        "在册社团 8 个：党的组织覆盖 3 个（37.5%），党的工作覆盖 5 个（62.5%），未覆盖 3 个（其中正常状态 2 个，"
        "即 K501）；党组织 3 个，三会一课有缺项 1 个（K506 2 条）"
    )


def test_settings_set_the_frequencies(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(PARTY, root)
    (root / "kexie.yaml").write_text(
        "registry: 测试\nparty:\n  meetings: {committee-meeting: quarterly, theme-day: none}\n", encoding="utf-8"
    )
    cells = {c["id"]: c for c in overview(root)["cells"]}
    assert cells["own-branch"]["gaps"] == {"committee-meeting": ["2025Q4", "2026Q1", "2026Q2"]}
    assert cells["wg-cell"]["gaps"] is None  # a working group never holds 三会一课


def test_sample_registry_agrees_with_check() -> None:
    findings = run_cli(["check", "--as-of", AS_OF, "--format", "json"], SAMPLE).json()
    assert isinstance(findings, list)
    data = overview(SAMPLE)
    k501 = {f["id"] for f in findings if f["code"] == "K501"}
    assert {u["id"] for u in data["uncovered"] if u["status"] == "active"} == k501
    k506 = [f["id"] for f in findings if f["code"] == "K506"]
    assert {c["id"] for c in data["cells"] if c["gaps"]} == set(k506)
    assert sum(len(c["gaps"]) for c in data["cells"] if c["gaps"]) == len(k506)
    assert len(data["cells"]) == 34
