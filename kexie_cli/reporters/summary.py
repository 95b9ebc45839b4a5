"""Several tables at once (``kexie summary``): text formats one after another, JSON as an array."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from kexie_cli.errors import KexieError
from kexie_cli.outfile import write_text
from kexie_cli.reporters.tables import render_table
from kexie_cli.reporters.xlsx import write_xlsx
from kexie_cli.tables import TableData, to_jsonable


def summary_json(tables: list[tuple[str, TableData]]) -> list[dict[str, object]]:
    """``[{table, title, headline, rows, total}]``: rows keyed by stable English keys."""
    return [
        {
            "table": name,
            "title": data.title,
            "headline": data.headline,
            "rows": to_jsonable(data.rows),
            "total": to_jsonable(data.footer),
        }
        for name, data in tables
    ]


def render_summary(tables: list[tuple[str, TableData]], fmt: str, lang: str, out: TextIO, color: bool) -> None:
    if fmt == "json":
        json.dump(summary_json(tables), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv" and len(tables) != 1:
        raise KexieError("summary.csv_one")
    for i, (_, data) in enumerate(tables):
        if i:
            out.write("\n")
        render_table(data, fmt, lang, out, color)


def emit_summary(
    tables: list[tuple[str, TableData]],
    fmt: str,
    lang: str,
    output: Path | None,
    color: bool,
    heading: Any = None,
) -> None:
    if fmt == "xlsx":
        if output is None:
            raise KexieError("output.required", fmt="xlsx")

        write_xlsx([d for _, d in tables], output, lang, sheet_names=[d.title for _, d in tables], heading=heading)
        return
    if output is None:
        render_summary(tables, fmt, lang, sys.stdout, color)
        return
    buffer = io.StringIO()
    render_summary(tables, fmt, lang, buffer, False)
    write_text(output, buffer.getvalue(), bom=fmt == "csv")
