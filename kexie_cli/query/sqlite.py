"""The registry in SQLite: ``kexie sql`` (in memory) and ``kexie export --format sqlite`` (a file).

Tables and columns are those of :mod:`kexie_cli.query.dataset` (documented in
docs/queries.md and by ``kexie sql --schema``). Dates are ISO ``YYYY-MM-DD``
text, booleans 0/1, enumerations their English codes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.query.dataset import SCHEMA, Table
from kexie_cli.reporters.tables import Column, TableData

SQL_TYPES = {"TEXT": "TEXT", "INTEGER": "INTEGER", "DATE": "TEXT", "BOOLEAN": "INTEGER"}


def create_statements() -> list[str]:
    out = []
    for name, (_, _, columns) in SCHEMA.items():
        cols = ", ".join(f'"{c.name}" {SQL_TYPES[c.type]}' for c in columns)
        out.append(f'CREATE TABLE "{name}" ({cols})')
    return out


_INT64 = (-(2**63), 2**63 - 1)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and not _INT64[0] <= value <= _INT64[1]:
        return str(value)  # beyond SQLite's 64-bit integers (the schemas refuse it; check reports K104): as text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fill(conn: sqlite3.Connection, tables: list[Table]) -> None:
    for statement in create_statements():
        conn.execute(statement)
    for table in tables:
        names = [c.name for c in table.columns]
        marks = ", ".join("?" for _ in names)
        conn.executemany(
            f'INSERT INTO "{table.name}" VALUES ({marks})',
            ([_cell(row.get(n)) for n in names] for row in table.rows),
        )
    conn.commit()


def connect(tables: list[Table]) -> sqlite3.Connection:
    """An in-memory database holding ``tables``, read-only once filled."""
    conn = sqlite3.connect(":memory:")
    fill(conn, tables)
    conn.execute("PRAGMA query_only = ON")
    conn.set_authorizer(_read_only)
    return conn


# What a query may do: read tables, call functions, use CTEs, read the table list. query_only
# already refuses writes to the in-memory tables, but not ATTACH or VACUUM INTO, which create
# files on disk.
_ALLOWED = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE})
_PRAGMAS = frozenset({"table_info", "table_xinfo", "table_list"})


def _read_only(action: int, arg1: str | None, *_: object) -> int:
    if action in _ALLOWED or (action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _PRAGMAS):
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def run(tables: list[Table], sql: str, lang: str) -> TableData:
    """Run one statement and return its rows (column names as keys)."""
    if not sql.strip():
        raise KexieError("sql.no_query")
    conn = connect(tables)
    try:
        cursor = conn.execute(sql)
        names = [d[0] for d in cursor.description or ()]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except (sqlite3.Error, sqlite3.Warning) as exc:
        if "authoriz" in str(exc):  # refused by _read_only: sqlite gives no error code for it
            raise KexieError("sql.read_only") from None
        raise KexieError("sql.error", detail=str(exc)) from None
    finally:
        conn.close()
    columns = [Column(n, n, n, align="right" if _numeric(rows, n) else "left") for n in names]
    return TableData(tr("sql.title", lang), columns, rows, headline=tr("query.count", lang, count=len(rows)))


def _numeric(rows: list[dict[str, Any]], name: str) -> bool:
    values = [r[name] for r in rows if r[name] is not None]
    return bool(values) and all(isinstance(v, (int, float)) for v in values)


def schema_table(lang: str) -> TableData:
    """Every table and column with its type and description (``kexie sql --schema``)."""
    rows = []
    for name, (zh, en, columns) in SCHEMA.items():
        for col in columns:
            rows.append(
                {
                    "table": name,
                    "table_label": en if lang == "en" else zh,
                    "column": col.name,
                    "type": col.type,
                    "description": col.en if lang == "en" else col.zh,
                }
            )
    columns_ = [
        Column("table", tr("sql.table", "zh"), tr("sql.table", "en")),
        Column("table_label", "表名称", "Table label"),
        Column("column", tr("sql.column", "zh"), tr("sql.column", "en")),
        Column("type", tr("sql.type", "zh"), tr("sql.type", "en")),
        Column("description", tr("sql.description", "zh"), tr("sql.description", "en")),
    ]
    return TableData(tr("sql.schema_title", lang), columns_, rows)
