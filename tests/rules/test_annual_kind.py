"""The annual kind: its place (records/annual/<year>/), K005/K006 for it, its ``org`` reference, its tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from kexie_cli import kinds
from kexie_cli.edit import canonical
from kexie_cli.errors import KexieError
from kexie_cli.registry import layout
from tests.annual import annual
from tests.conftest import run_cli, write_registry
from tests.rules import PARAMS, branch, case, cell, check, raw, society

A = "2026-11-23"

# fmt: off
CASES = [
    # a clean annual record of a society, a branch, a party cell: no finding
    case("K005", [society(), annual()], A, []),
    case("K005", [branch(), annual(org="demo-branch")], A, []),
    case("K005", [cell(), annual(org="demo-cell", year=2024)], A, []),
    # K005: the year folder, the `year` field and the id <org>-<year> must agree
    case("K005", [society(), annual(folder="2024")], A, [("2024/demo-society-2025", "K005", 4, 7)], by_file=True),
    case("K005", [society(), annual(ident="demo-other-2025")], A, [("2025/demo-other-2025", "K005", 1, 5)], by_file=True),
    case("K005", [society(), raw("records/annual/2025/demo-society-2025.yaml", annual(ident="demo-society-2024")[1])], A, [("2025/demo-society-2025", "K005", 1, 5)], by_file=True),
    # a `year` that is not a year (true, "2025年"): K102 alone, no id <org>-True to expect
    case("K005", [society(), raw("records/annual/2025/demo-society-2025.yaml", annual()[1].replace("year: 2025", "year: true"))], A, [("2025/demo-society-2025", "K102", 4, 7)], by_file=True),
    case("K005", [society(), raw("records/annual/2025/demo-society-2025.yaml", annual()[1].replace("year: 2025", 'year: "2025年"'))], A, [("2025/demo-society-2025", "K102", 4, 7)], by_file=True),
    # K006: an annual record directly in records/annual/, or in a folder that is not a year
    case("K006", [society(), raw("records/annual/demo-society-2025.yaml", annual()[1])], A, [("annual/demo-society-2025", "K006", 1, 1)], by_file=True),
    case("K006", [society(), raw("records/annual/old/demo-society-2025.yaml", annual()[1])], A, [("old/demo-society-2025", "K006", 1, 1)], by_file=True),
    case("K006", [society(), raw("records/annual/2025/x/demo-society-2025.yaml", annual()[1])], A, [("x/demo-society-2025", "K006", 1, 1)], by_file=True),
    # K202 / K203: `org` names an organisation on the books, of any organisation kind
    case("K202", [annual(org="demo-nobody")], A, [("K202", 3, 6)]),
    case("K203", [society(), annual(), annual(org="demo-society-2025", year=2025, ident="demo-society-2025-2025")], A, [("2025/demo-society-2025-2025", "K203", 3, 6)], by_file=True),
    # K101: org and year are required
    case("K101", [raw("records/annual/2025/demo-society-2025.yaml", "id: demo-society-2025\nkind: annual\n")], A, [("K101", 1, 1), ("K101", 1, 1)]),
    # K103: a state that is not one of the four
    case("K103", [society(), annual("report: {status: done}")], A, [("K103", 2, 18), ("K412", 2, 18)]),  # not a state: not handed in
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected


def test_the_kind_is_not_an_organisation() -> None:
    assert kinds.BY_CODE["annual"].yearly and not kinds.BY_CODE["annual"].organisation
    assert "annual" in kinds.CODES and "annual" not in kinds.ORG_CODES


def test_record_path_puts_a_year_in_its_folder(tmp_path: Path) -> None:
    path = layout.record_path(tmp_path, "annual", "demo-society-2025")
    assert path == tmp_path / "records" / "annual" / "2025" / "demo-society-2025.yaml"
    with pytest.raises(KexieError):
        layout.record_path(tmp_path, "annual", "demo-society")


def _registry(tmp_path: Path) -> Path:
    event = "{date: 2025-05-20, title: 年会, category: academic, level: municipal, participants: 300}"
    files: dict[str, str | bytes] = dict(
        [society(), annual(f"academic: {{events: 12, participants: 3400}}\nevents: [{event}]")]
    )
    return write_registry(tmp_path, files)


def test_list_show_and_sql(tmp_path: Path) -> None:
    root = _registry(tmp_path)
    listed = run_cli(["list", "annual", "--format", "json", "--as-of", A], root)
    assert listed.exit_code == 0, listed.stderr
    assert [(r["id"], r["year"], r["academic.events"]) for r in listed.json()] == [("demo-society-2025", 2025, 12)]
    shown = run_cli(["show", "demo-society-2025", "--as-of", A], root)
    assert shown.exit_code == 0 and "学术活动场次" in shown.stdout
    sql = run_cli(["sql", "select org_id, year, academic_events from annual", "--format", "json", "--as-of", A], root)
    assert sql.json() == [{"org_id": "demo-society", "year": 2025, "academic_events": 12}]
    events = run_cli(["sql", "select title, participants from annual_events", "--format", "json", "--as-of", A], root)
    assert events.json() == [{"title": "年会", "participants": 300}]


def test_not_counted_as_an_organisation(tmp_path: Path) -> None:
    root = _registry(tmp_path)
    due = run_cli(["due-elections", "--format", "json", "--as-of", A], root)
    assert all(item["kind"] != "annual" for item in due.json())
    new = run_cli(["new", "annual", "--no-input", "--name", "x"], root)
    assert new.exit_code == 2


def test_the_schema_modeline_of_an_annual_record_points_one_folder_higher() -> None:
    assert canonical.modeline("annual") == "# yaml-language-server: $schema=../../../schemas/annual.schema.json"
    assert canonical.modeline("society") == "# yaml-language-server: $schema=../../schemas/society.schema.json"
