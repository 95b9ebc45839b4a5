"""kexie sql and kexie export."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kexie_cli import kinds
from kexie_cli.query.dataset_schema import SCHEMA
from tests.conftest import AS_OF, REPO, run_cli
from tests.query.conftest import json_rows
from tests.query.small import FILES, SETTINGS

Raw = dict[str, list[dict[str, Any]]]


@pytest.fixture
def small(registry: Callable[..., Path]) -> Path:
    return registry(FILES, SETTINGS)


def sql(root: Path, query: str) -> list[dict[str, Any]]:
    run = run_cli(["sql", query, "--format", "json", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert isinstance(data, list)
    return data


def test_sql_counts_match_the_records(sample: Raw) -> None:
    expected = Counter(s["level"] for s in sample["societies"])
    rows = sql(REPO, "SELECT level, count(*) AS n FROM societies GROUP BY level")
    assert {r["level"]: r["n"] for r in rows} == dict(expected)
    leaders = sum(len(r.get("leaders") or []) for folder in sample.values() for r in folder)
    assert sql(REPO, "SELECT count(*) AS n FROM leaders") == [{"n": leaders}]
    covers = sum(len(c.get("covers") or []) for c in sample["party-cells"])
    assert sql(REPO, "SELECT count(*) AS n FROM coverage") == [{"n": covers}]


def test_sql_derived_columns(small: Path) -> None:
    rows = sql(small, "SELECT id, stars_latest, stars_in_force, covered, npo_expiry FROM societies ORDER BY id")
    assert rows == [
        {"id": "jining-yixuehui", "stars_latest": 4, "stars_in_force": None, "covered": 0, "npo_expiry": None},
        {"id": "old-xuehui", "stars_latest": 5, "stars_in_force": 5, "covered": 0, "npo_expiry": None},
        {"id": "shuili-xuehui", "stars_latest": 5, "stars_in_force": 5, "covered": 1, "npo_expiry": "2027-01-10"},
    ]
    terms = sql(small, "SELECT record_id, ends, state, days FROM terms WHERE current = 1 ORDER BY record_id")
    assert terms == [
        {"record_id": "jining-yixuehui", "ends": "2026-12-01", "state": "due", "days": 8},
        {"record_id": "shuili-xuehui", "ends": "2027-01-10", "state": "due", "days": 48},
    ]
    assert sql(small, "SELECT district FROM branches WHERE id = 'jiedao-kexie'") == [{"district": "qu-kexie"}]


def test_sql_errors_and_read_only(small: Path) -> None:
    run = run_cli(["sql", "SELECT nope FROM societies"], small)
    assert run.exit_code == 2 and "no such column" in run.stderr
    run = run_cli(["sql", "DELETE FROM societies"], small)
    assert run.exit_code == 2
    assert run_cli(["sql"], small).exit_code == 2


def test_sql_schema_lists_every_table() -> None:
    run = run_cli(["sql", "--schema", "--format", "json"])
    assert run.exit_code == 0
    tables = {r["table"] for r in json_rows(run)}
    assert tables == {
        *kinds.TABLES.values(),
        "leaders",
        "inspections",
        "stars",
        "meetings",
        "coverage",
        "terms",
        "annual",
        "annual_events",
        "alliance_members",  # one row per member society of an alliance
    }


def test_export_xlsx(tmp_path: Path, sample: Raw) -> None:
    target = tmp_path / "registry.xlsx"
    run = run_cli(["export", "--format", "xlsx", "--output", str(target), "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    book = load_workbook(target)
    assert book.sheetnames[: len(kinds.KINDS) + 2] == [*(k.zh for k in kinds.KINDS), "负责人", "年检"]
    sheet = book["科技社团"]
    headers = [c.value for c in sheet[2]]  # row 1 is the title row
    assert headers[:7] == ["标识符", "全称", "简称", "状态", "成立日期", "级别", "学科类别"]
    assert sheet.freeze_panes == "A3"
    assert sheet.max_row == 2 + len(sample["societies"])
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "shuili-xuehui")
    assert row[1] == "示例市水利学会"
    assert row[headers.index("级别")] == "市级"
    assert row[headers.index("成立日期")] == dt.datetime(1962, 8, 15)
    assert row[headers.index("个人会员数")] == 3878
    leaders = book["负责人"]
    assert leaders.max_row == 2 + sum(len(r.get("leaders") or []) for f in sample.values() for r in f)


def test_export_csv_has_bom_and_chinese_headers(tmp_path: Path, sample: Raw) -> None:
    folder = tmp_path / "csv"
    run = run_cli(["export", "--format", "csv", "--output", str(folder), "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    raw = (folder / "societies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8").removeprefix("\ufeff").splitlines()))
    assert rows[0][:2] == ["标识符", "全称"]
    assert len(rows) == 1 + len(sample["societies"])
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["shuili-xuehui"][rows[0].index("学科类别")] == "工科"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{t}.csv"
        for t in (
            *kinds.TABLES.values(),
            "leaders",
            "inspections",
            "stars",
            "meetings",
            "coverage",
            "terms",
            "annual_events",  # "annual" is the annual kind's own table (kinds.TABLES)
            "alliance_members",
        )
    )


def test_export_json_and_sqlite(tmp_path: Path, small: Path) -> None:
    target = tmp_path / "r.json"
    assert run_cli(["export", "--format", "json", "-o", str(target), "--as-of", AS_OF], small).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "kexie-export" and document["version"] == 1
    assert document["registry"] == "测试市科学技术协会" and document["as_of"] == AS_OF
    societies = {s["id"]: s for s in document["tables"]["societies"]}
    assert societies["shuili-xuehui"]["level"] == "municipal"
    assert societies["shuili-xuehui"]["founded"] == "1980-03-01"
    assert len(document["tables"]["inspections"]) == 3
    database = tmp_path / "r.sqlite"
    assert run_cli(["export", "--format", "sqlite", "-o", str(database), "--as-of", AS_OF], small).exit_code == 0
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("SELECT count(*) FROM stars").fetchone() == (4,)
    finally:
        conn.close()


def test_every_sql_table_and_column_is_documented() -> None:
    doc = (REPO / "docs" / "queries.md").read_text(encoding="utf-8")
    for name, (_, _, columns) in SCHEMA.items():
        assert f"### `{name}`" in doc
        for column in columns:
            assert f"| `{column.name}` |" in doc, (name, column.name)
