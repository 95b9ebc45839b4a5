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
import warnings
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
    from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl is slow to import; loaded only for xlsx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not know
            book = load_workbook(io.BytesIO(raw), data_only=False, read_only=True)
            return [_sheet(ws, path) for ws in book.worksheets]
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise KexieError("import.bad_xlsx", file=str(path), detail=str(exc) or type(exc).__name__) from exc


def _sheet(ws: Any, path: Path) -> Sheet:
    """The rows of a read-only worksheet: empty rows are left out, the others keep their sheet row number."""
    sheet = Sheet(str(ws.title))
    width = min(ws.max_column or MAX_COLUMNS, MAX_COLUMNS)  # read-only rows are padded to max_col
    for row in ws.iter_rows(max_col=width):
        number = next((c.row for c in row if getattr(c, "row", None) is not None), None)
        if number is None:
            continue  # an empty row (read-only mode gives it no cells with a position)
        if number > MAX_ROWS:
            raise KexieError("import.too_large", file=str(path), limit=MAX_ROWS)
        sheet.rows.append((number, [_cell(c) for c in row]))
    return sheet


def _cell(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return Cell(None)
    if isinstance(value, (dt.datetime, dt.date, bool)):
        return Cell(value)
    if isinstance(value, (int, float)):
        match = _DECIMALS.match(str(getattr(cell, "number_format", "") or ""))
        return Cell(value, decimals=len(match.group(1)) if match else None)
    if isinstance(value, dt.time):
        return Cell(value.isoformat())
    return Cell(str(value))  # text, and formulas as their text (never evaluated)
