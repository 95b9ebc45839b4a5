"""Reading a 台账 file into sheets of cells: xlsx with openpyxl, csv with the csv module.

Nothing in a cell is executed or followed: a formula is read as its text (``=SUM(E4:E9)``,
``=HYPERLINK(...)``), never evaluated. Merged cells give their value to the top-left cell
only. csv files may be UTF-8 (with or without BOM) or GBK; .xls is refused with a hint.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.importer.cells import Cell

MAX_ROWS = 100_000
MAX_COLUMNS = 200


@dataclass(slots=True)
class Sheet:
    title: str
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (sheet row number, cells)


def read_file(path: Path) -> list[Sheet]:
    """Every sheet of an xlsx file, or the one table of a csv file."""
    suffix = path.suffix.lower()
    if suffix in {".xls", ".et", ".wps"}:
        raise KexieError("import.xls", file=str(path))
    if suffix not in {".xlsx", ".xlsm", ".csv"}:
        raise KexieError("import.bad_suffix", file=str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KexieError("import.unreadable", file=str(path), detail=exc.strerror or str(exc)) from exc
    if suffix == ".csv":
        return [read_csv(raw, path)]
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an old .xls renamed to .xlsx
        raise KexieError("import.xls", file=str(path))
    return read_xlsx(raw, path)


def read_csv(raw: bytes, path: Path) -> Sheet:
    text = decode_csv(raw, path)
    sheet = Sheet(path.stem)
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
            if number > MAX_ROWS:
                raise KexieError("import.too_large", file=str(path), limit=MAX_ROWS)
            sheet.rows.append((number, [Cell(v) for v in row[:MAX_COLUMNS]]))
    except csv.Error as exc:
        raise KexieError("import.bad_csv", file=str(path), detail=str(exc)) from exc
    return sheet


def decode_csv(raw: bytes, path: Path) -> str:
    """UTF-8 (a BOM is dropped), else GBK (GB18030, its superset, as Excel and WPS write it)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise KexieError("import.encoding", file=str(path)) from exc


_DECIMALS = re.compile(r"^[#0,]*\.(0+)(?:;|$)")


def read_xlsx(raw: bytes, path: Path) -> list[Sheet]:
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not know
            book = load_workbook(io.BytesIO(raw), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise KexieError("import.bad_xlsx", file=str(path), detail=str(exc) or type(exc).__name__) from exc
    sheets = []
    for ws in book.worksheets:
        sheet = Sheet(str(ws.title))
        if ws.max_row > MAX_ROWS:
            raise KexieError("import.too_large", file=str(path), limit=MAX_ROWS)
        for row in ws.iter_rows(max_col=min(ws.max_column, MAX_COLUMNS)):
            if not row:
                continue
            sheet.rows.append((row[0].row, [_cell(c) for c in row]))
        sheets.append(sheet)
    return sheets


def _cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return Cell(None)
    if isinstance(value, (dt.datetime, dt.date, bool)):
        return Cell(value)
    if isinstance(value, (int, float)):
        match = _DECIMALS.match(str(cell.number_format or ""))
        return Cell(value, numeric=True, decimals=len(match.group(1)) if match else None)
    if isinstance(value, dt.time):
        return Cell(value.isoformat())
    return Cell(str(value))  # text, and formulas as their text (never evaluated)
