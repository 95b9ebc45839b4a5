"""Reading a returned 年报 workbook: every input cell checked, bad ones named (sheet, cell, what, expected).

The workbook is opened with the importer's bounded reader (size limits, not-an-xlsx message), so a
returned file is as safe to read as an ``import``. Which cells are inputs comes from the hidden sheet
(``layout.py``); the current schema says what each may hold (``model.py``). A blank cell is no answer
(the record keeps what it has); a blank row of a list is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.annual.layout import HIDDEN_SHEET, BadLayout, Block, Layout, from_rows
from kexie_cli.annual.model import TEXT_LIMIT, Field, FormModel
from kexie_cli.i18n import tr
from kexie_cli.importer.cells import Cell, Unreadable, blank, display, half_width, read_bool, read_date, read_enum
from kexie_cli.importer.workbook import Workbook

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad cell: where it is, what it holds, what is wrong (a catalogue key ``round.cell.*``) and its fields."""

    sheet: str
    cell: str  # C7
    value: str  # what the cell shows
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Returned:
    """One organisation's answers in a returned workbook."""

    org: str
    year: int
    values: dict[str, Any] = field(default_factory=dict)  # field key -> record value
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # list key -> items (filled blocks only)
    problems: list[Problem] = field(default_factory=list)


def describe(problem: Problem, lang: str) -> str:
    """The problem in plain words: 工作表“年报”单元格 B12（填的是“-3”）：不能是负数；应填写……"""
    value = tr("round.cell.value", lang, value=_short(problem.value)) if problem.value else ""
    what = tr(problem.key, lang, **problem.params)
    return tr("round.cell.where", lang, sheet=problem.sheet, cell=problem.cell, value=value, problem=what)


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


class NotAForm(ValueError):
    """The workbook has no (readable) hidden sheet: not a form ``kexie annual forms`` wrote."""


def read_workbook(raw: bytes, file: str, model: FormModel) -> list[Returned]:
    """Every organisation's answers in the workbook at ``file`` (``raw`` its bytes)."""
    book = Workbook(raw, file)
    if HIDDEN_SHEET not in book.titles:
        raise NotAForm(file)
    grid = _Grid(book)
    try:
        layouts = from_rows(grid.rows(HIDDEN_SHEET))
    except BadLayout as exc:
        raise NotAForm(file) from exc
    return [_answers(layout, grid, model) for layout in layouts]


