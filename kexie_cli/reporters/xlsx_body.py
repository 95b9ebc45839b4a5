"""The body rows of an xlsx sheet, written as XML text and spliced into the file openpyxl wrote.

openpyxl builds a cell object for every value and writes it element by element (about 30 µs a
cell): a 10,000-record export has some 1.5 million cells and took a minute, in its write-only
mode too. Here openpyxl still writes everything around the rows (title and header rows, styles,
column widths, frozen panes, page setup, merged title, print titles), and the rows below the
header are written as text in openpyxl's own form: the same cell types, style ids and number
text, so a reader (Excel, WPS, openpyxl, ``kexie import``) sees the same workbook:

- text: an inline string (``t="inlineStr"``), cut at 32,767 characters as openpyxl cuts it,
  ``xml:space="preserve"`` when it has leading or trailing blanks; text is never a formula;
- numbers: ``t="n"`` with openpyxl's number text (``%.16g``);
- dates: Excel serial numbers in the date format ``yyyy-mm-dd``; shares: the exact fraction in
  the format ``0.0%``; a bold row (the total) has bold cells. Each style is registered in
  openpyxl's style table through a cell made for it, so its id is openpyxl's own.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from itertools import repeat
from typing import Any

from kexie_cli.share import xlsx_value

MAX_TEXT = 32767  # characters of an xlsx cell; openpyxl cuts longer text
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# zlib's fastest level: a 10,000-record export (81 MB of XML) takes 0.2 s instead of 0.9 s at the default 6,
# and the file is 7.6 MB instead of 6.0 MB
COMPRESS_LEVEL = 1
_BY_VALUE = frozenset({str, int, dt.date})  # equal values of these types are the same cell (True is not 1)


class Body:
    """The rows under the header of one write-only sheet, as XML text (row 3 onwards)."""

    def __init__(self, sheet: Any, percent: Sequence[bool]) -> None:
        from openpyxl.utils import get_column_letter  # noqa: PLC0415 - openpyxl is slow to import; only for xlsx

        self.sheet = sheet
        self.letters = [get_column_letter(i) for i in range(1, len(percent) + 1)]
        self.percent = list(percent)
        self.epoch = sheet.parent.epoch
        self.parts: list[str] = []
        self.next_row = 3  # after the title and header rows, which openpyxl writes
        self._styles: dict[tuple[bool, str | None], str] = {}
        self._serials: dict[dt.date, str] = {}

    def style(self, bold: bool, number_format: str | None) -> str:
        """The ``s="..."`` attribute of a cell style, registered in the workbook as openpyxl does."""
        key = (bold, number_format)
        found = self._styles.get(key)
        if found is None:
            from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - see above
            from openpyxl.styles import Font  # noqa: PLC0415 - see above

            probe = WriteOnlyCell(self.sheet)
            if bold:
                probe.font = Font(bold=True)
            if number_format is not None:
                probe.number_format = number_format
            found = f' s="{probe.style_id}"'
            self._styles[key] = found
        return found

    def cell(self, index: int, value: Any, bold: bool = False) -> str:
        """The XML of a cell of column ``index`` after its reference (``<c r="B7"`` is not part of it)."""
        plain = self.style(True, None) if bold else ""
        if isinstance(value, str):
            text = str(value)[:MAX_TEXT]  # a subclass of str: as openpyxl writes it
            if not text:
                return f'{plain} t="inlineStr"/>'
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            if "&" in text or "<" in text or ">" in text:
                text = text.translate(_ESCAPE)
            return f'{plain} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        if isinstance(value, dt.date):
            return f'{self.style(bold, DATE_FORMAT)} t="n"><v>{self._serial(value)}</v></c>'
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            from openpyxl.compat import safe_string  # noqa: PLC0415 - see above

            if self.percent[index]:
                share = safe_string(xlsx_value(value))  # the exact share: Excel rounds it once
                return f'{self.style(bold, PERCENT_FORMAT)} t="n"><v>{share}</v></c>'
            return f'{plain} t="n"><v>{safe_string(value)}</v></c>'
        raise TypeError(f"not an xlsx cell value: {type(value).__name__}")

    def add(self, values: Sequence[Any], bold: bool = False) -> None:
        """One row of cell values (text, numbers, dates: :func:`kexie_cli.reporters.xlsx.cell_value`)."""
        row = self.next_row
        self.next_row += 1
        cells = [f'<row r="{row}">']
        for index, (letter, value) in enumerate(zip(self.letters, values, strict=True)):
            cells.append(f'<c r="{letter}{row}"{self.cell(index, value, bold)}')
        cells.append("</row>")
        self.parts.append("".join(cells))

    def add_columns(self, columns: Sequence[Sequence[Any]]) -> None:
        """Rows of cell values given column by column (``columns[j][i]``: row ``i``, column ``j``), as :meth:`add`.

        A 10,000-record export has 1.5 million cells, most of them the same few labels, dates and
        numbers: each column's distinct values are written once, and every row is joined around its
        row number (the pieces of a row are the text between the places its number goes).
        """
        if len(columns) != len(self.letters) or not columns:
            raise ValueError(f"{len(columns)} columns for a sheet of {len(self.letters)}")
        count = len(columns[0])
        if any(len(values) != count for values in columns):
            raise ValueError("columns of different lengths")
        if not count:
            return
        pieces = []
        for index, values in enumerate(columns):
            after = f'<c r="{self.letters[index + 1]}' if index + 1 < len(columns) else "</row>"
            pieces.append(self._pieces(index, values, after))
        first = self.next_row
        self.next_row += count
        numbers = map(str, range(first, first + count))
        rows = zip(repeat('<row r="'), repeat(f'"><c r="{self.letters[0]}'), *pieces)
        self.parts.append("".join(map(str.join, numbers, rows)))

    def _pieces(self, index: int, values: Sequence[Any], after: str) -> list[str]:
        """Each value's cell text (from the quote that closes its reference) followed by ``after``.

        Made once per distinct value where equal values are the same cell (text, whole numbers, days);
        floats (a share keeps its fraction) are written value by value.
        """
        if set(map(type, values)) <= _BY_VALUE:
            made = {value: f'"{self.cell(index, value)}{after}' for value in set(values)}
            return list(map(made.__getitem__, values))
        return [f'"{self.cell(index, value)}{after}' for value in values]

    def _serial(self, day: dt.date) -> str:
        """Excel's serial number of a day, as openpyxl writes it (days repeat: each is made once)."""
        found = self._serials.get(day)
        if found is None:
            from openpyxl.compat import safe_string  # noqa: PLC0415 - see above
            from openpyxl.utils.datetime import to_excel  # noqa: PLC0415 - see above

            found = safe_string(to_excel(day, self.epoch))
            self._serials[day] = found
        return found

    def xml(self) -> bytes:
        return "".join(self.parts).encode("utf-8")


def splice(written: bytes, bodies: dict[str, Body]) -> bytes:
    """The xlsx file ``written`` (by openpyxl) with each body inserted at the end of its sheet's rows.

    ``bodies``: part name (``xl/worksheets/sheet1.xml``) -> its rows. The other parts are copied as
    they are.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(written)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            body = bodies.get(info.filename)
            if body is not None and body.parts:
                end = data.rindex(b"</sheetData>")
                data = data[:end] + body.xml() + data[end:]
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)
    return out.getvalue()
