"""A multi-table calendar Report (``kexie party``, ``kexie inspections``) as table, md, csv or json."""

from __future__ import annotations

import json
from typing import TextIO

from kexie_cli.calendar.output import Report
from kexie_cli.cells import md_text
from kexie_cli.reporters.tables import render_table, write_note
from kexie_cli.tables import to_jsonable


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
        out.write(("\n" + md_text(report.summary) if fmt == "md" else report.summary) + "\n")
