"""xlsx files that are easy to use and to print, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kexie_cli.reporters.xlsx import SHEET_NAME_MAX, pages_wide, short_sheet_name
from tests.conftest import AS_OF, REPO, run_cli

OUTPUTS = {
    "export": ["export", "--format", "xlsx", "--as-of", AS_OF],
    "summary": ["summary", "--format", "xlsx", "--as-of", AS_OF],
    "due-elections": ["due-elections", "--format", "xlsx", "--as-of", AS_OF],
    "inspections": ["inspections", "--format", "xlsx", "--as-of", AS_OF],
    "party": ["party", "--format", "xlsx", "--as-of", AS_OF],
    "list": ["list", "society", "--format", "xlsx", "--as-of", AS_OF],
}


def _book(tmp_path: Path, name: str) -> Any:
    target = tmp_path / f"{name}.xlsx"
    run = run_cli([*OUTPUTS[name], "-o", str(target)], REPO)
    assert run.exit_code == 0, run.stderr
    return load_workbook(target)


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_every_sheet_has_a_title_row_and_prints_on_a4_landscape_one_page_wide(tmp_path: Path, name: str) -> None:
    book = _book(tmp_path, name)
    for sheet in book.worksheets:
        title = sheet["A1"].value
        assert "示例市科学技术协会" in title
        assert AS_OF in title
        assert sheet["A1"].font.bold
        assert all(cell.font.bold for cell in sheet[2] if cell.value is not None)  # the header row
        assert sheet.freeze_panes == "A3"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        total = sum(sheet.column_dimensions[get_column_letter(i)].width for i in range(1, sheet.max_column + 1))
        assert sheet.page_setup.fitToWidth == pages_wide(total)  # 1 unless the text would be too small
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$2:$2"  # the header row repeats on every page
        assert len(sheet.title) <= SHEET_NAME_MAX


def test_a_very_wide_sheet_prints_on_several_pages_across_with_its_first_column(tmp_path: Path) -> None:
    book = _book(tmp_path, "export")
    wide = book.worksheets[0]  # 科技社团: some forty columns
    assert wide.max_column >= 40
    assert wide.page_setup.fitToWidth >= 2
    assert wide.print_title_cols == "$A:$A"
    narrow = next(s for s in book.worksheets if s.max_column < 10)
    assert narrow.page_setup.fitToWidth == 1
    assert narrow.print_title_cols is None


def test_shares_are_numbers_with_a_percent_format(tmp_path: Path) -> None:
    book = _book(tmp_path, "summary")
    sheet = next(s for s in book.worksheets if s.title.startswith("星级学会"))
    headers = [c.value for c in sheet[2]]
    column = headers.index("占比")
    shares = [row[column] for row in sheet.iter_rows(min_row=3)]
    assert shares
    for cell in shares:
        assert isinstance(cell.value, (int, float)) and 0 <= cell.value <= 1
        assert cell.number_format == "0.0%"
    party = _book(tmp_path, "party").worksheets[0]
    share = [c.value for c in party[2]].index("占比")
    assert all(row[share].number_format == "0.0%" for row in party.iter_rows(min_row=3))


def test_export_sheets_show_labels_not_codes(tmp_path: Path) -> None:
    book = _book(tmp_path, "export")
    codes = {"society", "branch", "party-cell", "current", "due", "overdue"}
    for name, column in (
        ("负责人", "组织类别"),
        ("届次", "组织类别"),
        ("届次", "换届状态（当届）"),
        ("党组织覆盖", "被覆盖记录类别"),
    ):
        sheet = book[name]
        headers = [c.value for c in sheet[2]]
        assert not any(code in str(h) for h in headers for code in ("current/due", "overdue"))
        values = {row[headers.index(column)].value for row in sheet.iter_rows(min_row=3)}
        assert values
        assert not values & codes, (name, column, values & codes)
    states = {row[11].value for row in book["届次"].iter_rows(min_row=3)} - {None}
    assert states <= {"届内", "临近换届", "逾期未换届"}
    assert "逾期未换届" in states


def test_sheet_names_are_cut_at_a_word_boundary() -> None:
    assert (
        short_sheet_name("示例市科学技术协会 换届提醒（截至 2026-11-23）", "示例市科学技术协会")
        == "换届提醒（截至 2026-11-23）"
    )
    long = "2025 年度年检/年报情况：应参检、已报送和需跟进的学会（截止日 2026-05-31）"
    name = short_sheet_name(long)
    assert len(name) <= SHEET_NAME_MAX
    assert long.replace("/", "／").startswith(name)
    assert name == "2025 年度年检／年报情况：应参检、已报送和需跟进的学会"
    words = "党的组织和工作覆盖、三会一课、书记任职和换届情况汇总表、附社团联络员名单及说明"
    cut = short_sheet_name(words)
    assert cut == "党的组织和工作覆盖、三会一课、书记任职和换届情况汇总表"
    assert "截至 20" not in short_sheet_name("示例市科学技术协会 " + "很长的表名" * 4 + "（截至 2026-11-23）")
