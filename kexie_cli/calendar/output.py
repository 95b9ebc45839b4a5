"""Atomic file writes and multi-table output for the calendar commands."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kexie_cli.errors import writing
from kexie_cli.reporters.tables import TableData, render_table, to_jsonable, write_note


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path`` and rename it into place."""
    path = Path(path)
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


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
