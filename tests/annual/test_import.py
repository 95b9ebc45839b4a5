"""``kexie import --kind annual``: last year's 年报 summary sheet into annual records, by the importer."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from ruamel.yaml import YAML

from tests.conftest import AS_OF, copy_sample, run_cli

SHEET: list[list[object]] = [
    ["2025年度各学会工作情况汇总表"],
    ["序号", "学会名称", "统一社会信用代码", "2025年学术活动场次", "参与人次", "科普活动", "受众", "新发展会员"],
    [1, "水利学会", None, 40, 2100, 6, "1,500", 30],  # name without the city prefix
    [2, "示例市不存在学会", None, 3, 100, None, None, None],
    [3, None, "USCC", 15, 800, None, None, 5],  # by 统一社会信用代码 only
    [None, "合计", None, 26, 3000, 8, 1800, 35],
]


def _book(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "汇总.xlsx"
    book.save(path)
    return path


def _load(path: Path) -> dict[str, object]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _uscc(root: Path, org: str) -> str:
    data = _load(root / "records" / "societies" / f"{org}.yaml")
    registration = data["registration"]
    assert isinstance(registration, dict)
    return str(registration["uscc"])


def test_import_creates_and_updates_annual_records(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    rows = [[(_uscc(root, "dili-xuehui") if c == "USCC" else c) for c in r] for r in SHEET]
    book = _book(tmp_path, rows)
    run = run_cli(["import", str(book), "--kind", "annual", "--as-of", AS_OF], root)
    assert run.exit_code == 1, run.stderr  # the unknown society is skipped
    assert "示例市不存在学会" in run.stdout
    shuili = _load(root / "records" / "annual" / "2025" / "shuili-xuehui-2025.yaml")
    assert shuili["academic"] == {**shuili["academic"], "events": 40, "participants": 2100}  # type: ignore[dict-item]
    assert shuili["popular"] == {**shuili["popular"], "events": 6, "audience": 1500}  # type: ignore[dict-item]
    dili = _load(root / "records" / "annual" / "2025" / "dili-xuehui-2025.yaml")
    assert dili["academic"] == {**dili["academic"], "events": 15}  # type: ignore[dict-item]
    again = run_cli(["import", str(book), "--kind", "annual", "--as-of", AS_OF], root)
    assert "新建 0 条，更新 0 条，无变化 2 条，跳过 1 条" in again.stdout  # a re-import changes nothing


def test_a_new_record_and_the_year_option(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    rows: list[list[object]] = [["学会名称", "学术活动场次", "参与人次"], ["示例市水利学会", 5, 400]]
    run = run_cli(["import", str(_book(tmp_path, rows)), "--kind", "annual", "--year", "2026", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    made = root / "records" / "annual" / "2026" / "shuili-xuehui-2026.yaml"
    data = _load(made)
    assert (data["id"], data["org"], data["year"], data["report"]) == (
        "shuili-xuehui-2026",
        "shuili-xuehui",
        2026,
        {"status": "submitted"},
    )
    assert data["academic"] == {"events": 5, "participants": 400}
    assert run_cli(["fmt", "--check"], root).exit_code == 0
    assert run_cli(["check", "--as-of", AS_OF, "--format", "json"], root).exit_code == 0


def test_no_year_anywhere_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    rows: list[list[object]] = [["学会名称", "学术活动场次"], ["示例市水利学会", 5]]
    run = run_cli(["import", str(_book(tmp_path, rows)), "--kind", "annual", "--as-of", AS_OF], root)
    assert run.exit_code == 2 and "--year" in run.stderr


def _figures(root: Path, org: str, year: int) -> dict[str, object]:
    academic = _load(root / "records" / "annual" / str(year) / f"{org}-{year}.yaml")["academic"]
    assert isinstance(academic, dict)
    return academic


def _years_book(tmp_path: Path) -> Path:
    """Years as columns, as 台账 keep them: a title row, 2024年 | 2025年 merged over their figures, a footnote."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "学会年报"
    sheet.append(["示例市科协所属学会2024—2025年度工作统计表"])
    sheet.append(["学会名称", "2024年", None, "2025年", None, "备注"])
    sheet.append([None, "学术活动场次", "参与人次", "学术活动场次", "参与人次", None])
    sheet.append(["水利学会", 31, 1501, 32, 1602, "含线上"])
    sheet.append(["注：数据来源于各学会年报"])
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("D2:E2")
    sheet.merge_cells("A2:A3")
    path = tmp_path / "两年.xlsx"
    book.save(path)
    return path


