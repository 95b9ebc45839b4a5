"""Each bad cell of a returned form is named in plain words: sheet, cell, what is wrong, what is expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kexie_cli.annual.layout import HIDDEN_SHEET, from_rows
from kexie_cli.annual.model import form_model
from kexie_cli.annual.read import describe, read_workbook
from kexie_cli.registry.schemas import SchemaSet
from tests.conftest import run_cli
from tests.round.conftest import fill


@pytest.fixture
def form(round_root: Path, tmp_path: Path) -> Path:
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(tmp_path / "out")], round_root)
    assert done.exit_code == 0, done.stderr
    return next(Path(p) for p in done.stdout.splitlines() if "医学会" in p)


def where(path: Path) -> Any:
    book = load_workbook(path)
    (layout,) = from_rows([list(r) for r in book[HIDDEN_SHEET].iter_rows(values_only=True)])
    return layout


def problems(
    round_root: Path, form: Path, tmp_path: Path, cells: dict[tuple[str, str], Any], lang: str = "zh"
) -> list[str]:
    filled = fill(form, tmp_path / "filled.xlsx", cells)
    model = form_model(SchemaSet(round_root))
    (answers,) = read_workbook(filled.read_bytes(), str(filled), model)
    return [describe(p, lang) for p in answers.problems]


def figure(form: Path, key: str) -> tuple[str, str]:
    return ("年报", where(form).cells[key])


def event(form: Path, column: str, row: int = 0) -> tuple[str, str]:
    block = next(b for b in where(form).blocks if b.key == "events")
    return (block.sheet, f"{block.columns[column]}{block.first + row}")


def test_text_in_a_number_cell(round_root: Path, form: Path, tmp_path: Path) -> None:
    sheet, cell = figure(form, "academic.participants")
    found = problems(round_root, form, tmp_path, {(sheet, cell): "约300人"})
    assert found == [f"工作表“年报”单元格 {cell}（填的是“约300人”）：不是数字；应填写不小于 0 的整数，如 12"]


def test_a_negative_count(round_root: Path, form: Path, tmp_path: Path) -> None:
    sheet, cell = figure(form, "academic.events")
    found = problems(round_root, form, tmp_path, {(sheet, cell): -3})
    assert found == [f"工作表“年报”单元格 {cell}（填的是“-3”）：不能是负数；应填写不小于 0 的整数，没有的填 0"]


def test_a_fraction_and_a_huge_number(round_root: Path, form: Path, tmp_path: Path) -> None:
    a, b = figure(form, "academic.events")[1], figure(form, "popular.audience")[1]
    found = problems(round_root, form, tmp_path, {("年报", a): 2.5, ("年报", b): 10**9})
    assert found == [
        f"工作表“年报”单元格 {a}（填的是“2.5”）：不是整数；应填写不小于 0 的整数",
        f"工作表“年报”单元格 {b}（填的是“1000000000”）：超过上限 100000000；请核对单位和数位",
    ]


def test_numbers_typed_as_text_are_read(round_root: Path, form: Path, tmp_path: Path) -> None:
    filled = fill(
        form, tmp_path / "f.xlsx", {figure(form, "popular.audience"): "25,000", figure(form, "standards"): "２"}
    )
    (answers,) = read_workbook(filled.read_bytes(), "f", form_model(SchemaSet(round_root)))
    assert answers.problems == []
    assert answers.values["popular.audience"] == 25000 and answers.values["standards"] == 2


def test_a_date_outside_the_year_and_not_a_date(round_root: Path, form: Path, tmp_path: Path) -> None:
    cells = {
        event(form, "date"): dt.datetime(2025, 12, 30),
        event(form, "title"): "年会",
        event(form, "date", 1): "五月",
        event(form, "title", 1): "论坛",
    }
    found = problems(round_root, form, tmp_path, cells)
    first, second = event(form, "date")[1], event(form, "date", 1)[1]
    assert found == [
        f"工作表“活动”单元格 {first}（填的是“2025-12-30”）：不在2026年内；应填写2026年的日期",
        f"工作表“活动”单元格 {second}（填的是“五月”）：不是日期；应填写 YYYY-MM-DD 格式的日期，如 2026-05-20",
    ]


def test_a_bad_dropdown_value(round_root: Path, form: Path, tmp_path: Path) -> None:
    cells = {event(form, "date"): dt.datetime(2026, 5, 20), event(form, "title"): "年会", event(form, "level"): "乡级"}
    found = problems(round_root, form, tmp_path, cells)
    assert found == [
        f"工作表“活动”单元格 {event(form, 'level')[1]}（填的是“乡级”）："
        "不是可选的值；应从下拉列表中选择：国家级、省级、市级、区县级"
    ]


def test_a_bad_yes_no(round_root: Path, form: Path, tmp_path: Path) -> None:
    block = next(b for b in where(form).blocks if b.key == "funding.services")
    row = block.first
    cells = {
        (block.sheet, f"{block.columns['function']}{row}"): "科技成果评价",
        (block.sheet, f"{block.columns['transferred']}{row}"): "也许",
    }
    found = problems(round_root, form, tmp_path, cells)
    assert found == [
        f"工作表“{block.sheet}”单元格 {block.columns['transferred']}{row}（填的是“也许”）：应填写“是”或“否”"
    ]


def test_a_row_without_its_required_field(round_root: Path, form: Path, tmp_path: Path) -> None:
    found = problems(round_root, form, tmp_path, {event(form, "title", 2): "科普讲座"})
    assert found == [f"工作表“活动”单元格 {event(form, 'date', 2)[1]}：“日期”未填写；本行已填其他内容，此项必填"]


def test_blank_rows_between_entries_are_skipped(round_root: Path, form: Path, tmp_path: Path) -> None:
    cells = {
        event(form, "date"): dt.datetime(2026, 5, 20),
        event(form, "title"): "年会",
        event(form, "date", 3): "2026-09-15",
        event(form, "title", 3): "科普日",
        event(form, "category", 3): "科普活动",
    }
    filled = fill(form, tmp_path / "f.xlsx", cells)
    (answers,) = read_workbook(filled.read_bytes(), "f", form_model(SchemaSet(round_root)))
    assert answers.problems == []
    assert answers.lists["events"] == [
        {"date": "2026-05-20", "title": "年会"},
        {"date": "2026-09-15", "title": "科普日", "category": "popular"},
    ]


def test_overlong_text(round_root: Path, form: Path, tmp_path: Path) -> None:
    cell = figure(form, "notes")
    found = problems(round_root, form, tmp_path, {cell: "备注" + "长" * 2000})
    assert found[0].endswith("超过 2000 个字；请精简")


def test_messages_in_english(round_root: Path, form: Path, tmp_path: Path) -> None:
    sheet, cell = figure(form, "academic.events")
    found = problems(round_root, form, tmp_path, {(sheet, cell): -3}, lang="en")
    assert found == [
        f"sheet '年报', cell {cell} (holds '-3'): cannot be negative; expected 0 or more (0 when there is none)"
    ]


def test_a_workbook_that_is_no_form(round_root: Path, tmp_path: Path) -> None:
    other = tmp_path / "其他.xlsx"
    Workbook().save(other)
    done = run_cli(["annual", "collect", str(other)], round_root)
    assert done.exit_code == 1
    assert f"{other}：不是 kexie annual forms 生成的年报表（缺少隐藏的“_kexie”工作表），未读取" in done.stderr


def test_a_file_that_is_no_workbook(round_root: Path, tmp_path: Path) -> None:
    other = tmp_path / "年报.xlsx"
    other.write_bytes(b"PK\x03\x04 not really")
    done = run_cli(["annual", "collect", str(other)], round_root)
    assert done.exit_code == 1
    assert "Traceback" not in done.stderr and str(other) in done.stderr


def test_a_number_below_the_schemas_minimum(round_root: Path, form: Path, tmp_path: Path) -> None:
    block = next(b for b in where(form).blocks if b.key == "popular.bases")
    year = f"{block.columns['recognised']}{block.first}"
    cells = {(block.sheet, f"{block.columns['name']}{block.first}"): "示例市医学科普馆", (block.sheet, year): 24}
    found = problems(round_root, form, tmp_path, cells)
    assert found == [f"工作表“{block.sheet}”单元格 {year}（填的是“24”）：小于下限 1900；如是年份请写四位数，如 2024"]
