"""Generic listing output (table, plain, json, csv, md) for every listing command.

A command's library function returns a :class:`~kexie_cli.tables.TableData`
(raw rows with stable English keys and columns that know their headers); this
module renders it.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from typing import Any, Literal, TextIO

from kexie_cli.cells import csv_text, md_text, safe_text
from kexie_cli.i18n import tr
from kexie_cli.reporters import layout
from kexie_cli.reporters.plain import simple_table
from kexie_cli.tables import Column, TableData, to_jsonable

SHORT = 8  # cells: content this narrow stays on one line in a terminal table


def render_table(data: TableData, fmt: str, lang: str, out: TextIO, color: bool = False) -> None:
    """Write ``data`` to ``out`` in format ``fmt`` (a key of :data:`TABLE_RENDERERS`)."""
    TABLE_RENDERERS[fmt](data, lang, out, color)


def _display_rows(data: TableData, lang: str) -> list[list[str]]:
    """The rows as display text, the footer (a total row) last."""
    rows = data.display_rows(lang)
    if data.footer is not None:
        rows.append([c.display(data.footer.get(c.key), lang) for c in data.columns])
    return rows


def _safe_rows(data: TableData, lang: str) -> list[list[str]]:
    """Every value on one line, no terminal control sequences (cells.py)."""
    return [[safe_text(cell) for cell in row] for row in _display_rows(data, lang)]


def _write_json(data: TableData, lang: str, out: TextIO, color: bool) -> None:
    json.dump(to_jsonable(data.rows), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _write_csv(data: TableData, lang: str, out: TextIO, color: bool) -> None:
    """Text that a spreadsheet would run gets a leading ' (cells.py)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_text(h) for h in data.headers(lang)])
    writer.writerows([[csv_text(cell) for cell in row] for row in _display_rows(data, lang)])


def _write_table(data: TableData, lang: str, out: TextIO, color: bool) -> None:
    _rich_table(data, _safe_rows(data, lang), lang, out, color)


def _write_md(data: TableData, lang: str, out: TextIO, color: bool) -> None:
    from tabulate import tabulate  # noqa: PLC0415 - tabulate loads only when a table is rendered

    title, headline = md_text(data.title), md_text(data.headline)
    headers = [md_text(h).replace("|", "\\|") for h in data.headers(lang)]
    rows = [[md_text(cell).replace("|", "\\|") for cell in row] for row in _safe_rows(data, lang)]
    if title:
        out.write(f"### {title}\n\n")
    out.write(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n")
    if headline:
        out.write(f"\n{headline}\n")


def _write_plain(data: TableData, lang: str, out: TextIO, color: bool) -> None:
    title, headline = safe_text(data.title), safe_text(data.headline)
    headers = [safe_text(h) for h in data.headers(lang)]
    rows = _safe_rows(data, lang)
    if title:
        out.write(f"{title}\n")
    if rows:
        out.write(simple_table(rows, headers) + "\n")  # tabulate's "simple" format, byte for byte
    if headline:
        out.write(f"{headline}\n")


#: format -> writer(data, lang, out, color); the findings reporters are the same kind of dict (findings.py)
TABLE_RENDERERS: dict[str, Callable[[TableData, str, TextIO, bool], None]] = {
    "table": _write_table,
    "plain": _write_plain,
    "json": _write_json,
    "csv": _write_csv,
    "md": _write_md,
}
TABLE_FORMATS = tuple(TABLE_RENDERERS)


def _rich_table(data: TableData, rows: list[list[str]], lang: str, out: TextIO, color: bool) -> None:
    """A rich table that fits the terminal: cells wrap at sensible places, never cut with "…"."""
    from rich.table import Table  # noqa: PLC0415 - rich is slow to import; loaded only when a table is drawn on a terminal
    from rich.text import Text  # noqa: PLC0415 - rich is slow to import; loaded only when a table is drawn on a terminal

    console = make_console(out, color)
    keep = [i for i, c in enumerate(data.columns) if c.in_table]
    columns = [data.columns[i] for i in keep]
    body = [[_table_cell(c, row, lang) for c in columns] for row in data.rows]  # escaped in _table_cell
    footer_row = len(body) if data.footer is not None else -1
    if data.footer is not None:
        body.append([rows[-1][i] for i in keep])
    if len(body) > 1:  # a column empty in every row says nothing on a terminal (csv, json ... keep it)
        filled = [j for j in range(len(columns)) if any(r[j].strip() for r in body)]
        columns = [columns[j] for j in filled]
        body = [[r[j] for j in filled] for r in body]
    caption = _strip_names(columns, body, footer_row, lang)
    headers = [safe_text(c.table_header(lang)) for c in columns]
    minimums, maximums = _measure(columns, headers, body)
    # optional columns go (last first) while the rest would not get half the width it would like
    dropped: list[str] = []
    while True:
        available = console.width - _overhead(len(columns))
        wanted = sum(minimums) + (sum(maximums) - sum(minimums)) / 2
        optional = [j for j, c in enumerate(columns) if c.optional]
        if wanted <= available or not optional:
            break
        j = optional[-1]
        dropped.insert(0, headers[j].replace("\n", ""))
        for seq in (columns, headers, minimums, maximums):
            del seq[j]
        for r in body:
            del r[j]
    widths = layout.allocate(minimums, maximums, available)
    table = Table(show_lines=False, header_style="bold", show_edge=False, pad_edge=False)
    for column, head, w in zip(columns, headers, widths, strict=True):
        justify: Literal["left", "right"] = "right" if column.align == "right" else "left"
        table.add_column(Text("\n".join(_wrap_header(head, w))), justify=justify, width=w, overflow="fold")
    for i, row in enumerate(body):
        cells = [
            Text("\n".join(layout.wrap(text, w, c.person))) for text, w, c in zip(row, widths, columns, strict=True)
        ]
        table.add_row(*cells, style="bold" if i == footer_row else None)
    total = sum(widths) + _overhead(len(columns))
    if data.title:
        _print_title(console, safe_text(data.title), total)
    console.print(table)
    if dropped:  # said, as the place prefix is: the table is not the whole of it
        names = (", " if lang == "en" else "、").join(dropped)
        hidden = tr("table.dropped_caption", lang, count=len(dropped), columns=names)
        caption = f"{caption}\n{hidden}" if caption else hidden
    for line in (caption, safe_text(data.headline)):
        if line:
            console.print(Text("\n".join(layout.wrap(line, console.width))))


def write_note(text: str, out: TextIO, color: bool = False) -> None:
    """A line of text under a terminal table, wrapped to the terminal at sensible places."""
    from rich.text import Text  # noqa: PLC0415 - rich is slow to import; loaded only when a table is drawn on a terminal

    console = make_console(out, color)
    console.print(Text("\n".join(layout.wrap(text, console.width))))


def make_console(out: TextIO, color: bool) -> Any:
    """A rich console on ``out``: colour only when asked (NO_COLOR changes nothing else).

    On a terminal it is as wide as the terminal (``COLUMNS`` wins); written to a
    file or a pipe, as wide as ``COLUMNS`` says, else as wide as the table needs.
    """

    from rich.console import Console  # noqa: PLC0415 - rich is slow to import; loaded only when a table is drawn on a terminal

    is_tty = hasattr(out, "isatty") and out.isatty()
    columns = os.environ.get("COLUMNS", "")
    width = None if is_tty or columns.isdigit() else 10_000
    return Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False)


