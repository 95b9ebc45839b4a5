"""Party rules by the form of the Party organisation: one pinned example registry per form.

Each case ``tests/examples/party/<form>/`` holds a registry and ``expected.json`` (``kexie check
--format json``, as in tests/test_examples.py; KEXIE_UPDATE_EXAMPLES=1 rewrites it). ``EXPECTED`` below
says by hand which findings each case must give, so a rewrite cannot hide a change of meaning.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "party"
CASES = sorted(p for p in EXAMPLES.iterdir() if (p / "kexie.yaml").is_file())

# (code, record id, a piece of the message) for every finding of each case
EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    "branch": {
        ("K506", "a-branch", "主题党日有缺项：2026-10"),  # 5 full members: no 支委会, so no committee gap
        ("K302", "a-branch", "2027-03-01"),  # 3-year term (party.term_years.branch)
        ("K510", "b-branch", "长于党支部通常的 3 年"),  # a warning now, not a refused K303 (issue 20)
        ("K513", "a-branch", "parent"),  # category A without its 社团党委
        ("K513", "b-branch", "parent"),
    },
    "joint-branch": {
        ("K506", "joint", "支委会有缺项：2026-05"),  # 9 full members: a 支委会, monthly
        ("K505", "joint", "2026-01-10"),
        ("K512", "joint", "正式党员 9 人"),  # ... but no 委员 on record
        ("K513", "joint", "parent"),
    },
    "functional-branch": {("K509", "joint-c", "联合党支部")},  # category C on the functional branch is fine
    "general-branch": {
        ("K506", "general", "总支委员会有缺项：2026-02"),  # no quarterly 党员大会 due
        ("K510", "general", "长于党总支通常的 3 年"),  # 总支部委员会 一般 3 years (中办 2018)
        ("K513", "general", "parent"),
    },
    "committee": {
        ("K506", "dangwei", "党委会有缺项"),
        ("K506", "dangwei", "没有组织生活会"),
        ("K510", "dangwei", "短于党委通常的 5 年"),  # "短于", not "超过" (issue 20)
    },
    # wg-a: a 6-year term that ended long ago and an empty log, yet no K303, K505 or K506
    "working-group": {
        ("K306", "wg-b", "现任组长应为 1 人，实有 0 人"),
        ("K513", "wg-a", "parent"),
        ("K513", "wg-b", "parent"),
    },
    "village": {("K508", "cun-dangzhibu", "host_unit")},  # 5-year term of a 村 cell: no K303
}


def findings(case: Path, *args: str) -> list[dict[str, object]]:
    run = run_cli(["check", "--format", "json", "--as-of", AS_OF, *args], root=case)
    data = run.json()
    assert isinstance(data, list)
    return data


def test_every_form_has_a_case() -> None:
    forms = {"branch", "joint-branch", "functional-branch", "general-branch", "committee", "working-group"}
    assert forms <= {c.name for c in CASES} and set(EXPECTED) == {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_expected_findings(case: Path) -> None:
    found = findings(case)
    wanted = EXPECTED[case.name]
    assert len(found) == len(wanted), [(f["code"], f["id"], f["message"]) for f in found]
    for code, record_id, piece in wanted:
        assert any(f["code"] == code and f["id"] == record_id and piece in str(f["message"]) for f in found), (
            code,
            record_id,
            piece,
            found,
        )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_pinned_output(case: Path) -> None:
    run = run_cli(["check", "--format", "json", "--as-of", AS_OF], root=case)
    actual = {"as_of": AS_OF, "exit_code": run.exit_code, "findings": run.json()}
    expected_file = case / "expected.json"
    if os.environ.get("KEXIE_UPDATE_EXAMPLES"):
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


def test_working_group_gets_no_election_reminder() -> None:
    rows = run_cli(["due-elections", "--as-of", AS_OF, "--format", "json"], EXAMPLES / "working-group").json()
    assert rows == []  # wg-a's recorded term ended in 2025, but a 党的工作小组 holds no 换届
    rows = run_cli(["due-elections", "--as-of", AS_OF, "--format", "json"], EXAMPLES / "joint-branch").json()
    assert [r["id"] for r in rows] == ["joint"]


def test_english_labels_of_committee_meetings() -> None:
    messages = {str(f["message"]) for f in findings(EXAMPLES / "general-branch", "--lang", "en")}
    assert messages == {
        "三会一课 gap in the last 12 months: no general-branch committee meeting in 2026-02",
        "term of 5 years, longer than the usual 3 of a general-branch (settings party.term_years)",
        "a category A cell must name its parent (the 科技社团党委)",
    }


def test_settings_change_term_years_and_committee_threshold(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(EXAMPLES / "branch", root)
    (root / "kexie.yaml").write_text(
        "registry: 测试\nparty:\n  term_years: {branch: 5}\n  committee_min_members: 5\n", encoding="utf-8"
    )
    found = {(f["code"], f["id"]) for f in findings(root)}
    assert ("K510", "b-branch") not in found  # 5 years usual now
    # a-branch has 5 full members: now a 支委会 is due monthly, and it logs none; its 3-year term is unusual,
    # a warning (K510), never the error K303; and it has no 委员 on record (K512)
    assert ("K510", "a-branch") in found and ("K303", "a-branch") not in found
    assert ("K512", "a-branch") in found
    messages = [str(f["message"]) for f in findings(root) if f["code"] == "K506"]
    assert any("支委会有缺项" in m for m in messages)


def test_bad_party_settings_exit_2(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(EXAMPLES / "branch", root)
    (root / "kexie.yaml").write_text("registry: 测试\nparty:\n  term_years: {branch: 0}\n", encoding="utf-8")
    run = run_cli(["check", "--as-of", AS_OF], root)
    assert run.exit_code == 2 and "party.term_years.branch" in run.stderr
    assert "Traceback" not in run.stderr


def test_new_working_group_is_led_by_a_group_leader(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(EXAMPLES / "working-group", root)
    args = ["new", "party-cell", "--no-input", "--name", "丙学会党的工作小组", "--id", "wg-c"]
    values = ["form=working-group", "founded=2026-01-05", "secretary=周组长", "since=2026-01-05", "covers=[soc-a]"]
    run = run_cli([*args, *(a for v in values for a in ("--set", v))], root)
    assert run.exit_code == 0, run.stderr
    text = (root / "records" / "party-cells" / "wg-c.yaml").read_text(encoding="utf-8")
    assert "role: group-leader" in text and "role: secretary" not in text
    assert {f["code"] for f in findings(root) if f["id"] == "wg-c"} == {"K504"}  # 周组长 holds no post in 甲学会
