"""The registry in SQLite: ``kexie sql`` (in memory) and ``kexie export --format sqlite`` (a file).

Tables and columns are those of :mod:`kexie_cli.query.dataset` (documented in
docs/queries.md and by ``kexie sql --schema``). Dates are ISO ``YYYY-MM-DD``
text, booleans 0/1, enumerations their English codes. A query is bounded in time,
memory, rows and value size, and may read only the documented tables and call
only the functions of :data:`FUNCTIONS` (see :class:`Limits`, docs/queries.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kexie_cli.bounds import MB, memory_limit
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.query.dataset_schema import SCHEMA, Table
from kexie_cli.query.sqlite_printf import MAX_WIDTH, BoundedPrintf
from kexie_cli.tables import Column, TableData

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
        conn.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', _values(table.rows, names))
    conn.commit()


_AS_IS = frozenset({str, type(None)})
_BY_VALUE = frozenset({str, type(None), int, bool, dt.date})  # not float: -0.0 == 0.0 (and SQLite keeps it)


def _values(rows: list[dict[str, Any]], names: list[str]) -> Iterator[tuple[Any, ...]]:
    """The SQLite values of ``rows``, worked out column by column: text and empty cells (most of them) as they
    are, the distinct values of a column of numbers, days and yes/no once each."""
    columns = []
    for name in names:
        values = [row.get(name) for row in rows]
        types = set(map(type, values))
        if not types <= _AS_IS:
            if types <= _BY_VALUE and not {bool, int} <= types:  # equal values are the same cell (True is not 1)
                made = {value: _cell(value) for value in set(values)}
                values = list(map(made.__getitem__, values))
            else:
                values = list(map(_cell, values))
        columns.append(values)
    return zip(*columns, strict=True)


def connect(tables: list[Table], max_value: int = 0) -> sqlite3.Connection:
    """An in-memory database holding ``tables``, read-only once filled (see :func:`_authorize`)."""
    conn = sqlite3.connect(":memory:")
    fill(conn, tables)
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA temp_store = MEMORY")  # sorts and temporary tables count against the memory bound
    if max_value:
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max_value)
    conn.set_authorizer(_authorize)
    return conn


# What a query may do: read the documented tables, call the functions below, use CTEs, read the
# table list. query_only already refuses writes to the in-memory tables, but not ATTACH or VACUUM
# INTO, which create files on disk; the function list leaves out fts3_tokenizer (returns a
# pointer), load_extension, randomblob and zeroblob (memory), and every function not listed.
_TABLES = frozenset(SCHEMA) | {"sqlite_master", "sqlite_schema"}
_PRAGMAS = frozenset({"table_info", "table_xinfo", "table_list"})
_FUNCTION_NAMES = """
    abs avg changes char coalesce concat concat_ws count cume_dist date datetime dense_rank first_value
    format glob group_concat hex iif ifnull instr json json_array json_array_length json_extract
    json_group_array json_group_object json_object json_quote json_type json_valid julianday lag
    last_value lead length like likelihood likely lower ltrim max min nth_value ntile nullif
    percent_rank printf quote random rank replace round row_number rtrim sign soundex strftime
    string_agg substr substring sum time timediff total trim typeof unhex unicode unixepoch unlikely
    upper
    acos acosh asin asinh atan atan2 atanh ceil ceiling cos cosh degrees exp floor ln log log10 log2
    mod pi pow power radians sin sinh sqrt tan tanh trunc
"""
FUNCTIONS = frozenset(_FUNCTION_NAMES.split())


def _authorize(action: int, arg1: str | None, arg2: str | None, database: str | None, *_: object) -> int:
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_READ and ((arg1 or "").lower() in _TABLES or database is None):
        return sqlite3.SQLITE_OK  # a documented table, or a WITH table of the query itself (no database)
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in FUNCTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds of one ``kexie sql`` query (docs/queries.md)."""

    seconds: float = 10.0
    rows: int = 100_000
    memory: int = 1024 * MB  # address space beyond what the process uses before the query
    value: int = 10_000_000  # bytes of one string or blob (SQLITE_LIMIT_LENGTH)


class QueryStopped(KexieError):
    """The query ran past a bound (time, memory, rows) or was cancelled: exit 1 (docs/security.md)."""

    exit_code = 1