def test_years_as_columns_make_one_record_per_year(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    book = _years_book(tmp_path)
    run = run_cli(["import", str(book), "--kind", "annual", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "重复的列" not in run.stdout  # the 2025 columns are not dropped as duplicates of 2024's
    for year, events, participants in ((2024, 31, 1501), (2025, 32, 1602)):
        figures = _figures(root, "shuili-xuehui", year)
        assert (figures["events"], figures["participants"]) == (events, participants)
    again = run_cli(["import", str(book), "--kind", "annual", "--as-of", AS_OF], root)
    assert "新建 0 条，更新 0 条，无变化 2 条，跳过 0 条" in again.stdout, again.stdout


def test_year_option_takes_that_years_columns(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = _figures(root, "shuili-xuehui", 2024)
    run = run_cli(["import", str(_years_book(tmp_path)), "--kind", "annual", "--year", "2025", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert _figures(root, "shuili-xuehui", 2025)["events"] == 32
    assert _figures(root, "shuili-xuehui", 2024) == before
    book = _years_book(tmp_path)
    absent = run_cli(["import", str(book), "--kind", "annual", "--year", "2023", "--as-of", AS_OF], root)
    assert absent.exit_code == 2 and "2024、2025" in absent.stderr


def test_a_figure_without_a_year_among_several_years_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    rows: list[list[object]] = [
        ["学会名称", "2024年学术活动场次", "2025年学术活动场次", "参与人次"],
        ["水利学会", 1, 2, 3],
    ]
    run = run_cli(["import", str(_book(tmp_path, rows)), "--kind", "annual", "--as-of", AS_OF], root)
    assert run.exit_code == 2 and "参与人次" in run.stderr, run.stderr


def test_a_sheet_per_year(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "2024年"
    for sheet, events in ((first, 41), (book.create_sheet("2025年度"), 42)):
        sheet.append(["学会名称", "学术活动场次"])
        sheet.append(["水利学会", events])
    path = tmp_path / "分年.xlsx"
    book.save(path)
    before = _figures(root, "shuili-xuehui", 2025)
    plain = run_cli(["import", str(path), "--kind", "annual", "--as-of", AS_OF], root)
    assert plain.exit_code == 2 and "--year" in plain.stderr  # which year? never a guess
    run = run_cli(["import", str(path), "--kind", "annual", "--year", "2024", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert _figures(root, "shuili-xuehui", 2024)["events"] == 41  # the 2024 sheet, not the first-best one
    assert _figures(root, "shuili-xuehui", 2025) == before
    run = run_cli(["import", str(path), "--kind", "annual", "--year", "2025", "--as-of", AS_OF], root)
    assert _figures(root, "shuili-xuehui", 2025)["events"] == 42


def test_a_title_year_and_a_row_year_that_disagree(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = _figures(root, "shuili-xuehui", 2024)
    rows: list[list[object]] = [
        ["2025年度各学会工作情况汇总表"],
        ["学会名称", "年度", "学术活动场次"],
        ["水利学会", 2024, 7],  # says 2024 under a 2025 title: skipped, not written into either year
        ["示例市地理学会", 2025, 30],
    ]
    run = run_cli(["import", str(_book(tmp_path, rows)), "--kind", "annual", "--as-of", AS_OF], root)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "本行年度为 2024" in run.stdout
    assert _figures(root, "shuili-xuehui", 2024) == before
    assert _figures(root, "dili-xuehui", 2025)["events"] == 30


def test_the_report_names_fields_in_chinese_and_paths_in_english(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    book = _years_book(tmp_path)
    zh = run_cli(["import", str(book), "--kind", "annual", "--dry-run", "--as-of", AS_OF], root)
    assert "2025年/参与人次→学术活动·参与人次" in zh.stdout and "学会名称→全称" in zh.stdout
    assert "academic." not in zh.stdout and "→name" not in zh.stdout
    en = run_cli(["import", str(book), "--kind", "annual", "--dry-run", "--lang", "en", "--as-of", AS_OF], root)
    assert "academic.participants" in en.stdout
