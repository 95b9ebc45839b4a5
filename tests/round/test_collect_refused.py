"""A returned form with a bad cell is merged not at all; a marked copy goes back (docs/annual.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from kexie_cli.annual.marked import MARK_FILL
from tests.conftest import run_cli
from tests.round.conftest import fill
from tests.round.test_cells import event, figure


def forms(root: Path, out: Path) -> Path:
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(out)], root)
    assert done.exit_code == 0, done.stderr
    return next(Path(p) for p in done.stdout.splitlines() if "医学会" in p)


def test_bad_cells_are_named_marked_and_nothing_is_merged(round_root: Path, tmp_path: Path) -> None:
    form = forms(round_root, tmp_path / "out")
    bad = figure(form, "academic.events")
    cells = {
        bad: -3,
        figure(form, "academic.participants"): 3400,  # a good cell: not merged either
        event(form, "date"): dt.datetime(2025, 5, 20),
        event(form, "title"): "年会",
    }
    returned = fill(form, tmp_path / "医学会年报（改过名）.xlsx", cells)
    done = run_cli(["annual", "collect", str(returned), "--as-of", "2027-03-10"], round_root)
    assert done.exit_code == 1
    marked = tmp_path / "医学会年报（改过名）-退回修改.xlsx"
    assert f"{returned}：2 处填写有误，整份未录入；已标注的表格：{marked}" in done.stdout
    assert f"工作表“年报”单元格 {bad[1]}（填的是“-3”）：不能是负数" in done.stdout
    assert not (round_root / "records" / "annual").exists()
    book = load_workbook(marked)
    cell = book["年报"][bad[1]]
    assert cell.fill.fgColor.rgb.endswith(MARK_FILL)
    assert cell.comment is not None and "不能是负数" in cell.comment.text
    date_cell = book["活动"][event(form, "date")[1]]
    assert date_cell.comment is not None and "不在2026年内" in date_cell.comment.text
    assert book["年报"][figure(form, "academic.participants")[1]].comment is None
    assert load_workbook(returned)["年报"][bad[1]].comment is None  # the original is left alone


def test_the_marked_copy_goes_to_returns_and_reads_back_as_a_form(round_root: Path, tmp_path: Path) -> None:
    form = forms(round_root, tmp_path / "out")
    returned = fill(form, tmp_path / "a.xlsx", {figure(form, "standards"): "两项"})
    done = run_cli(["annual", "collect", str(returned), "--returns", str(tmp_path / "back")], round_root)
    assert done.exit_code == 1
    marked = tmp_path / "back" / "a-退回修改.xlsx"
    assert marked.is_file() and not (tmp_path / "a-退回修改.xlsx").exists()
    again = run_cli(["annual", "collect", str(marked), "--dry-run"], round_root)
    assert again.exit_code == 1
    assert "1 处填写有误，整份不会录入（--dry-run，未写标注表格）" in again.stdout


def test_english_report(round_root: Path, tmp_path: Path) -> None:
    form = forms(round_root, tmp_path / "out")
    returned = fill(form, tmp_path / "a.xlsx", {figure(form, "standards"): -1})
    done = run_cli(["annual", "collect", str(returned), "--lang", "en"], round_root)
    assert done.exit_code == 1
    assert f"{returned}: 1 bad cells; nothing merged." in done.stdout
    assert "cannot be negative" in done.stdout
    assert "1 files: 0 merged, 0 unchanged, 1 refused" in done.stderr


def test_dry_run_merges_nothing_and_says_so(round_root: Path, tmp_path: Path) -> None:
    form = forms(round_root, tmp_path / "out")
    good = fill(form, tmp_path / "good.xlsx", {figure(form, "standards"): 2})
    done = run_cli(["annual", "collect", str(good), "--dry-run", "--as-of", "2027-03-10"], round_root)
    assert done.exit_code == 0
    created = "新建 records/annual/2026/binjiang-yixuehui-2026.yaml（--dry-run：未写入）"
    assert f"示例市滨江区医学会：2026年度年报已录入，{created}" in done.stdout
    assert not (round_root / "records" / "annual").exists()


def test_a_year_nobody_reports_for(round_root: Path, tmp_path: Path) -> None:
    done = run_cli(["annual", "forms", "--year", "1900", "-o", str(tmp_path / "out")], round_root)
    assert done.exit_code == 0 and done.stdout == ""
    assert "1900年度没有需要报送年报的单位" in done.stderr
