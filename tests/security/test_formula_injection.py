"""Attack 2: a name that is a spreadsheet formula (=HYPERLINK(...)) never becomes one in xlsx or CSV output."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kexie_cli.cells import csv_text
from tests.conftest import AS_OF, run_cli
from tests.security.hostile import FORMULA, FORMULA_FILES, society

XLSX_COMMANDS = {
    "export": ["export", "--format", "xlsx"],
    "list": ["list", "societies", "--format", "xlsx"],
    "sql": ["sql", "SELECT name FROM societies", "--format", "xlsx"],
    "summary": ["summary", "--format", "xlsx"],
    "due-elections": ["due-elections", "--format", "xlsx"],
    "inspections": ["inspections", "--format", "xlsx"],
}


@pytest.mark.parametrize("name", list(XLSX_COMMANDS))
def test_xlsx_text_is_never_a_formula(registry: Callable[..., Path], tmp_path: Path, name: str) -> None:
    root = registry(FORMULA_FILES)
    target = tmp_path / "out.xlsx"
    result = run_cli([*XLSX_COMMANDS[name], "-o", str(target), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(target) as book:
        sheets = [book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
    values = [
        cell.value
        for sheet in load_workbook(target).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "s"
    ]
    assert FORMULA in values  # kept as text, exactly


CSV_COMMANDS = {
    "list": ["list", "societies", "--format", "csv", "--as-of", AS_OF],
    "sql": ["sql", "SELECT name FROM societies", "--format", "csv"],
    "summary": ["summary", "branches", "--format", "csv", "--as-of", AS_OF],
    "due-elections": ["due-elections", "--format", "csv", "--as-of", AS_OF],
    "inspections": ["inspections", "--format", "csv", "--as-of", AS_OF],
    "find": ["find", "HYPERLINK", "--format", "csv"],
}


@pytest.mark.parametrize("name", list(CSV_COMMANDS))
def test_csv_formula_gets_a_quote(registry: Callable[..., Path], name: str) -> None:
    root = registry(FORMULA_FILES)
    result = run_cli(CSV_COMMANDS[name], root)
    assert result.exit_code == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


def test_csv_export_folder_guards_every_table(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FORMULA_FILES)
    result = run_cli(["export", "--format", "csv", "-o", str(tmp_path / "csv"), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "csv" / "societies.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert "2000-01-01" in cells  # dates as they are


def test_csv_numbers_stay_numbers(registry: Callable[..., Path]) -> None:
    root = registry(FORMULA_FILES)
    result = run_cli(["sql", "SELECT -5 AS n, -2.5 AS x, name FROM societies", "--format", "csv"], root)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1] == ["-5", "-2.5", "'" + FORMULA]


def test_check_csv_guards_ids(registry: Callable[..., Path]) -> None:
    # the id column of a finding comes from the record: a formula there is guarded too
    root = registry({"records/societies/ceshi-xuehui.yaml": society(record_id="'=1+2'")})
    result = run_cli(["check", "--format", "csv", "--as-of", AS_OF], root)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {row["id"] for row in rows} == {"'=1+2"}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("=1+2", "'=1+2"),
        ("+86 10", "'+86 10"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\\tx"),
        ("\rx", "'\\rx"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("1e5", "1e5"),
        ("-", "-"),
        ("示例学会", "示例学会"),
    ],
)
def test_csv_cell_rule(raw: str, shown: str) -> None:
    assert csv_text(raw) == shown
