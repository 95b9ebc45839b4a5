"""Generic listing output (table, plain, json, csv, md) for every listing command.

A command's library function returns a :class:`TableData`: raw rows with
stable English keys (what ``--format json`` prints) and columns that know
their Chinese/English header and how to display a raw value.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from kexie_cli.reporters.cells import csv_text, safe_text

TABLE_FORMATS = ("table", "plain", "json", "csv", "md")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    zh: str
    en: str
    show: Callable[[Any, str], str] | None = None  # (raw value, lang) -> display text
    align: str = "left"

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def display(self, value: Any, lang: str) -> str:
        if self.show is not None:
            return self.show(value, lang)
        if value is None:
            return ""
        if isinstance(value, bool):
            return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
        return str(value)


@dataclass(slots=True)
class TableData:
    title: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    headline: str = ""  # one-line summary shown under the table
    footer: dict[str, Any] | None = None  # a total row (display only)

    def display_rows(self, lang: str) -> list[list[str]]:
        return [[c.display(row.get(c.key), lang) for c in self.columns] for row in self.rows]

    def headers(self, lang: str) -> list[str]:
        return [c.header(lang) for c in self.columns]


def to_jsonable(value: Any) -> Any:
    """``value`` as strict JSON data: dates as ISO text, bytes as hex, no NaN or Infinity (null)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None  # 1e400 in a record, or SQL: NaN/Infinity are not JSON
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def render_table(data: TableData, fmt: str, lang: str, out: TextIO, color: bool = False) -> None:
    """Write ``data`` to ``out`` in format ``fmt``."""
    if fmt == "json":
        json.dump(to_jsonable(data.rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    rows = data.display_rows(lang)
    if data.footer is not None:
        rows.append([c.display(data.footer.get(c.key), lang) for c in data.columns])
    if fmt == "csv":  # text that a spreadsheet would run gets a leading ' (reporters/cells.py)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([csv_text(h) for h in data.headers(lang)])
        writer.writerows([[csv_text(cell) for cell in row] for row in rows])
        return
    # Every value on one line, no terminal control sequences (reporters/cells.py).
    rows = [[safe_text(cell) for cell in row] for row in rows]
    headers = [safe_text(h) for h in data.headers(lang)]
    title, headline = safe_text(data.title), safe_text(data.headline)
    if fmt == "table":
        _rich_table(data, rows, headers, (title, headline), out, color)
        return
    from tabulate import tabulate

    if fmt == "md":
        if title:
            out.write(f"### {title}\n\n")
        rows = [[cell.replace("|", "\\|") for cell in row] for row in rows]
        out.write(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n")
        if headline:
            out.write(f"\n{headline}\n")
        return
    if title:
        out.write(f"{title}\n")
    if rows:
        out.write(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) + "\n")
    if headline:
        out.write(f"{headline}\n")


def _rich_table(
    data: TableData, rows: list[list[str]], headers: list[str], texts: tuple[str, str], out: TextIO, color: bool
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    title, headline = texts
    console = Console(file=out, force_terminal=color, no_color=not color, width=None if color else 200)
    table = Table(title=Text(title) if title else None, show_lines=False, header_style="bold")
    for column, header in zip(data.columns, headers, strict=True):
        table.add_column(Text(header), justify="right" if column.align == "right" else "left")
    last = len(rows) - 1
    for i, row in enumerate(rows):  # Text: a value's [brackets] are not rich markup
        table.add_row(*(Text(cell) for cell in row), style="bold" if data.footer is not None and i == last else None)
    console.print(table)
    if headline:
        console.print(Text(headline))
