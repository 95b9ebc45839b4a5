"""The rows kexie writes as XML text (reporters/xlsx_body.py) read back as openpyxl's own cells would."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from kexie_cli.cells import mark_string
from kexie_cli.reporters.xlsx import cell_value, write_xlsx
from kexie_cli.reporters.xlsx_body import Body
from kexie_cli.share import Share, xlsx_value
from kexie_cli.tables import Column, TableData

TEXTS = [
    "示例市林学会",
    "=1+1",  # a formula in openpyxl's eyes: must stay text
    '=HYPERLINK("http://x")',
    "#N/A",  # an error value in openpyxl's eyes: must stay text
    "+1",
    "a & b < c > d \"q\" 'q'",
    "  leading and trailing  ",
    " ",
    "",
    "\x1b[31m red \n new line",
    "长" * 40000,  # over Excel's 32,767 characters: cut as openpyxl cuts it
    "𠀀 CJK Extension B",
]


def _table() -> TableData:
    columns = [
        Column("text", "文字", "Text"),
        Column("number", "数", "Number", align="right"),
        Column("day", "日期", "Day"),
        Column("share", "占比", "Share", percent=True),
        Column("flag", "是否", "Flag"),
        Column("stars", "星级", "Stars", show=lambda v, lang: "" if v is None else f"{v}星级"),
    ]
    rows: list[dict[str, Any]] = []
    for i, text in enumerate(TEXTS):
        rows.append(
            {
                "text": text,
                "number": [0, 7, -3, 2.5, 1e20, 10**17 + 1, None, 0.1][i % 8],
                "day": [dt.date(2026, 11, 23), dt.date(1900, 2, 28), None, dt.datetime(2024, 1, 1, 12, 30)][i % 4],
                "share": [Share(1, 3), Share(2, 7), 0.5, None][i % 4],
                "flag": [True, False, None][i % 3],
                "stars": [5, None, 3][i % 3],
            }
        )
    footer = {"text": "合计", "number": 12, "day": dt.date(2026, 1, 1), "share": Share(5, 6), "flag": None}
    return TableData("测试表", columns, rows, footer=footer)


def _reference(table: TableData, path: Path) -> None:
    """The body as openpyxl's normal mode writes it, cell by cell (what kexie wrote before)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["title"])
    sheet.append(table.headers("zh"))
    columns = list(table.columns)
    body = [
        [cell_value(row.get(c.key), s) for c, s in zip(columns, shown, strict=True)]
        for row, shown in zip(table.rows, table.display_rows("zh"), strict=True)
    ]
    assert table.footer is not None
    shown = [c.display(table.footer.get(c.key), "zh") for c in columns]
    body.append([cell_value(table.footer.get(c.key), s) for c, s in zip(columns, shown, strict=True)])
    for values in body:
        sheet.append(values)
    for row in sheet.iter_rows(min_row=3):
        for column, cell in zip(columns, row, strict=True):
            mark_string(cell)
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif column.percent and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.value = xlsx_value(cell.value)
                cell.number_format = "0.0%"
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    book.save(path)


def _cells(path: Path) -> list[list[tuple[Any, ...]]]:
    sheet = load_workbook(path).worksheets[0]
    return [
        [(c.value, c.data_type, c.number_format, bool(c.font.bold)) for c in row]
        for row in sheet.iter_rows(min_row=3, max_col=6)
    ]


def test_body_rows_read_back_as_openpyxl_writes_them(tmp_path: Path) -> None:
    table = _table()
    _reference(table, tmp_path / "reference.xlsx")
    write_xlsx([table], tmp_path / "kexie.xlsx", "zh")
    ours, reference = _cells(tmp_path / "kexie.xlsx"), _cells(tmp_path / "reference.xlsx")
    assert len(ours) == len(TEXTS) + 1
    assert ours == reference
    texts = [row[0][0] for row in ours]
    assert "=1+1" in texts and "#N/A" in texts  # text, never a formula or an error value
    assert not any(cell[1] in ("f", "e") for row in ours for cell in row)
    assert ours[-1][0] == ("合计", "s", "General", True)  # the total row is bold


def test_every_sheet_gets_its_own_body(tmp_path: Path) -> None:
    small = TableData("甲", [Column("a", "甲", "A")], [{"a": "一"}, {"a": "二"}])
    empty = TableData("乙", [Column("a", "乙", "A"), Column("b", "丙", "B")], [])
    target = tmp_path / "two.xlsx"
    write_xlsx([small, empty, _table()], target, "zh")
    book = load_workbook(target)
    assert [s.max_row for s in book.worksheets] == [4, 2, len(TEXTS) + 3]
    assert [c.value for c in book.worksheets[0]["A"]][2:] == ["一", "二"]


def _body(percent: list[bool]) -> Body:
    return Body(Workbook(write_only=True).create_sheet("s"), percent)


def test_rows_given_column_by_column_are_the_rows_given_one_by_one() -> None:
    """``Body.add_columns`` (the export's path) writes the same XML as ``Body.add`` row by row, for every
    kind of value: text that repeats, empty text, numbers, floats and shares, days and times."""
    table = _table()
    columns = list(table.columns)
    rows = [
        [cell_value(row.get(c.key), s) for c, s in zip(columns, shown, strict=True)]
        for row, shown in zip(table.rows * 3, table.display_rows("zh") * 3, strict=True)
    ]
    by_row, by_column = _body([c.percent for c in columns]), _body([c.percent for c in columns])
    for values in rows:
        by_row.add(values)
    by_column.add_columns([list(values) for values in zip(*rows, strict=True)])
    assert by_column.next_row == by_row.next_row == len(rows) + 3
    assert by_column.xml() == by_row.xml()
    by_column.add_columns([[] for _ in columns])  # no rows: nothing written
    assert by_column.xml() == by_row.xml()


def test_a_repeated_value_is_shown_and_written_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """1.5 million cells of a 10,000-record export are a few labels, days and numbers over and over: each
    column shows and writes each distinct value once (counted, not timed)."""
    shown: list[Any] = []

    def show(value: Any, lang: str) -> str:
        shown.append(value)
        return "" if value is None else f"{value}星级"

    made = Counter[Any]()
    cell = Body.cell

    def counting(self: Body, index: int, value: Any, bold: bool = False) -> str:
        made[index, value] += 1
        return cell(self, index, value, bold)

    monkeypatch.setattr(Body, "cell", counting)
    columns = [Column("stars", "星级", "Stars", show=show), Column("day", "日期", "Day"), Column("n", "数", "N")]
    days = [dt.date(2026, 1, 1), dt.date(2025, 6, 30), None]
    rows = [{"stars": [5, None, 3, True][i % 4], "day": days[i % 3], "n": i % 2} for i in range(1200)]
    write_xlsx([TableData("表", columns, rows)], tmp_path / "many.xlsx", "zh")
    assert sorted(map(repr, shown)) == sorted(map(repr, [5, None, 3, True]))  # True is not 1
    assert max(made.values()) == 1
    values = [
        [c.value for c in row] for row in load_workbook(tmp_path / "many.xlsx").worksheets[0].iter_rows(min_row=3)
    ]
    assert values[:4] == [
        ["5星级", dt.datetime(2026, 1, 1), 0],
        [None, dt.datetime(2025, 6, 30), 1],  # an empty text cell reads back as empty
        ["3星级", None, 0],
        ["True星级", dt.datetime(2026, 1, 1), 1],
    ]
    assert len(values) == 1200
