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

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Any

from kexie_cli.cells import csv_text
from kexie_cli.outfile import check_target, make_folder, write_bytes, write_text
from kexie_cli.query.dataset_schema import Table, table_data
from kexie_cli.query.sqlite import fill
from kexie_cli.reporters.columns import table_cells
from kexie_cli.reporters.export_json import json_text
from kexie_cli.reporters.xlsx import Heading, write_xlsx
from kexie_cli.tables import TableData


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
        text = json_text(document) + "\n"
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
        target = folder / f"{table.name}.csv"
        write_text(target, csv_text_of(table_data(table, schemas, lang), lang), bom=True)
        written.append(target)
    return written


def csv_text_of(data: TableData, lang: str) -> str:
    """``data`` as ``render_table(data, "csv", ...)`` writes it, the cells made column by column (each distinct
    value of a column shown and made safe once: :mod:`kexie_cli.reporters.columns`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_text(h) for h in data.headers(lang)])
    if data.columns:
        columns = [cells for cells, _ in table_cells(data.columns, data.rows, lang, _csv_cell)]
        writer.writerows(zip(*columns, strict=True))
    else:
        writer.writerows([] for _ in data.rows)
    if data.footer is not None:
        writer.writerow([csv_text(c.display(data.footer.get(c.key), lang)) for c in data.columns])
    return buffer.getvalue()


def _csv_cell(raw: Any, text: str) -> str:
    return csv_text(text)


def export_meta(registry_name: str, today: dt.date) -> dict[str, Any]:
    return {"registry": registry_name, "as_of": today.isoformat()}
