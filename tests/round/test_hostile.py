"""Returned workbooks that are not what they claim: refused with a reason, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from kexie_cli.annual.layout import HIDDEN_SHEET
from tests.conftest import run_cli
from tests.round.conftest import fill
from tests.round.test_cells import figure


@pytest.fixture
def form(round_root: Path, tmp_path: Path) -> Path:
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(tmp_path / "out")], round_root)
    assert done.exit_code == 0, done.stderr
    return next(Path(p) for p in done.stdout.splitlines() if "医学会" in p)


def tampered(form: Path, target: Path, row: int, column: int, value: object) -> Path:
    book = load_workbook(form)
    book[HIDDEN_SHEET].cell(row, column, value)
    book.save(target)
    return target


def renamed(form: Path, target: Path, org: str) -> Path:
    """The form with another organisation's id in every row of the hidden sheet."""
    book = load_workbook(form)
    hidden = book[HIDDEN_SHEET]
    for row in range(2, hidden.max_row + 1):
        hidden.cell(row, 2, org)
    book.save(target)
    return target


def collect(root: Path, *files: Path) -> tuple[int, str]:
    done = run_cli(["annual", "collect", *map(str, files)], root)
    assert "Traceback" not in done.stderr
    return done.exit_code, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        (2, 3, 99999),  # a year no date can hold
        (2, 3, "二〇二六"),
        (1, 1, "something else"),  # not kexie's mark
    ],
)
def test_a_hidden_sheet_that_is_not_a_forms_is_refused(
    round_root: Path, form: Path, tmp_path: Path, row: int, column: int, value: object
) -> None:
    bad = tampered(form, tmp_path / "x.xlsx", row, column, value)
    code, text = collect(round_root, bad)
    assert code == 1
    assert f"{bad}：不是 kexie annual forms 生成的年报表" in text


def test_a_list_block_reaching_past_the_row_limit_is_refused(round_root: Path, form: Path, tmp_path: Path) -> None:
    book = load_workbook(form)
    hidden = book[HIDDEN_SHEET]
    row = next(r for r in range(1, hidden.max_row + 1) if hidden.cell(r, 1).value == "list")
    hidden.cell(row, 7, 10**9)  # "read rows up to 1,000,000,000"
    book.save(tmp_path / "x.xlsx")
    code, text = collect(round_root, tmp_path / "x.xlsx")
    assert code == 1 and "不是 kexie annual forms 生成的年报表" in text


def test_an_organisation_the_registry_does_not_know(round_root: Path, form: Path, tmp_path: Path) -> None:
    bad = renamed(form, tmp_path / "x.xlsx", "../../kexie")
    code, text = collect(round_root, bad)
    assert code == 1
    assert f"{bad}：台账中没有组织 ../../kexie，未读取" in text
    assert not (round_root / "records" / "annual").exists()


def test_an_organisation_that_does_not_report(round_root: Path, form: Path, tmp_path: Path) -> None:
    bad = renamed(form, tmp_path / "x.xlsx", "baoyushi-xuehui")  # revoked
    code, text = collect(round_root, bad)
    assert code == 1
    assert "示例市宝玉石学会无需报送2026年度年报（非正常状态或当年之后成立），未读取" in text


def test_the_same_organisation_twice_in_one_run(round_root: Path, form: Path, tmp_path: Path) -> None:
    first = fill(form, tmp_path / "a.xlsx", {figure(form, "standards"): 1})
    second = fill(form, tmp_path / "b.xlsx", {figure(form, "standards"): 2})
    code, text = collect(round_root, first, second)
    assert code == 1
    assert f"{second}：本次已收取示例市滨江区医学会的2026年度年报，同一单位只取第一份，未读取" in text
    record = (round_root / "records/annual/2026/binjiang-yixuehui-2026.yaml").read_text(encoding="utf-8")
    assert "standards: 1\n" in record


def test_a_field_the_schema_no_longer_has(round_root: Path, form: Path, tmp_path: Path) -> None:
    book = load_workbook(form)
    hidden = book[HIDDEN_SHEET]
    row = next(r for r in range(1, hidden.max_row + 1) if hidden.cell(r, 3).value == "standards")
    hidden.cell(row, 3, "retired_figure")
    book.save(tmp_path / "old.xlsx")
    code, text = collect(round_root, tmp_path / "old.xlsx")
    assert code == 1
    assert "：“retired_figure”不是当前年报的项目（表格由旧版本生成）；请用 kexie annual forms 重新生成" in text


def test_control_characters_in_a_text_cell(round_root: Path, form: Path, tmp_path: Path) -> None:
    bad = fill(form, tmp_path / "x.xlsx", {figure(form, "notes"): "备\x85注"})
    code, text = collect(round_root, bad)
    assert code == 1
    assert f"单元格 {figure(form, 'notes')[1]}（填的是“备?注”）：含有不可见的控制字符；请重新输入" in text


def test_an_old_xls_renamed(round_root: Path, tmp_path: Path) -> None:
    old = tmp_path / "年报.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, text = collect(round_root, old)
    assert code == 1 and str(old) in text


def test_a_merge_that_would_add_an_error_is_refused(round_root: Path, form: Path, tmp_path: Path) -> None:
    """The id is taken by a file filed under another name: merging would make it a duplicate (K201)."""
    stray = round_root / "records/annual/2026/yixuehui-2026.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text("id: binjiang-yixuehui-2026\nkind: annual\norg: binjiang-yixuehui\nyear: 2026\n", encoding="utf-8")
    good = fill(form, tmp_path / "x.xlsx", {figure(form, "standards"): 1})
    code, text = collect(round_root, good)
    assert code == 1
    assert f"{good}：录入后台账会出现新的错误，整份未录入：" in text
    assert "K201" in text
    assert not (round_root / "records/annual/2026/binjiang-yixuehui-2026.yaml").exists()
