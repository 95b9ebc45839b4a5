"""Labels, not codes, in every cell a person reads; codes in json and sqlite (issue 25)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import AS_OF, copy_sample, run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("labels"))


def test_export_csv_shows_forms_of_cover_by_label(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert run_cli(["export", "--format", "csv", "-o", str(out), "--as-of", AS_OF], sample).exit_code == 0
    with (out / "societies.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    cover = {r["标识符"]: r["覆盖方式"] for r in rows}
    assert cover["zhiwu-xuehui"] and cover["dianji-gongcheng-xuehui"] == "单独建立党组织"
    shown = {part for value in cover.values() for part in value.split("、") if part}
    assert shown <= {"单独建立党组织", "联合党支部", "功能型党支部", "党的工作小组", "党建联络员/指导员"}
    assert len(shown) == 5


def test_json_and_sqlite_keep_the_codes(sample: Path, tmp_path: Path) -> None:
    exported = run_cli(["export", "--format", "json", "-o", str(tmp_path / "x.json"), "--as-of", AS_OF], sample)
    assert exported.exit_code == 0
    doc = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    codes = {r["id"]: r["party_cover"] for r in doc["tables"]["societies"]}
    assert codes["dianji-gongcheng-xuehui"] == "own"
    db = tmp_path / "x.sqlite"
    assert run_cli(["export", "--format", "sqlite", "-o", str(db), "--as-of", AS_OF], sample).exit_code == 0
    with sqlite3.connect(db) as conn:
        (value,) = conn.execute("SELECT party_cover FROM societies WHERE id = 'dianji-gongcheng-xuehui'").fetchone()
    assert value == "own"
