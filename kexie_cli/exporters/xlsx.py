"""Write one or more tables to an .xlsx workbook (openpyxl).

Chinese headers, a frozen and bold header row, column widths that fit the
content (CJK characters count double), dates as real Excel dates and numbers
as numbers; text is always a string cell, never a formula (see
:mod:`kexie_cli.reporters.cells`). The file is written to a temporary name and
renamed into place.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kexie_cli.outfile import check_target, write_bytes
from kexie_cli.reporters.cells import mark_string, xlsx_text
from kexie_cli.reporters.tables import TableData

MAX_WIDTH = 60
_BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell_value(raw: Any, shown: str) -> Any:
    """A typed cell value: dates and numbers stay typed, everything else as displayed (control characters escaped)."""
    if isinstance(raw, bool):
        return xlsx_text(shown)
    if isinstance(raw, (dt.date, int, float)) and not (isinstance(raw, float) and not math.isfinite(raw)):
        return raw
    return xlsx_text(shown)


def sheet_title(title: str, used: set[str]) -> str:
    base = (title or "Sheet").translate(_BAD_SHEET_CHARS)[:31] or "Sheet"
    name, n = base, 2
    while name in used:
        suffix = f"_{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def write_xlsx(tables: Sequence[TableData], path: Path, lang: str, sheet_names: Sequence[str] | None = None) -> None:
    """Write each table to its own sheet of ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for i, table in enumerate(tables):
        sheet = book.create_sheet(sheet_title(xlsx_text(sheet_names[i] if sheet_names else table.title), used))
        headers = [xlsx_text(h) for h in table.headers(lang)]
        sheet.append(headers)
        widths = [text_width(h) for h in headers]
        for row, shown in zip(table.rows, table.display_rows(lang), strict=True):
            values = [cell_value(row.get(c.key), s) for c, s in zip(table.columns, shown, strict=True)]
            sheet.append(values)
            widths = [max(w, text_width(s)) for w, s in zip(widths, shown, strict=True)]
        if table.footer is not None:
            shown = [c.display(table.footer.get(c.key), lang) for c in table.columns]
            sheet.append([cell_value(table.footer.get(c.key), s) for c, s in zip(table.columns, shown, strict=True)])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.iter_cols(min_row=1):
            for cell in column:
                mark_string(cell)  # text is never a formula, whatever it starts with
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
        sheet.freeze_panes = "A2"
    atomic_save(book, path)


def atomic_save(book: Any, path: Path) -> None:
    """Build the workbook in memory, then write it through :func:`kexie_cli.outfile.write_bytes`.

    openpyxl writes through a ``ZipFile``; a failed write to a file (a full disk) would leave
    the ``ZipFile`` to fail again when collected. In memory nothing can fail half-way.
    """
    check_target(path)  # refuse before the work
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(Path(path), buffer.getvalue())
