"""Reading a 台账 file into sheets of cells: xlsx (bounded, see :mod:`.workbook`), csv with the csv module.

Nothing in a cell is executed or followed: a formula is read as its text (``=SUM(E4:E9)``,
``=HYPERLINK(...)``), never evaluated. Merged cells give their value to the top-left cell
only. csv files may be UTF-8 (with or without BOM) or GBK; .xls is refused with a hint.
Only regular files are read (a FIFO or ``/dev/zero`` is refused, never waited on), and
never more than :data:`MAX_FILE_BYTES`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.importer.cells import Cell
from kexie_cli.importer.workbook import MAX_COLUMNS, MAX_ROWS, Workbook
from kexie_cli.registry.readfile import read_bounded

MAX_FILE_BYTES = 64 * 1024 * 1024
HEAD_ROWS = (
    31  # filled rows read of a sheet before it is chosen: the header search's 30, and one more (two-row headers)
)
_SEPARATORS = ",\t"


@dataclass(slots=True)
class Sheet:
    title: str
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (sheet row number, cells)
    hidden: set[int] = field(default_factory=set)  # hidden column indexes (0-based)
    complete: bool = True  # False: only the first rows are read (see :func:`full`)
    book: Workbook | None = None
    index: int = 0


def full(sheet: Sheet) -> Sheet:
    """The sheet with every row read (an xlsx sheet is read in full only once it is used)."""
    if not sheet.complete and sheet.book is not None:
        sheet.rows, sheet.hidden = sheet.book.rows(sheet.index)
        sheet.complete = True
    return sheet


def read_bytes(path: Path, limit: int, too_large: str) -> bytes:
    """A regular file's bytes, at most ``limit``; anything else is a usage error (exit 2)."""
    try:
        raw, size = read_bounded(path, limit)
    except OSError as exc:
        raise KexieError("import.unreadable", file=str(path), detail=exc.strerror or str(exc)) from exc
    if raw is None:
        raise KexieError(too_large, file=str(path), size=size, limit=limit)
    return raw


def read_file(path: Path, upto: int = 0) -> list[Sheet]:
    """Every sheet of an xlsx file (its first rows, and rows up to ``upto``), or the one table of a csv file."""
    suffix = path.suffix.lower()
    if suffix in {".xls", ".et", ".wps"}:
        raise KexieError("import.xls", file=str(path))
    if suffix not in {".xlsx", ".xlsm", ".csv"}:
        raise KexieError("import.bad_suffix", file=str(path))
    raw = read_bytes(path, MAX_FILE_BYTES, "import.file_too_large")
    if suffix == ".csv":
        return [read_csv(raw, path)]
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an old .xls renamed to .xlsx
        raise KexieError("import.xls", file=str(path))
    book = Workbook(raw, str(path))
    sheets = []
    for index, title in enumerate(book.titles):
        rows, hidden = book.rows(index, head=HEAD_ROWS, upto=upto)
        sheets.append(Sheet(title, rows, hidden, complete=False, book=book, index=index))
    return sheets


def read_csv(raw: bytes, path: Path) -> Sheet:
    """The rows of a csv file; a quoted field that swallows line breaks and separators is refused (a stray quote)."""
    text = decode_csv(raw, path)
    sheet = Sheet(path.stem)
    number = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), strict=True), 1):
            if number > MAX_ROWS:
                raise KexieError("import.too_large", file=str(path), limit=MAX_ROWS)
            if any("\n" in v and any(s in v for s in _SEPARATORS) for v in row):
                raise KexieError("import.csv_swallowed", file=str(path), row=number)
            sheet.rows.append((number, [Cell(v) for v in row[:MAX_COLUMNS]]))
    except csv.Error as exc:
        raise KexieError("import.bad_csv_row", file=str(path), row=number + 1, detail=str(exc)) from exc
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
