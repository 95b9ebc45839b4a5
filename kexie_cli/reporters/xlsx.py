"""Write one or more tables to an .xlsx workbook (openpyxl).

Every sheet (docs/output.md):
- a title row: the registry's name, the table's title and the date of the figures;
- a bold header row, frozen, and repeated on every printed page;
- Chinese headers, column widths that fit the content (CJK characters count
  double), dates as real Excel dates, numbers as numbers, shares as numbers in
  a percent format (0.029 shows as 2.9%);
- page setup: A4 landscape, one page wide (a very wide sheet: several pages across,
  its first column repeated);
- a sheet name of at most 31 characters cut at a word boundary, never mid-word;
- text is always a string cell, never a formula (:mod:`kexie_cli.cells`).
The file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexie_cli.cells import mark_string, text_width, xlsx_text
from kexie_cli.i18n import tr
from kexie_cli.outfile import check_target, write_bytes
from kexie_cli.reporters.columns import table_cells
from kexie_cli.reporters.xlsx_body import Body, splice
from kexie_cli.tables import TableData

PAPERSIZE_A4 = "9"  # openpyxl's Worksheet.PAPERSIZE_A4 (a write-only sheet does not have the name)
PRINT_WIDTH = 130  # characters of the default font across an A4 landscape page at 100 %
MAX_WIDTH = 60
SHEET_NAME_MAX = 31  # Excel's limit
_BAD_SHEET_CHARS = str.maketrans({"/": "／", "\\": "／", ":": "：", "[": "（", "]": "）", "*": "_", "?": "？"})
_BREAKS = "：:，,、；; 　"


@dataclass(frozen=True, slots=True)
class Heading:
    """What the title row of every sheet names besides the table: whose figures, and of which day."""

    registry: str = ""
    as_of: dt.date | None = None


def cell_value(raw: Any, shown: str) -> Any:
    """A typed cell value: dates and numbers stay typed, everything else as displayed (control characters escaped)."""
    if raw is None or type(raw) is str:  # most cells: shown as displayed
        return xlsx_text(shown)
    if isinstance(raw, bool):
        return xlsx_text(shown)
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not (isinstance(raw, float) and not math.isfinite(raw)):
        # a number shown as words (星级 5 → 五星级) is the words; a number or share shown as such stays a number
        return raw if _numeric_text(shown) else xlsx_text(shown)
    return xlsx_text(shown)


def _numeric_text(shown: str) -> bool:
    try:
        float(shown.strip().rstrip("%").replace(",", ""))
    except ValueError:
        return not shown.strip()
    return True


def short_sheet_name(title: str, registry: str = "") -> str:
    """A sheet name for ``title`` within Excel's 31 characters, never cut inside a word.

    The registry's name (it is in the title row) and a date or other parenthesis
    at the end go first; then the text is cut at the last separator (：、，space)
    that leaves a name of at most 31 characters; only a title without any such
    place is cut at 31 characters.
    """
    name = (title or "Sheet").translate(_BAD_SHEET_CHARS).strip()
    if registry and name.startswith(registry) and name[len(registry) :].strip():
        name = name[len(registry) :].strip()
    while len(name) > SHEET_NAME_MAX:
        shorter = re.sub(r"\s*[（(][^（()）]*[)）]\s*$", "", name)
        if shorter == name or not shorter:
            break
        name = shorter
    if len(name) > SHEET_NAME_MAX:
        cut = max(name.rfind(ch, 0, SHEET_NAME_MAX + 1) for ch in _BREAKS)
        name = name[:cut].rstrip(_BREAKS) if cut > 0 else name[:SHEET_NAME_MAX]
    return name or "Sheet"


def sheet_title(title: str, used: set[str], registry: str = "") -> str:
    base = short_sheet_name(title, registry)
    name, n = base, 2
    while name in used:
        suffix = f" {n}"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def title_text(table: TableData, heading: Heading, lang: str) -> str:
    """The title row: the registry's name, the table's title and the date, each once."""

    text = table.title or ""
    if heading.registry and heading.registry not in text:
        text = f"{heading.registry} {text}".strip()
    if heading.as_of is not None and heading.as_of.isoformat() not in text:
        day = heading.as_of.isoformat()
        if lang != "en" and text.endswith("）") and "（" in text:  # one bracket: （截止日 2026-05-31，截至 2026-12-06）
            return f"{text[:-1]}，{tr('xlsx.as_of_inner', lang, date=day)}）"
        text += tr("xlsx.as_of", lang, date=day)
    return text


def write_xlsx(
    tables: Sequence[TableData],
    path: Path,
    lang: str,
    sheet_names: Sequence[str] | None = None,
    heading: Heading | None = None,
) -> None:
    """Write each table to its own sheet of ``path``.

    openpyxl (write-only mode) writes each sheet's set-up, title and header rows and the styles;
    the rows under the header are written as text by :mod:`kexie_cli.reporters.xlsx_body` (a
    cell object per value took a minute at 10,000 records). A write-only sheet is set up (column
    widths, frozen header, page setup, title row height) before its first row, so each table's
    text is measured first.
    """
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl is slow to import; loaded only for xlsx

    check_target(path)  # refuse before the work (a write-only sheet starts writing with its first row)
    heading = heading or Heading()
    book = Workbook(write_only=True)
    used: set[str] = set()
    bodies: list[tuple[Any, Body]] = []
    for i, table in enumerate(tables):
        name = sheet_title(xlsx_text(sheet_names[i] if sheet_names else table.title), used, heading.registry)
        sheet = book.create_sheet(name)
        bodies.append((sheet, _fill_sheet(sheet, table, lang, xlsx_text(title_text(table, heading, lang)))))
    atomic_save(book, path, bodies)


def _fill_sheet(sheet: Any, table: TableData, lang: str, title: str) -> Body:
    """Set up ``sheet``, write its title and header rows; returns the rows under them (not yet written)."""
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - openpyxl is slow to import; loaded only for xlsx
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415 - see above
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - see above

    columns = list(table.columns)
    headers = [xlsx_text(h) for h in table.headers(lang)]
    widths = [text_width(h) for h in headers]
    body = Body(sheet, [c.percent for c in columns])
    if columns:
        cells = table_cells(columns, table.rows, lang, cell_value)
        widths = [
            max(width, max(map(text_width, texts), default=0)) for width, (_, texts) in zip(widths, cells, strict=True)
        ]
        body.add_columns([values for values, _ in cells])
    else:  # rows without a cell, as openpyxl writes them
        for _ in table.rows:
            body.add([])
    if table.footer is not None:
        shown = [c.display(table.footer.get(c.key), lang) for c in columns]
        body.add([cell_value(table.footer.get(c.key), s) for c, s in zip(columns, shown, strict=True)], bold=True)
    # set up before the first row: a write-only sheet writes its head (widths, panes) with it
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    total_width = sum(min(MAX_WIDTH, w + 2) for w in widths)
    sheet.freeze_panes = "A3"
    _page_setup(sheet, total_width)
    lines = max(1, -(-int(text_width(title) * 1.4) // max(int(total_width), 1)))  # 14 pt title: 1.4 × the body
    sheet.row_dimensions[1].height = 20 * lines  # the title wraps within the table's width (merged cells clip it)
    if len(columns) > 1:
        sheet.merged_cells.add(f"A1:{get_column_letter(len(columns))}1")

    def text_cell(value: str, font: Any) -> Any:
        made = WriteOnlyCell(sheet, value)
        mark_string(made)  # text is never a formula, whatever it starts with
        made.font = font
        return made

    top = text_cell(title, Font(bold=True, size=14))
    top.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.append([top])
    bold = Font(bold=True)
    sheet.append([text_cell(h, bold) for h in headers])
    return body


def pages_wide(total_width: float) -> int:
    """Pages across for a sheet whose columns add up to ``total_width`` characters.

    One page wide while the text stays legible (:data:`PRINT_WIDTH` characters of
    the default font fill an A4 landscape page at 100%, and fitting shrinks up to
    about half); a wider sheet (the export's 50 columns) prints on as many pages
    across as that takes, with its first column repeated on each.
    """
    return max(1, math.ceil(total_width / (PRINT_WIDTH * 2)))


def _page_setup(sheet: Any, total_width: float = 0) -> None:
    """A4 landscape, fitted to the pages across of :func:`pages_wide`, the header row on every page."""
    across = pages_wide(total_width)
    sheet.page_setup.paperSize = PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = across
    if across > 1:
        sheet.print_title_cols = "A:A"  # the record on every page across
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    sheet.print_options.horizontalCentered = True


def atomic_save(book: Any, path: Path, bodies: Sequence[tuple[Any, Body]] = ()) -> None:
    """Build the workbook in memory (with each sheet's body rows), then write it through
    :func:`kexie_cli.outfile.write_bytes`.

    openpyxl writes through a ``ZipFile``; a failed write to a file (a full disk) would leave
    the ``ZipFile`` to fail again when collected. In memory nothing can fail half-way.
    """
    check_target(path)  # refuse before the work
    buffer = io.BytesIO()
    book.save(buffer)
    written = buffer.getvalue()
    if bodies:  # each sheet's part is named once the book is saved
        written = splice(written, {sheet.path.lstrip("/"): body for sheet, body in bodies})
    write_bytes(Path(path), written)
