"""A 分支机构's term runs as long as its society's 理事会 when it gives no ``years`` (issue 22).

The society's term here: started 2021-06-30, 4 years (its 章程), so it ends 2025-06-30; a subunit
elected the same day without ``years`` ends with it. Every command reads the same end
(``figures.terms.current_term``): K301/K302, K704, due-elections, sql, letters and elect.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kexie_cli.records.loader import load_text
from tests.conftest import run_cli, write_registry
from tests.rules import File, check, society, subunit

UNIT = "subunits/demo-unit"
SOCIETY = society("term: {number: 5, started: 2021-06-30, years: 4}")


def follows(started: str = "2021-06-30", extra: str = "") -> File:
    chair = "leaders: [{role: chair, name: 王强, since: 2021-06-30}]"
    return subunit(f"term: {{number: 2, started: {started}{extra}}}\n{chair}")


def unit_findings(*files: File, as_of: str) -> list[tuple[str | int, ...]]:
    return [f[1:] for f in check(*files, as_of=as_of, by_file=True) if f[0] == UNIT]


@pytest.mark.parametrize(
    ("as_of", "codes"),
    [
        ("2024-12-29", []),  # more than six months before 2025-06-30
        ("2024-12-30", ["K302"]),  # the lead time (settings elections.lead_months: 6) begins
        ("2025-06-30", ["K302"]),  # the last day of the term
        ("2025-07-01", ["K301"]),  # overdue from the next day
    ],
)
def test_k301_k302_on_the_society_length(as_of: str, codes: list[str]) -> None:
    assert [f[0] for f in unit_findings(SOCIETY, follows(), as_of=as_of)] == codes


def test_no_k101_for_a_subunit_term_without_years() -> None:
    assert unit_findings(SOCIETY, follows(), as_of="2023-01-01") == []


def test_k704_boundary_days() -> None:
    """Elected the society's day: ends with it; a day later: outlasts it by a day (K704)."""
    assert unit_findings(SOCIETY, follows("2021-06-30"), as_of="2023-01-01") == []
    assert [f[0] for f in unit_findings(SOCIETY, follows("2021-07-01"), as_of="2023-01-01")] == ["K704"]


def test_own_years_win() -> None:
    """``years: 5`` on the subunit: 2026-06-30, past its society's end (K704), not overdue on 2025-07-01."""
    found = unit_findings(SOCIETY, follows(extra=", years: 5"), as_of="2025-07-01")
    assert [f[0] for f in found] == ["K704"]


def test_without_a_society_term_settings_max_years() -> None:
    """No term on the society: settings ``terms.max_years`` (4 here): 2022-03-01 → 2026-03-01."""
    settings = ("kexie.yaml", "registry: 示例市科学技术协会\nterms: {max_years: 4}\n")
    bare = society(drop="term")
    assert [f[0] for f in unit_findings(settings, bare, follows("2022-03-01"), as_of="2026-03-01")] == ["K302"]
    assert [f[0] for f in unit_findings(settings, bare, follows("2022-03-01"), as_of="2026-03-02")] == ["K301"]


def registry(tmp: Path, *files: File) -> Path:
    return write_registry(tmp, dict(files), "registry: 示例市科学技术协会\n")


def test_due_elections_sql_and_letters_agree(tmp_path: Path) -> None:
    root = registry(tmp_path / "reg", SOCIETY, follows())
    items = run_cli(["due-elections", "--as-of", "2025-07-01", "--format", "json"], root).json()
    unit = next(i for i in items if i["id"] == "demo-unit")
    assert (unit["state"], unit["term_ends"], unit["days"]) == ("overdue", "2025-06-30", -1)
    query = "SELECT years, regular_end, ends, state FROM terms WHERE record_id = 'demo-unit'"
    rows = run_cli(["sql", query, "--as-of", "2025-06-30", "--format", "json"], root).json()
    assert rows == [{"years": None, "regular_end": "2025-06-30", "ends": "2025-06-30", "state": "due"}]
    out = tmp_path / "letters"
    run = run_cli(["letters", "elections", "--id", "demo-unit", "--as-of", "2025-07-01", "-o", str(out)], root)
    assert run.exit_code == 0, run.stderr
    letter = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "2025年6月30日" in letter


def test_elect_keeps_following_the_society(tmp_path: Path) -> None:
    root = registry(tmp_path / "reg", SOCIETY, follows())
    run = run_cli(["elect", "demo-unit", "--date", "2025-07-10", "--as-of", "2025-07-10"], root)
    assert run.exit_code == 0, run.stderr
    data: Any = load_text((root / "records" / "subunits" / "demo-unit.yaml").read_text(encoding="utf-8")).data
    assert data["term"] == {"number": 3, "started": "2025-07-10"}
    assert data["past_terms"][0] | {"election": None} == {
        "number": 2,
        "started": "2021-06-30",
        "ended": "2025-07-10",
        "election": None,
    }
    found = run_cli(["check", "--format", "json", "--as-of", "2025-07-10"], root).json()
    codes = sorted(f["code"] for f in found if f["file"].startswith("records/subunits/"))
    # no K101 for the years of either term; K704: the society's own 换届 (due 2025-06-30) is still to come;
    # K311: the steps of the 换届 just recorded were not entered
    assert codes == ["K311", "K704"]


def test_new_and_import_take_the_society_length(tmp_path: Path) -> None:
    """``kexie new subunit`` and ``kexie import --kind subunit`` without 任期: no years written, the society's
    length read (2021-06-30 + 4 years), no K101."""
    root = registry(tmp_path / "reg", SOCIETY)
    new = ["new", "subunit", "--no-input", "--name", "示例学会光学专业委员会", "--as-of", "2025-01-01"]
    sets = ["type=professional-committee", "parent=demo-society", "founded=2010-01-01", "chair=张三"]
    sets += ["since=2021-06-30", "term.number=2", "term.started=2021-06-30"]
    assert run_cli([*new, *(a for s in sets for a in ("--set", s))], root).exit_code == 0
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "名称,类型,所属社团,成立日期,届次,换届时间,主任委员\n"
        "示例学会声学专业委员会,专业委员会,demo-society,2011-01-01,3,2021-06-30,李四\n",
        encoding="utf-8",
    )
    run = run_cli(["import", str(sheet), "--kind", "subunit", "--as-of", "2025-01-01", "--format", "json"], root)
    assert run.json()["rows"][0]["errors"] == []
    for path in (root / "records" / "subunits").glob("*.yaml"):
        data: Any = load_text(path.read_text(encoding="utf-8")).data
        assert "years" not in data["term"], path.name
    items = run_cli(["due-elections", "--as-of", "2025-01-01", "--format", "json"], root).json()
    assert (
        sorted((i["kind"], i["term_ends"]) for i in items)
        == [("society", "2025-06-30")] + [("subunit", "2025-06-30")] * 2
    )
