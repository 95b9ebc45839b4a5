"""A leader's role in the exports is the title of the record's kind: 理事长, 主席, 书记; the data keeps the code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from tests.conftest import REPO, run_cli

AS_OF = "2026-11-23"


def test_titles_by_kind_in_xlsx_and_csv_codes_in_json(tmp_path: Path) -> None:
    book = tmp_path / "x.xlsx"
    assert run_cli(["export", "--format", "xlsx", "-o", str(book), "--as-of", AS_OF], REPO).exit_code == 0
    sheet = openpyxl.load_workbook(book)["负责人"]
    titles = {(row[1], row[3]) for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert ("基层科协", "主席") in titles and ("科技社团", "理事长") in titles and ("党组织", "书记") in titles
    assert ("基层科协", "理事长") not in titles
    out = tmp_path / "csv"
    assert run_cli(["export", "--format", "csv", "-o", str(out), "--as-of", AS_OF], REPO).exit_code == 0
    rows = list(csv.reader(io.StringIO((out / "leaders.csv").read_text(encoding="utf-8-sig"))))
    assert any(r[1:4] == ["基层科协", r[2], "主席"] for r in rows)
    target = tmp_path / "x.json"
    assert run_cli(["export", "--format", "json", "-o", str(target), "--as-of", AS_OF], REPO).exit_code == 0
    roles = {(r["kind"], r["role"]) for r in json.loads(target.read_text(encoding="utf-8"))["tables"]["leaders"]}
    assert ("branch", "chair") in roles and ("party-cell", "secretary") in roles  # the data keeps the codes
