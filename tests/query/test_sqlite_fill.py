"""The SQLite database of ``kexie sql`` and ``kexie export --format sqlite`` (query/sqlite.py: fill): the
values of a column of numbers, days and yes/no are worked out once per distinct value, and stay apart."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pytest

from kexie_cli.query import sqlite as sq
from kexie_cli.query.dataset_schema import SCHEMA, Table


def _leaders(rows: list[dict[str, Any]]) -> Table:
    zh, en, columns = SCHEMA["leaders"]
    return Table("leaders", zh, en, columns, rows)


def test_each_distinct_value_is_converted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    converted: list[Any] = []
    cell = sq._cell

    def counting(value: Any) -> Any:
        converted.append(value)
        return cell(value)

    monkeypatch.setattr(sq, "_cell", counting)
    days = [dt.date(2026, 1, 1), dt.date(2025, 6, 30), None]
    rows = [
        {"record_id": f"r{i}", "name": "张三", "since": days[i % 3], "current": i % 2 == 0, "birth_year": 1970 + i % 4}
        for i in range(900)
    ]
    conn = sqlite3.connect(":memory:")
    sq.fill(conn, [_leaders(rows)])
    # three days, two yes/no, four years: not 2,700 conversions (text columns are passed as they are)
    assert sorted(map(repr, converted)) == sorted(map(repr, [*days, True, False, 1970, 1971, 1972, 1973]))
    got = conn.execute('SELECT since, "current", birth_year FROM leaders LIMIT 4').fetchall()
    assert got == [("2026-01-01", 1, 1970), ("2025-06-30", 0, 1971), (None, 1, 1972), ("2026-01-01", 0, 1973)]


def test_equal_values_of_other_types_stay_apart() -> None:
    """True == 1 == 1.0 and -0.0 == 0.0, a huge number is text, a time is not a day: each is stored as the
    value converted on its own would be."""
    values: list[Any] = [True, 1, 1.0, -0.0, 0.0, 2**70, dt.datetime(2026, 1, 1, 8, 30), dt.date(2026, 1, 1), None, "1"]
    rows = [{"age": v, "since": v, "name": v} for v in values] + [{"age": v} for v in values]
    conn = sqlite3.connect(":memory:")
    sq.fill(conn, [_leaders(rows)])
    reference = sqlite3.connect(":memory:")
    reference.execute("CREATE TABLE leaders (age INTEGER, since TEXT, name TEXT)")
    reference.executemany(
        "INSERT INTO leaders VALUES (?, ?, ?)",
        [(sq._cell(r.get("age")), sq._cell(r.get("since")), sq._cell(r.get("name"))) for r in rows],
    )
    query = "SELECT age, typeof(age), since, typeof(since), name, typeof(name) FROM leaders"
    got, expected = conn.execute(query).fetchall(), reference.execute(query).fetchall()
    assert got == expected
    assert got[6][2] == "2026-01-01T08:30:00" and got[7][2] == "2026-01-01"
