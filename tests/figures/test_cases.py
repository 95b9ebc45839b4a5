"""The cases of issue 23, each on a small registry: every command says the same (docs/figures.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.conftest import AS_OF, REPO, run_cli
from tests.figures.build import branch, cell, registry, society


def json_of(root: Path, *args: str) -> Any:
    run = run_cli([*args, "--format", "json"], root)
    assert run.exit_code in (0, 1), run.stderr
    return run.json()


def summary(root: Path, table: str, as_of: str) -> Any:
    return json_of(root, "summary", table, "--as-of", as_of)[0]


def codes(root: Path, as_of: str, code: str) -> list[str]:
    return [f["id"] for f in json_of(root, "check", "--as-of", as_of) if f["code"] == code]


# --- K402: candidacy decided once ---------------------------------------------------------------


def late_report(tmp_path: Path) -> Path:
    """Two missed years, then the 2026 report handed in before its deadline (2027-05-31)."""
    inspections = [
        {"year": 2024, "result": "missing"},
        {"year": 2025, "result": "missing"},
        {"year": 2026, "result": "pass"},
    ]
    return registry(tmp_path / "reg", [society("late", "2010-01-01", inspections=inspections)])


def test_k402_a_report_not_yet_due_does_not_end_candidacy(tmp_path: Path) -> None:
    root = late_report(tmp_path)
    assert codes(root, "2026-11-23", "K402") == ["late"]
    shown = json_of(root, "show", "late", "--as-of", "2026-11-23")
    assert [f["code"] for f in shown["findings"] if f["code"] == "K402"] == ["K402"]
    follow = json_of(root, "inspections", "--as-of", "2026-11-23")["follow_up"]
    assert [(f["id"], f["code"]) for f in follow] == [("late", "K402")]


def test_k402_ends_once_the_passing_year_is_due(tmp_path: Path) -> None:
    root = late_report(tmp_path)
    assert codes(root, "2027-06-01", "K402") == []
    follow = json_of(root, "inspections", "--as-of", "2027-06-01")["follow_up"]
    assert [f for f in follow if f["code"] == "K402"] == []
    out = tmp_path / "letters"
    run = run_cli(["letters", "inspections", "--as-of", "2027-06-01", "-o", str(out)], root)
    assert run.exit_code == 0, run.stderr
    assert not [p for p in out.rglob("*") if p.is_file() and "解除" in p.name]


# --- 党的工作小组: no 换届, no term counted --------------------------------------------------------------


def working_group(tmp_path: Path) -> Path:
    term = {"number": 1, "started": "2020-01-01", "years": 3}
    records = [
        society("soc", "2010-01-01", term={"number": 3, "started": "2021-01-01", "years": 5}),
        cell("wg", "2019-01-01", "working-group", ["soc"], name="测试市soc学会党的工作小组", term=term),
    ]
    return registry(tmp_path / "reg", records)


def test_working_group_terms_are_never_counted(tmp_path: Path) -> None:
    root = working_group(tmp_path)
    day = "2027-11-01"
    due = json_of(root, "due-elections", "--as-of", day)
    assert [(d["id"], d["state"]) for d in due] == [("soc", "overdue")]
    terms = summary(root, "terms", day)["total"]
    assert (terms["overdue"], terms["appointed"]) == (1, 1)
    assert json_of(root, "show", "wg", "--as-of", day)["derived"].get("term.state") is None
    listed = json_of(root, "list", "party-cells", "--columns", "id,term.state", "--as-of", day)
    assert listed == [{"id": "wg", "term.state": None}]
    rows = json_of(root, "sql", "SELECT record_id FROM terms", "--as-of", day)
    assert rows == [{"record_id": "soc"}]


# --- Percentages: one rounding, one precision -----------------------------------------------------------


def test_fourteen_of_seventeen_is_82_4_percent_everywhere(tmp_path: Path) -> None:
    records = [
        society(f"s{i:02d}", "2010-01-01", stars=[{"year": 2025, "stars": 3}] if i < 14 else []) for i in range(17)
    ]
    root = registry(tmp_path / "reg", records)
    run = run_cli(["summary", "stars", "--as-of", "2026-11-23", "--format", "md"], root)
    assert "82.4%" in run.stdout and "82.3%" not in run.stdout
    assert "占比 82.4%" in run.stdout  # the headline: the same precision as the table
    assert summary(root, "stars", "2026-11-23")["total"]["share"] == 0.8235
    out = tmp_path / "stars.xlsx"
    run = run_cli(["summary", "stars", "--as-of", "2026-11-23", "--format", "xlsx", "-o", str(out)], root)
    assert run.exit_code == 0, run.stderr
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.number_format == "0.0%"]
    assert 14 / 17 in [c.value for c in cells]  # the exact share: Excel shows 82.4%, rounding it once


# --- The past: --as-of never counts a record founded after the day --------------------------------------


def grown(tmp_path: Path) -> Path:
    records = [
        society("old", "1980-05-01"),
        society("new", "2026-03-01"),
    ]
    return registry(tmp_path / "reg", records)


def test_as_of_never_counts_a_record_founded_later(tmp_path: Path) -> None:
    root = grown(tmp_path)
    assert summary(root, "levels", "2025-12-31")["total"]["total"] == 1
    assert summary(root, "levels", "1990-01-01")["total"]["total"] == 1
    assert summary(root, "levels", "1970-01-01")["total"]["total"] == 0
    out = tmp_path / "export.json"
    run = run_cli(["export", "--format", "json", "-o", str(out), "--as-of", "2025-12-31"], root)
    assert run.exit_code == 0, run.stderr
    assert "new" not in out.read_text(encoding="utf-8")


def test_a_society_founded_in_2026_is_not_exempt_in_earlier_years(tmp_path: Path) -> None:
    root = grown(tmp_path)
    history = summary(root, "inspection-history", "2026-11-23")["rows"]
    assert [(r["year"], r["exempt"], r["total"]) for r in history] == [(y, 0, 1) for y in range(2021, 2026)]
    listed = json_of(root, "inspections", "--as-of", "2026-11-23")["rows"]
    assert [r["id"] for r in listed] == ["old"]


# --- find: 科协 ↔ 科学技术协会 --------------------------------------------------------------------------


def test_find_by_abbreviation(tmp_path: Path) -> None:
    records = [
        branch("dongcheng", "2001-01-01", "district", name="测试市东城区科学技术协会"),
        branch("xicheng", "2001-01-01", "district", name="测试市西城区科协"),
        society("sheke", "2001-01-01", name="测试市社会科学界联合会"),
    ]
    root = registry(tmp_path / "reg", records)
    found = json_of(root, "find", "东城区科协")
    assert [(r["id"], r["how"]) for r in found] == [("dongcheng", "abbreviation")]
    assert [r["id"] for r in json_of(root, "find", "西城区科学技术协会")] == ["xicheng"]
    assert [r["id"] for r in json_of(root, "find", "社科联")] == ["sheke"]


# --- Totals: the 区县×类型 table counts every branch -------------------------------------------------------


def test_branches_by_district_total_every_branch() -> None:
    tables = {t["table"]: t for t in json_of(REPO, "summary", "branches", "party", "--as-of", AS_OF)}
    on_books = next(r["total"] for r in tables["party"]["rows"] if r["kind"] == "branch")
    assert tables["branches"]["total"]["total"] == on_books == 50
    assert tables["branches"]["total"]["district_branch"] == 6


def test_party_coverage_has_no_total_adding_societies_to_branches() -> None:
    party = json_of(REPO, "summary", "party", "--as-of", AS_OF)[0]
    assert party["total"] is None
    assert [r["kind"] for r in party["rows"]] == ["society", "branch"]
