"""kexie inspections on the example registry and the sample registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.calendar.helpers import INSPECTIONS, SAMPLE
from tests.conftest import AS_OF, REPO, run_cli


def report(*args: str, as_of: str = AS_OF, root: Path = INSPECTIONS) -> Any:
    run = run_cli(["inspections", "--as-of", as_of, "--format", "json", *args], root)
    assert run.exit_code == 0, run.stderr
    return run.json()


def test_default_year_is_the_last_deadline_passed() -> None:
    assert report()["year"] == 2025
    assert report(as_of="2026-06-01")["year"] == 2025
    assert report(as_of="2026-05-31")["year"] == 2024  # the deadline day itself has not passed
    assert report()["deadline"] == "2026-05-31"


def test_rows_2025() -> None:
    rows = {r["id"]: r for r in report()["rows"]}
    # live societies founded by 2025: not the revoked one, not the one founded in 2026
    assert set(rows) == {
        "all-good", "basic", "reported", "two-bad", "healed", "one-missing", "no-entry", "june-30", "july-1",
    }  # fmt: skip
    assert {k: rows[k]["result"] for k in rows} == {
        "all-good": "pass", "basic": "basic-pass", "reported": "submitted", "two-bad": "fail", "healed": "pass",
        "one-missing": "missing", "no-entry": None, "june-30": None, "july-1": None,
    }  # fmt: skip
    assert rows["basic"]["submitted"] == "2026-05-31"
    assert rows["july-1"]["exempt"] is True and rows["june-30"]["exempt"] is False
    assert rows["two-bad"]["streak_years"] == [2024, 2025]
    assert rows["healed"]["streak"] == 0 and rows["one-missing"]["streak"] == 1


def test_counts_and_shares() -> None:
    data = report()
    assert data["counts"] == {
        "pass": 2, "basic-pass": 1, "submitted": 1, "fail": 1, "missing": 1, "none": 2, "exempt": 1,
    }  # fmt: skip
    assert data["owed"] == 8
    assert data["passed_share"] == 0.75  # (2 pass + 1 basic pass) / 4 verdicts (1 fail); the same as summary
    assert data["submitted_share"] == 0.625  # 5 entries that are not `missing` / 8


def test_follow_up() -> None:
    follow = report()["follow_up"]
    assert [(f["id"], f["code"], f["years"]) for f in follow] == [
        ("two-bad", "K402", [2024, 2025]),
        ("june-30", "K401", [2025]),
        ("no-entry", "K401", [2025]),
    ]


def test_earlier_year() -> None:
    data = report("--year", "2024")
    rows = {r["id"]: r for r in data["rows"]}
    assert "june-30" not in rows and "july-1" not in rows
    assert rows["healed"]["streak_years"] == [2023, 2024]  # missing then fail: a candidate in 2024
    assert rows["two-bad"]["streak_years"] == [2024]
    assert [f["id"] for f in data["follow_up"] if f["code"] == "K402"] == ["healed"]
    assert [f["id"] for f in data["follow_up"] if f["code"] == "K401"] == ["basic", "reported"]


def test_plain_output() -> None:
    run = run_cli(["inspections", "--as-of", AS_OF], INSPECTIONS)
    assert run.exit_code == 0
    out = run.stdout
    assert out.startswith("测试市科学技术协会 2025 年度年检/年报情况（截止日 2026-05-31）")
    assert "未录入" in out and "连续两年未参检或不合格" in out
    assert out.splitlines()[-1].startswith("2025 年度：应参检 8 个（另免检 1 个）")
    assert "合格率 75.0%" in out and "报送率 62.5%" in out


def test_xlsx_has_two_sheets(tmp_path: Path) -> None:
    target = tmp_path / "ins.xlsx"
    run = run_cli(["inspections", "--as-of", AS_OF, "--format", "xlsx", "-o", str(target)], INSPECTIONS)
    assert run.exit_code == 0

    book = load_workbook(target)
    assert book.sheetnames == ["年检情况", "需跟进"]
    assert book["需跟进"].max_row == 2 + 3  # title row, header row, 3 rows


def test_bad_year_is_a_usage_error() -> None:
    assert run_cli(["inspections", "--year", "20x5"], INSPECTIONS).exit_code == 2


def test_sample_registry_agrees_with_check() -> None:
    findings = run_cli(["check", "--as-of", AS_OF, "--format", "json"], SAMPLE).json()
    assert isinstance(findings, list)
    data = report(root=SAMPLE)
    for code in ("K401", "K402"):
        assert {f["id"] for f in data["follow_up"] if f["code"] == code} == {
            f["id"] for f in findings if f["code"] == code
        }
    assert data["counts"]["fail"] == 1  # 科技情报学会, the only `fail` for 2025


def test_inspections_and_summary_give_the_same_rates() -> None:
    """One 合格率 and one 报送率: `kexie inspections` and `summary inspections` (and so `report`) agree."""

    own = run_cli(["inspections", "--as-of", AS_OF, "--format", "json"], REPO).json()
    (table,) = run_cli(["summary", "inspections", "--as-of", AS_OF, "--format", "json"], REPO).json()
    assert own["passed_share"] == table["total"]["pass_rate"] == 0.9444  # 17 of the 18 with a verdict
    assert own["submitted_share"] == table["total"]["report_rate"]
