"""Atomic file writes and multi-table output for the calendar commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kexie_cli.outfile import write_bytes
from kexie_cli.reporters.tables import render_table, write_note
from kexie_cli.tables import TableData, to_jsonable


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (checked target, temporary file renamed into place: :mod:`kexie_cli.outfile`)."""
    write_bytes(Path(path), data)


@dataclass(slots=True)
class Report:
    """Several tables shown one after the other, plus a summary line and a JSON document.

    ``json`` is what ``--format json`` prints; ``csv`` prints the first table only.
    """

    tables: Sequence[TableData]
    json: dict[str, Any]
    summary: str = ""
    sheet_names: Sequence[str] = field(default_factory=list)


def render_report(report: Report, fmt: str, lang: str, out: TextIO, color: bool = False) -> None:
    if fmt == "json":
        json.dump(to_jsonable(report.json), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        render_table(report.tables[0], "csv", lang, out)
        return
    for i, table in enumerate(report.tables):
        if i:
            out.write("\n")
        render_table(table, fmt, lang, out, color)
    if report.summary and fmt == "table":
        write_note(report.summary, out, color)  # wrapped to the terminal, like the tables above it
    elif report.summary:
        out.write(("\n" if fmt == "md" else "") + report.summary + "\n")
