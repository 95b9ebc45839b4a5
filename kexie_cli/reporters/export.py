"""``kexie export``: the whole registry as xlsx, csv, json or sqlite.

All four write the tables of :mod:`kexie_cli.query.dataset`:
- xlsx: one sheet per table (Chinese sheet names and headers, labels for codes, real dates);
- csv: a folder with one ``<table>.csv`` per table, UTF-8 with BOM, Chinese headers and labels;
- json: one document ``{"format": "kexie-export", "version": 1, "registry", "as_of", "tables": {name: [row]}}``
  with raw values (English codes, ISO dates, true/false);
- sqlite: the database ``kexie sql`` queries, as a file.
Files go through :mod:`kexie_cli.outfile` (checked target, temporary name renamed into place).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from kexie_cli.outfile import check_target, make_folder, write_bytes, write_text
from kexie_cli.query.dataset_schema import Table, table_data
from kexie_cli.query.sqlite import fill
from kexie_cli.reporters.tables import render_table
from kexie_cli.reporters.xlsx import Heading, write_xlsx
from kexie_cli.tables import to_jsonable


def export(tables: list[Table], fmt: str, path: Path, schemas: Any, lang: str, meta: dict[str, Any]) -> list[Path]:
    """Write ``tables`` in ``fmt`` to ``path``; returns the files written."""
    if fmt == "xlsx":
        as_of = dt.date.fromisoformat(meta["as_of"]) if meta.get("as_of") else None
        heading = Heading(str(meta.get("registry") or ""), as_of)
        write_xlsx([table_data(t, schemas, lang) for t in tables], path, lang, heading=heading)
        return [path]
    if fmt == "csv":
        return write_csv_folder(tables, path, schemas, lang)
    if fmt == "json":
        document = {"format": "kexie-export", "version": 1, **meta, "tables": {t.name: t.rows for t in tables}}
        text = json.dumps(to_jsonable(document), ensure_ascii=False, indent=2) + "\n"
        write_text(path, text)
        return [path]
    if fmt == "sqlite":
        check_target(path)  # refuse before the work
        write_bytes(path, sqlite_bytes(tables))
        return [path]
    raise ValueError(fmt)


def sqlite_bytes(tables: list[Table]) -> bytes:
    """The database file ``kexie sql`` queries, built in memory (a full disk cannot leave half of it)."""

    conn = sqlite3.connect(":memory:")
    try:
        fill(conn, tables)
        return conn.serialize()
    finally:
        conn.close()


def write_csv_folder(tables: list[Table], folder: Path, schemas: Any, lang: str) -> list[Path]:
    """One ``<table>.csv`` per table in ``folder`` (created), UTF-8 with BOM so Excel reads it."""
    make_folder(folder)
    written = []
    for table in tables:
        buffer = io.StringIO()
        render_table(table_data(table, schemas, lang), "csv", lang, buffer)
        target = folder / f"{table.name}.csv"
        write_text(target, buffer.getvalue(), bom=True)
        written.append(target)
    return written


def export_meta(registry_name: str, today: dt.date) -> dict[str, Any]:
    return {"registry": registry_name, "as_of": today.isoformat()}