class _Grid:
    """The filled cells of the sheets, read once each: (sheet, "B9") -> Cell."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.cells: dict[str, dict[tuple[int, int], Cell]] = {}

    def sheet(self, title: str) -> dict[tuple[int, int], Cell]:
        if title not in self.cells:
            found: dict[tuple[int, int], Cell] = {}
            if title in self.book.titles:
                rows, _ = self.book.rows(self.book.titles.index(title))
                for number, cells in rows:
                    for column, cell in enumerate(cells, 1):
                        if not blank(cell.value):
                            found[(number, column)] = cell
            self.cells[title] = found
        return self.cells[title]

    def rows(self, title: str) -> list[list[object]]:
        cells = self.sheet(title)
        out: dict[int, list[object]] = {}
        for (row, column), cell in sorted(cells.items()):
            values = out.setdefault(row, [])
            values.extend([None] * (column - len(values)))
            values[column - 1] = cell.value
        return [out[row] for row in sorted(out)]

    def bottom(self, title: str) -> int:
        return max((row for row, _ in self.sheet(title)), default=0)


def _answers(layout: Layout, grid: _Grid, model: FormModel) -> Returned:
    found = Returned(layout.org, layout.year)
    for key, address in layout.cells.items():
        item = model.field(key)
        if item is None:
            found.problems.append(Problem(layout.sheet, address, "", "round.cell.unknown_field", {"field": key}))
            continue
        cell = grid.sheet(layout.sheet).get(_coordinates(address))
        if cell is None:
            continue
        try:
            found.values[key] = read_value(cell, item, layout.year)
        except Unreadable as exc:
            found.problems.append(Problem(layout.sheet, address, display(cell), exc.key, dict(exc.params)))
    for block in layout.blocks:
        _read_block(block, grid, model, found)
    return found


def _read_block(block: Block, grid: _Grid, model: FormModel, found: Returned) -> None:
    sheet = model.list_sheet(block.key)
    if sheet is None:
        found.problems.append(
            Problem(block.sheet, f"A{block.header}", "", "round.cell.unknown_field", {"field": block.key})
        )
        return
    cells = grid.sheet(block.sheet)
    items: list[dict[str, Any]] = []
    for row in block.rows(grid.bottom(block.sheet)):
        filled = {c.key: cells.get((row, _column(block.columns.get(c.key, "")))) for c in sheet.columns}
        if all(cell is None for cell in filled.values()):
            continue  # a blank row
        item: dict[str, Any] = {}
        for column in sheet.columns:
            letter = block.columns.get(column.key)
            if letter is None:
                continue
            cell, address = filled[column.key], f"{letter}{row}"
            if cell is None:
                if column.required:
                    found.problems.append(
                        Problem(block.sheet, address, "", "round.cell.required", {"field": column.label})
                    )
                continue
            try:
                item[column.key] = read_value(cell, column, found.year)
            except Unreadable as exc:
                found.problems.append(Problem(block.sheet, address, display(cell), exc.key, dict(exc.params)))
        items.append(item)
    if items:
        found.lists[block.key] = items


def read_value(cell: Cell, item: Field, year: int) -> Any:
    """The record value of one filled input cell; :class:`Unreadable` (``round.cell.*``) when it cannot be."""
    if item.type == "integer":
        return _integer(cell, item)
    if item.type == "date":
        return _date(cell, year)
    if item.type == "enum":
        try:
            return read_enum(cell, item.labels)
        except Unreadable:
            raise Unreadable("round.cell.not_choice", choices="、".join(item.choices())) from None
    if item.type == "boolean":
        try:
            return read_bool(cell)
        except Unreadable:
            raise Unreadable("round.cell.not_bool") from None
    return _text(cell)


def _integer(cell: Cell, item: Field) -> int:
    value = cell.value
    if isinstance(value, (bool, dt.date, dt.datetime)):
        raise Unreadable("round.cell.not_number")
    if isinstance(value, str):
        raw = half_width(value).replace(",", "").replace(" ", "")
        if not _NUMBER.match(raw):
            raise Unreadable("round.cell.not_number")
        value = float(raw) if "." in raw else int(raw)
    if isinstance(value, float):
        if not value.is_integer():
            raise Unreadable("round.cell.not_whole")
        value = int(value)
    if not isinstance(value, int):
        raise Unreadable("round.cell.not_number")
    if value < 0:
        raise Unreadable("round.cell.negative")
    if item.minimum is not None and value < item.minimum:  # a year (认定年度) typed as 5
        raise Unreadable("round.cell.too_small", limit=item.minimum)
    if item.maximum is not None and value > item.maximum:
        raise Unreadable("round.cell.too_large", limit=item.maximum)
    return value


def _date(cell: Cell, year: int) -> str:
    try:
        found = read_date(cell)
    except Unreadable:
        raise Unreadable("round.cell.not_date") from None
    if found.precision not in ("day", "serial"):
        raise Unreadable("round.cell.not_date")
    if found.day.year != year:
        raise Unreadable("round.cell.outside_year", year=year)
    return found.day.isoformat()


def _text(cell: Cell) -> str:
    shown = display(cell)
    if shown != str(cell.value).replace("\ufeff", "").strip() and isinstance(cell.value, str):
        raise Unreadable("round.cell.control")
    if len(shown) > TEXT_LIMIT:
        raise Unreadable("round.cell.too_long", limit=TEXT_LIMIT)
    return shown


def _coordinates(address: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]{1,3})(\d{1,7})", address)
    if match is None:
        return (0, 0)
    return int(match.group(2)), _column(match.group(1))


def _column(letters: str) -> int:
    number = 0
    for char in letters:
        if not "A" <= char <= "Z":
            return 0
        number = number * 26 + ord(char) - 64
    return number
