"""Library tables (``TableData``) as the pages show them: the same cell words as every other format.

A cell's text is what ``Column.text`` gives (the words of ``--format plain``),
made safe by :func:`kexie_cli.cells.safe_text` (control characters shown as
escapes); Jinja2 escapes it for HTML. The name (or id) cell of a row that names
a record links to its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.cells import safe_text
from kexie_cli.registry.layout import is_slug
from kexie_cli.tables import TableData

LINK_KEYS = ("id", "org_id")  # the row key that names the record a row is about
LINK_COLUMNS = ("name", "org", "id")  # the column that carries the link


def cell_text(value: Any) -> str:
    return safe_text("" if value is None else str(value))


@dataclass(slots=True)
class Cell:
    text: str
    href: str = ""
    number: bool = False


@dataclass(slots=True)
class TableView:
    title: str
    headers: list[tuple[str, str]]  # (column key, header)
    rows: list[list[Cell]]
    headline: str = ""
    footer: list[str] = field(default_factory=list)
    total: int = 0


def view(data: TableData, lang: str, start: int = 0, stop: int | None = None) -> TableView:
    """``data`` as a page table; rows ``start:stop`` only (paging), ``total`` the number of all rows."""
    columns = list(data.columns)
    keys = [c.key for c in columns]
    link_column = next((k for k in LINK_COLUMNS if k in keys), None)
    rows = []
    for row in data.rows[start:stop]:
        record_id = next((row[k] for k in LINK_KEYS if is_slug(row.get(k))), None)
        cells = []
        for column in columns:
            text = cell_text(column.text(row, lang))
            href = f"/record/{record_id}" if record_id and column.key == link_column else ""
            cells.append(Cell(text, href, column.align == "right"))
        rows.append(cells)
    footer = [cell_text(c.text(data.footer, lang)) for c in columns] if data.footer else []
    headers = [(c.key, cell_text(c.header(lang))) for c in columns]
    return TableView(cell_text(data.title), headers, rows, cell_text(data.headline), footer, len(data.rows))


def views(tables: Sequence[TableData], lang: str) -> list[TableView]:
    return [view(t, lang) for t in tables]
