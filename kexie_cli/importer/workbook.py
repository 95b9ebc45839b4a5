"""Reading an xlsx workbook with bounded time and memory: what is read, never what the file claims.

Before openpyxl parses anything, the zip directory is checked: every part's declared size
(which bounds what unzipping yields), and the number of shared strings (counted by a
streaming parse that stops at the limit), so a 1.6 MB file holding 40 million empty strings
is refused in a second. Sheet rows are streamed by openpyxl's own parser, without the
read-only worksheet's padding of missing rows (a row numbered 1,048,576 is refused at once
instead of a million empty rows later); cells right of :data:`MAX_COLUMNS` are never parsed;
a sheet declaring more rows or columns than the limits is refused before its rows are read.
Sheets are read in two steps: the first rows of every sheet (for the header search), then,
in full, only the sheets the import uses. Malformed XML, a DTD or an entity bomb is "not a
valid .xlsx file", never a Python error.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import iterparse

from kexie_cli.errors import KexieError
from kexie_cli.importer.cells import Cell

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELLS = 300_000  # filled cells read from the sheets an import reads in full (a large 台账: 5,000 rows × 60)
MAX_SHARED_STRINGS = 300_000
MAX_SHEET_PART = 128 * 1024 * 1024  # declared unzipped size of one sheet or of the shared strings
MAX_OTHER_PART = 16 * 1024 * 1024  # of any other part (styles, workbook, relationships ...)
MAX_SHEETS = 1_000

# Every failure of the third-party parsers on a hostile file: the file is not a valid workbook.
BAD_FILE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    EOFError,
    SyntaxError,  # xml.etree ParseError and lxml's XMLSyntaxError (a DTD bomb, malformed XML)
    RecursionError,
    NotImplementedError,
)
_DECIMALS = re.compile(r"^[#0,]*\.(0+)(?:;|$)")


class Workbook:
    """An open xlsx file: sheet titles, and rows read on demand within the bounds."""

    def __init__(self, raw: bytes, file: str) -> None:
        self.file = file
        self.cells_read = 0
        try:
            from openpyxl.reader.excel import ExcelReader  # noqa: PLC0415 - openpyxl is slow to import; only for xlsx

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not know
                reader = ExcelReader(io.BytesIO(raw), read_only=True, data_only=False)
                reader.read_manifest()
                _check_parts(reader, file)
                with _bounded_sizes():
                    reader.read()
            self.book: Any = reader.wb
            self.titles = [str(ws.title) for ws in self.book.worksheets]
        except KexieError:
            raise
        except BAD_FILE as exc:
            raise bad_file(file, exc) from exc
        if len(self.titles) > MAX_SHEETS:
            raise KexieError("import.too_large", file=file, limit=MAX_ROWS)

    def rows(self, index: int, head: int | None = None, upto: int = 0) -> tuple[list[tuple[int, list[Cell]]], set[int]]:
        """The filled rows of sheet ``index`` and its hidden column indexes (0-based).

        With ``head``, only the first ``head`` filled rows (and any up to row ``upto``): what the
        header search looks at. Without, every row, within :data:`MAX_ROWS` and :data:`MAX_CELLS`.
        """
        ws = self.book.worksheets[index]
        out: list[tuple[int, list[Cell]]] = []
        hidden: set[int] = set()
        try:
            if head is None:
                _check_dimension(ws, self.file)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for number, cells in _parse(ws, hidden):
                    if head is not None and (number > MAX_ROWS or (len(out) >= head and number > upto)):
                        break
                    if number > MAX_ROWS:
                        raise KexieError("import.too_large", file=self.file, limit=MAX_ROWS)
                    filled = [(c["column"], _cell(ws, c)) for c in cells if c["value"] is not None]
                    if not filled:
                        continue
                    if head is None:
                        self.cells_read += len(filled)
                        if self.cells_read > MAX_CELLS:
                            raise KexieError("import.too_many_cells", file=self.file, limit=MAX_CELLS)
                    row: list[Cell] = [Cell(None)] * max(col for col, _ in filled)
                    for col, cell in filled:
                        row[col - 1] = cell
                    out.append((number, row))
        except KexieError:
            raise
        except BAD_FILE as exc:
            raise bad_file(self.file, exc) from exc
        return out, hidden


def bad_file(file: str, exc: BaseException) -> KexieError:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return KexieError("import.bad_xlsx", file=file, detail=detail)


def _check_parts(reader: Any, file: str) -> None:
    """Refuse a workbook whose parts would unzip to more than the bounds, or with too many shared strings."""
    from openpyxl.xml.constants import SHARED_STRINGS, WORKSHEET_TYPE  # noqa: PLC0415 - see above

    strings = {p.PartName[1:] for p in reader.package.Override if p.ContentType == SHARED_STRINGS}
    sheets = {p.PartName[1:] for p in reader.package.Override if p.ContentType == WORKSHEET_TYPE}
    archive = reader.archive
    for info in archive.infolist():
        big = info.filename in strings or info.filename in sheets or info.filename.startswith("xl/worksheets/")
        if info.file_size > (MAX_SHEET_PART if big else MAX_OTHER_PART):
            raise KexieError("import.part_too_large", file=file, part=info.filename[:100])
    for name in sorted(strings):
        with archive.open(name) as source:
            _count_strings(source, file)


def _count_strings(source: Any, file: str) -> None:
    count = 0
    for _, element in iterparse(source):
        if element.tag.endswith("}si") or element.tag == "si":
            count += 1
            if count > MAX_SHARED_STRINGS:
                raise KexieError("import.too_many_strings", file=file, limit=MAX_SHARED_STRINGS)
        element.clear()


@contextlib.contextmanager
def _bounded_sizes() -> Iterator[None]:
    """openpyxl's read-only sheets look for ``<dimension>`` until the *end* of ``<sheetData>``, so opening a
    workbook parses every sheet whole; for the time of the open, they stop where ``<sheetData>`` starts."""
    from openpyxl.reader import excel  # noqa: PLC0415 - see above
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415 - see above
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: PLC0415 - see above

    class Sheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            with self._get_source() as source:
                for _, element in iterparse(source, events=("start",)):
                    tag = str(element.tag)
                    if tag.endswith("}dimension"):
                        with contextlib.suppress(ValueError, TypeError):
                            bounds = range_boundaries(str(element.get("ref", "")))
                            self._min_column, self._min_row, self._max_column, self._max_row = bounds
                        return
                    if tag.endswith("}sheetData"):
                        return

    original = excel.ReadOnlyWorksheet
    excel.ReadOnlyWorksheet = Sheet
    try:
        yield
    finally:
        excel.ReadOnlyWorksheet = original


def _check_dimension(ws: Any, file: str) -> None:
    """A sheet that declares (``<dimension ref="A1:GR100000"/>``) more than the limits is refused unread."""
    if ws.max_row is not None and ws.max_row > MAX_ROWS:
        raise KexieError("import.too_large", file=file, limit=MAX_ROWS)


def _parse(ws: Any, hidden: set[int]) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """(row number, cells) of the rows the sheet holds, as openpyxl's parser reads them, no padding."""
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415 - see above

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_row(self, row: Any) -> tuple[int, list[dict[str, Any]]]:
            wide = list(row)
            if len(wide) > MAX_COLUMNS:  # cut before any cell is parsed
                for element in wide[MAX_COLUMNS:]:
                    row.remove(element)
            number, cells = super().parse_row(row)
            return number, [c for c in cells if c["column"] <= MAX_COLUMNS]

        def parse_column_dimensions(self, col: Any) -> None:
            if col.get("hidden") in {"1", "true"}:
                low, high = int(col.get("min", 0)), int(col.get("max", 0))
                hidden.update(range(max(low, 1) - 1, min(high, MAX_COLUMNS)))

    book = ws.parent
    with ws._get_source() as source:
        parser = Parser(
            source,
            ws._shared_strings,
            data_only=False,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        yield from parser.parse()


def _cell(ws: Any, raw: dict[str, Any]) -> Cell:
    import datetime as dt  # noqa: PLC0415 - only here

    value = raw["value"]
    if isinstance(value, (dt.datetime, dt.date, bool)):
        return Cell(value)
    if isinstance(value, (int, float)):
        from openpyxl.cell.read_only import ReadOnlyCell  # noqa: PLC0415 - see above

        fmt = ReadOnlyCell(ws, **raw).number_format
        match = _DECIMALS.match(str(fmt or ""))
        return Cell(value, decimals=len(match.group(1)) if match else None)
    if isinstance(value, dt.time):
        return Cell(value.isoformat())
    return Cell(str(value))  # text, and formulas as their text (never evaluated)