class _Watch:
    """The progress handler: stops the query at its deadline or on Ctrl-C."""

    def __init__(self, conn: sqlite3.Connection, seconds: float) -> None:
        self.conn = conn
        self.deadline = time.monotonic() + seconds
        self.stop = ""

    def __call__(self) -> int:
        if not self.stop and time.monotonic() > self.deadline:
            self.stop = "time"
        return 1 if self.stop else 0

    def interrupt(self, *_: object) -> None:
        self.stop = "cancel"
        self.conn.interrupt()

    def check(self) -> None:
        self()
        if self.stop:
            raise sqlite3.OperationalError("interrupted")


@contextlib.contextmanager
def _ctrl_c(watch: _Watch) -> Iterator[None]:
    """Ctrl-C cancels the query at once (SQLite does not look at Python's signals by itself)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, watch.interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def tables_read(sql: str) -> set[str] | None:
    """The tables ``sql`` reads, learnt by compiling it (``EXPLAIN``, which runs nothing) on empty
    tables with the authorizer noting each read; None when it does not compile that way (then
    every table is filled and the query itself reports its error as before).

    SQLite asks the authorizer for every table a statement reads, a table read only for
    ``count(*)`` included (with an empty column name), so the tables not named are not needed.
    """
    read: set[str] = set()

    def noting(action: int, arg1: str | None, arg2: str | None, database: str | None, *rest: object) -> int:
        verdict = _authorize(action, arg1, arg2, database, *rest)
        table = (arg1 or "").lower()
        if action == sqlite3.SQLITE_READ and verdict == sqlite3.SQLITE_OK and table in SCHEMA:
            read.add(table)
        return verdict

    conn = sqlite3.connect(":memory:")
    try:
        fill(conn, [])
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(noting)
        conn.execute("EXPLAIN " + sql).fetchall()
    except (sqlite3.Error, sqlite3.Warning, ValueError, OverflowError):
        return None
    finally:
        conn.close()
    return read


def run(
    tables: list[Table] | Callable[[set[str] | None], list[Table]],
    sql: str,
    lang: str,
    limits: Limits | None = None,
) -> TableData:
    """Run one statement within ``limits`` and return its rows (column names as keys).

    ``tables``: the tables, or a function that builds the tables of the names it is given (all
    of them for None): then only the tables the statement reads are built (:func:`tables_read`).
    """
    limits = limits or Limits()
    if not sql.strip():
        raise KexieError("sql.no_query")
    if callable(tables):
        tables = tables(tables_read(sql))
    conn = connect(tables, limits.value)
    printf = BoundedPrintf(limits.value)
    printf.install(conn)
    watch = _Watch(conn, limits.seconds)
    conn.set_progress_handler(watch, 1000)
    rows: list[dict[str, Any]] = []
    try:
        with _ctrl_c(watch), memory_limit(limits.memory):
            cursor = conn.execute(sql)
            names = [d[0] for d in cursor.description or ()]
            while batch := cursor.fetchmany(1000):
                watch.check()
                rows.extend(dict(zip(names, row, strict=True)) for row in batch)
                if len(rows) > limits.rows:
                    raise QueryStopped("sql.too_many_rows", rows=limits.rows)
    except MemoryError:
        rows.clear()
        raise QueryStopped("sql.too_much_memory", megabytes=limits.memory // MB) from None
    except (sqlite3.Error, sqlite3.Warning) as exc:
        rows.clear()
        if watch.stop == "time":
            raise QueryStopped("sql.too_slow", seconds=f"{limits.seconds:g}") from None
        if watch.stop == "cancel":
            raise QueryStopped("sql.cancelled") from None
        if printf.refused:
            raise QueryStopped("sql.printf_width", limit=MAX_WIDTH) from None
        text = str(exc)
        if "out of memory" in text:
            raise QueryStopped("sql.too_much_memory", megabytes=limits.memory // MB) from None
        if "too big" in text:
            raise QueryStopped("sql.too_big", bytes=limits.value) from None
        if "authoriz" in text or "prohibited" in text:  # refused by _authorize: no error code for it
            raise KexieError("sql.read_only") from None
        raise KexieError("sql.error", detail=text) from None
    finally:
        conn.close()
        printf.close()
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
                    "description": (col.en if lang == "en" else col.zh) + (f" {col.codes}" if col.codes else ""),
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
