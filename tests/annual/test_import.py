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
