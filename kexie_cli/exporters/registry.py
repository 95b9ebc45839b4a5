"""``kexie export``: the whole registry as xlsx, csv, json or sqlite.

All four write the tables of :mod:`kexie_cli.query.dataset`:
- xlsx: one sheet per table (Chinese sheet names and headers, labels for codes, real dates);
- csv: a folder with one ``<table>.csv`` per table, UTF-8 with BOM, Chinese headers and labels;
- json: one document ``{"format": "kexie-export", "version": 1, "registry", "as_of", "tables": {name: [row]}}``
  with raw values (English codes, ISO dates, true/false);
- sqlite: the database ``kexie sql`` queries, as a file.
Files are written to a temporary name and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kexie_cli.errors import writing
from kexie_cli.query.dataset import Table, table_data
from kexie_cli.reporters.tables import render_table, to_jsonable

EXPORT_FORMATS = ("xlsx", "csv", "json", "sqlite")


def export(tables: list[Table], fmt: str, path: Path, schemas: Any, lang: str, meta: dict[str, Any]) -> list[Path]:
    """Write ``tables`` in ``fmt`` to ``path``; returns the files written."""
    if fmt == "xlsx":
        from kexie_cli.exporters.xlsx import Heading, write_xlsx

        as_of = dt.date.fromisoformat(meta["as_of"]) if meta.get("as_of") else None
        heading = Heading(str(meta.get("registry") or ""), as_of)
        write_xlsx([table_data(t, schemas, lang) for t in tables], path, lang, heading=heading)
        return [path]
    if fmt == "csv":
        return write_csv_folder(tables, path, schemas, lang)
    if fmt == "json":
        document = {"format": "kexie-export", "version": 1, **meta, "tables": {t.name: t.rows for t in tables}}
        text = json.dumps(to_jsonable(document), ensure_ascii=False, indent=2) + "\n"
        _atomic(path, _text_writer(text))
        return [path]
    if fmt == "sqlite":
        from kexie_cli.query.sqlite import fill

        def write(tmp: Path) -> None:
            conn = sqlite3.connect(tmp)
            try:
                fill(conn, tables)
            finally:
                conn.close()

        _atomic(path, write)
        return [path]
    raise ValueError(fmt)


def write_csv_folder(tables: list[Table], folder: Path, schemas: Any, lang: str) -> list[Path]:
    """One ``<table>.csv`` per table in ``folder`` (created), UTF-8 with BOM so Excel reads it."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        buffer = io.StringIO()
        render_table(table_data(table, schemas, lang), "csv", lang, buffer)
        target = folder / f"{table.name}.csv"
        _atomic(target, _text_writer("\ufeff" + buffer.getvalue()))
        written.append(target)
    return written


def _text_writer(text: str) -> Callable[[Path], object]:
    return lambda tmp: tmp.write_text(text, encoding="utf-8")


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    path = Path(path)
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            write(Path(tmp))
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def export_meta(registry_name: str, today: dt.date) -> dict[str, Any]:
    return {"registry": registry_name, "as_of": today.isoformat()}
