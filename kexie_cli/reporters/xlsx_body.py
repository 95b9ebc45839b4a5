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
from typing import Any

from kexie_cli.share import xlsx_value

MAX_TEXT = 32767  # characters of an xlsx cell; openpyxl cuts longer text
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


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

    def add(self, values: Sequence[Any], bold: bool = False) -> None:
        """One row of cell values (text, numbers, dates: :func:`kexie_cli.reporters.xlsx.cell_value`)."""
        from openpyxl.compat import safe_string  # noqa: PLC0415 - see above
        from openpyxl.utils.datetime import to_excel  # noqa: PLC0415 - see above

        row = self.next_row
        self.next_row += 1
        plain = self.style(True, None) if bold else ""
        cells = [f'<row r="{row}">']
        for letter, share_column, value in zip(self.letters, self.percent, values, strict=True):
            ref = f"{letter}{row}"
            if isinstance(value, str):
                text = value[:MAX_TEXT]
                if not text:
                    cells.append(f'<c r="{ref}"{plain} t="inlineStr"/>')
                    continue
                space = ' xml:space="preserve"' if text != text.strip() else ""
                cells.append(f'<c r="{ref}"{plain} t="inlineStr"><is><t{space}>{text.translate(_ESCAPE)}</t></is></c>')
            elif isinstance(value, dt.date):
                number = safe_string(to_excel(value, self.epoch))
                cells.append(f'<c r="{ref}"{self.style(bold, DATE_FORMAT)} t="n"><v>{number}</v></c>')
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if share_column:
                    share = safe_string(xlsx_value(value))  # the exact share: Excel rounds it once
                    cells.append(f'<c r="{ref}"{self.style(bold, PERCENT_FORMAT)} t="n"><v>{share}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"{plain} t="n"><v>{safe_string(value)}</v></c>')
            else:
                raise TypeError(f"not an xlsx cell value: {type(value).__name__}")
        cells.append("</row>")
        self.parts.append("".join(cells))

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
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