def _wrap_header(head: str, width: int) -> list[str]:
    """A header broken after "/" where that fits ("秘书长/" "书记"), else wherever text may break."""

    parts = re.findall(r"[^/]+/?", head)
    if len(parts) < 2 or any(layout.width(p) > width for p in parts):
        return layout.wrap(head, width)
    lines = [""]
    for part in parts:
        if lines[-1] and layout.width(lines[-1] + part) > width:
            lines.append("")
        lines[-1] += part
    return lines


def _overhead(count: int) -> int:
    """Cells taken by rules and padding: a divider and one cell of padding each side between columns."""
    return max(3 * count - 3, 0)


def _measure(columns: list[Column], headers: list[str], body: list[list[str]]) -> tuple[list[int], list[int]]:
    """Each column's narrowest width without folding a word, date or id, and its natural width."""

    minimums, maximums = [], []
    for j, (column, head) in enumerate(zip(columns, headers, strict=True)):
        cells = [r[j] for r in body]
        content = max([layout.width(line) for c in cells for line in c.split("\n")], default=0)
        natural = max(layout.width(head), content)
        least = max([min(layout.min_width(head), 4)] + [layout.min_width(c, column.person) for c in cells])
        # short content (a kind, a count, a person's name) is never wrapped
        least = max(least, min(content, SHORT), column.min_width)
        minimums.append(min(least, natural))
        maximums.append(natural)
    return minimums, maximums


def _table_cell(column: Column, row: dict[str, Any], lang: str) -> str:
    """The cell's text with control characters escaped; a merged cell keeps the line breaks it makes."""
    if column.cell is not None:
        return "\n".join(safe_text(line) for line in column.cell(row, lang).split("\n"))
    return safe_text(column.text(row, lang))


def _strip_names(columns: list[Column], body: list[list[str]], footer_row: int, lang: str) -> str:
    """Leave out the place prefix every name shares ("示例市"); say so in a caption."""

    dropped = []
    for j, column in enumerate(columns):
        if not column.name:
            continue
        rows = [r for i, r in enumerate(body) if i != footer_row]
        prefix = layout.shared_prefix([r[j] for r in rows])
        if not prefix or len(rows) < 2:
            continue
        for r in rows:
            r[j] = r[j][len(prefix) :]
        dropped.append(prefix)
    if not dropped:
        return ""

    return tr("table.prefix_caption", lang, prefix=dropped[0])


def _print_title(console: Any, title: str, table_width: int) -> None:
    from rich.text import Text  # noqa: PLC0415 - rich is slow to import; loaded only when a table is drawn on a terminal

    if layout.width(title) <= table_width:
        console.print(Text(" " * ((table_width - layout.width(title)) // 2) + title, style="italic"))
    else:
        console.print(Text("\n".join(layout.wrap(title, console.width)), style="italic"))
