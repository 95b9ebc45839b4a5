"""``kexie export`` json and csv, made column by column (reporters/export_json.py, reporters/columns.py),
are the text the json module and the listing's csv renderer write, value for value."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.reporters.export import csv_text_of
from kexie_cli.reporters.export_json import json_text
from kexie_cli.reporters.tables import render_table
from kexie_cli.share import Share
from kexie_cli.tables import Column, TableData, to_jsonable


def _reference(document: dict[str, Any]) -> str:
    return json.dumps(to_jsonable(document), ensure_ascii=False, indent=2)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "=1+1", "示例市林学会", "a%sb", "%(x)s", "\x1b[31m", '"q"\\', "\u2028", "𠀀"]),
    st.dates(),
    st.datetimes(),
    st.builds(Share, st.integers(0, 9), st.integers(1, 9)),
    st.binary(max_size=4),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.text(max_size=3), SCALARS, max_size=2))
KEYS = st.lists(st.sampled_from(["id", "name", "%s", "年度", 'a"b', "", "x%y"]), min_size=1, max_size=5, unique=True)


@st.composite
def tables(draw: Callable[[st.SearchStrategy[Any]], Any]) -> list[dict[str, Any]]:
    """Rows that share their keys (the dataset's), now and then a row with other keys or not a dict."""
    keys = draw(KEYS)
    columns = {
        key: draw(st.sampled_from([SCALARS, VALUES, st.sampled_from([True, 1, 0, False, None, 1.0])])) for key in keys
    }
    rows: list[Any] = draw(st.lists(st.fixed_dictionaries(columns), max_size=8))
    if rows and draw(st.booleans()) and draw(st.booleans()):
        rows.insert(
            draw(st.integers(0, len(rows))), draw(st.one_of(st.dictionaries(st.text(max_size=2), SCALARS), SCALARS))
        )
    return rows


@given(st.dictionaries(st.sampled_from(["societies", "leaders", "空", "%d"]), tables(), max_size=3), VALUES)
def test_json_is_the_json_modules_text(tables: dict[str, list[dict[str, Any]]], other: Any) -> None:
    document = {"format": "kexie-export", "version": 1, "registry": "示例市科协", "unreadable": other, "tables": tables}
    assert json_text(document) == _reference(document)


def test_json_cases_that_equal_values_must_not_merge() -> None:
    """True == 1 == 1.0 and -0.0 == 0.0, but JSON writes each its own way; days are not times."""
    rows = [
        {"a": True, "b": 0.0, "c": dt.date(2026, 1, 1), "d": "x"},
        {"a": 1, "b": -0.0, "c": dt.datetime(2026, 1, 1), "d": None},
        {"a": 1.0, "b": math.nan, "c": None, "d": "x"},
        {"a": False, "b": Share(1, 3), "c": dt.date(2026, 1, 1), "d": ["x", dt.date(2026, 1, 1)]},
    ]
    documents: list[dict[str, Any]] = [
        {"tables": {"t": rows}},
        {"tables": {"t": [], "u": [{}], "v": rows[:1]}},
        {},
        {"tables": []},
    ]
    for document in documents:
        assert json_text(document) == _reference(document)
    assert '"a": true' in json_text({"tables": {"t": rows}}) and '"b": -0.0' in json_text({"tables": {"t": rows}})


def _listing() -> TableData:
    columns = [
        Column("text", "文字", "Text"),
        Column("number", "数", "Number"),
        Column("day", "日期", "Day"),
        Column("share", "占比", "Share", percent=True),
        Column("flag", "是否", "Flag"),
        Column("stars", "星级", "Stars", show=lambda v, lang: "" if v is None else f"{v}星级"),
        Column("role", "职务", "Role", show_row=lambda row, lang: f"{row.get('role')}/{row.get('kind')}"),
    ]
    texts = ["示例市林学会", "=1+1", "-1", "+x", "@a", "\tb", "a,b", 'q"q', "x\ny", "", " "]
    rows: list[dict[str, Any]] = [
        {
            "text": texts[i % len(texts)],
            "number": [0, 7, -3, 2.5, -0.0, 0.0, None, True, 1][i % 9],
            "day": [dt.date(2026, 11, 23), None, dt.datetime(2024, 1, 1, 12, 30)][i % 3],
            "share": [Share(1, 3), Share(2, 7), 0.5, None][i % 4],
            "flag": [True, False, None, 1][i % 4],
            "stars": [5, None, 3, True, 1][i % 5],
            "role": ["chair", "secretary"][i % 2],
            "kind": ["society", "branch", "party-cell"][i % 3],
        }
        for i in range(60)
    ]
    rows[7] = {"text": "a row with fewer keys"}
    return TableData("测试表", columns, rows, footer={"text": "合计", "number": 12})


def test_csv_is_the_listings_csv() -> None:
    table = _listing()
    for data in (table, TableData("空", table.columns, []), TableData("无列", [], [{}, {}])):
        for lang in ("zh", "en"):
            reference = io.StringIO()
            render_table(data, "csv", lang, reference)
            assert csv_text_of(data, lang) == reference.getvalue()
    rows = [{k: v for k, v in row.items() if k != "role"} for row in table.rows if len(row) > 1]
    same_keys = TableData("同键", table.columns, rows)  # every row with the same keys: taken column by column
    reference = io.StringIO()
    render_table(same_keys, "csv", "zh", reference)
    assert csv_text_of(same_keys, "zh") == reference.getvalue()
    assert "'=1+1" in reference.getvalue() and "True星级" in reference.getvalue()
