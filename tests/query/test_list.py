"""kexie list: filters, derived fields, sorting, columns and errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import AS_OF, run_cli
from tests.query.conftest import json_rows
from tests.query.small import FILES, SETTINGS


@pytest.fixture
def small(registry: Callable[..., Path]) -> Path:
    return registry(FILES, SETTINGS)


def rows(root: Path, *args: str) -> list[dict[str, Any]]:
    run = run_cli(["list", *args, "--format", "json", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert isinstance(data, list)
    return data


def ids(root: Path, *args: str) -> list[str]:
    return [r["id"] for r in rows(root, *args)]


def test_default_listing_sorted_by_pinyin_name(small: Path) -> None:
    # 济宁路医学会 (ji) before 测试市旧学会 / 测试市水利学会 (ce)? No: ce < ji.
    assert ids(small, "societies") == ["old-xuehui", "shuili-xuehui", "jining-yixuehui"]


def test_where_on_fields_and_labels(small: Path) -> None:
    assert ids(small, "societies", "--where", "level=municipal") == ["old-xuehui", "shuili-xuehui"]
    assert ids(small, "societies", "--where", "discipline=医科") == ["jining-yixuehui"]
    assert ids(small, "societies", "-w", "level=district|national") == ["jining-yixuehui"]
    assert ids(small, "societies", "-w", "name~水利") == ["shuili-xuehui"]
    assert ids(small, "societies", "-w", "name~水利學會") == ["shuili-xuehui"]
    assert ids(small, "societies", "-w", "status!=revoked", "-w", "members.individual>=200") == ["shuili-xuehui"]


def test_where_on_derived_fields(small: Path) -> None:
    assert ids(small, "societies", "-w", "stars.latest>=5") == ["old-xuehui", "shuili-xuehui"]
    # the 2020 rating of jining-yixuehui is more than 3 years old: no stars in force
    assert ids(small, "societies", "-w", "stars.in_force>=1") == ["old-xuehui", "shuili-xuehui"]
    assert ids(small, "societies", "-w", "term.ends<2027-01-01") == ["jining-yixuehui"]
    # both terms end within the 6-month lead time (2026-12-01 and 2027-01-10)
    assert ids(small, "societies", "-w", "term.state=due") == ["shuili-xuehui", "jining-yixuehui"]
    assert ids(small, "societies", "-w", "covered=true") == ["shuili-xuehui"]
    assert ids(small, "societies", "-w", "covered_by=shuili-dangzhibu") == ["shuili-xuehui"]
    assert ids(small, "societies", "-w", "inspection.report=fail") == ["jining-yixuehui"]
    assert ids(small, "societies", "-w", "chair.age>=65") == ["jining-yixuehui"]
    assert ids(small, "societies", "-w", "liaison.name=") == ["old-xuehui", "shuili-xuehui"]
    assert ids(small, "branches", "-w", "district=qu-kexie") == ["jiedao-kexie", "qu-kexie"]


def test_list_valued_paths_match_any_entry(small: Path) -> None:
    assert ids(small, "societies", "-w", "leaders.name=张旧") == ["jining-yixuehui"]
    assert ids(small, "societies", "-w", "leaders.name!=张旧", "-w", "status=active") == ["shuili-xuehui"]


def test_columns_and_derived_values(small: Path) -> None:
    found = rows(small, "societies", "-w", "id=shuili-xuehui", "-c", "name,chair,chair.age,term.ends,stars.latest")
    assert found == [
        {"name": "测试市水利学会", "chair": "曾国强", "chair.age": 60, "term.ends": "2027-01-10", "stars.latest": 5}
    ]


def test_sort_descending_and_by_strokes(small: Path) -> None:
    assert ids(small, "societies", "--sort", "-members.individual") == [
        "shuili-xuehui",
        "jining-yixuehui",
        "old-xuehui",
    ]
    names = [r["name"] for r in rows(small, "leaders", "-c", "name")]
    # surname readings: 盖 gě, 区 ōu, 单 shàn, 王 wáng, 曾 zēng (the common readings would give dan, ceng, gai, qu)
    assert names == ["盖文", "区小平", "单丽华", "王小明", "曾国强"]
    by_strokes = [r["name"] for r in rows(small, "leaders", "-c", "name", "--order", "strokes")]
    # strokes: 区 4 小 3 平 5, 王 4 小 3 明 8, 单 8, 盖 11, 曾 12
    assert by_strokes == ["区小平", "王小明", "单丽华", "盖文", "曾国强"]


def test_leaders_are_current_holders_of_live_records(small: Path) -> None:
    found = rows(small, "leaders", "-w", "role=chair", "-c", "org_id,name")
    assert {(r["org_id"], r["name"]) for r in found} == {
        ("shuili-xuehui", "曾国强"),
        ("jining-yixuehui", "单丽华"),
        ("qu-kexie", "区小平"),
    }


def test_plain_output_has_chinese_headers_and_labels(small: Path) -> None:
    run = run_cli(["list", "societies", "--format", "plain", "--as-of", AS_OF], small)
    assert run.exit_code == 0
    assert "全称" in run.stdout and "级别" in run.stdout and "市级" in run.stdout and "共 3 条" in run.stdout


@pytest.mark.parametrize(
    ("expr", "message", "caret"),
    [
        ("levle=municipal", "没有字段 levle", "  ^^^^^"),
        ("stars.latest>=abc", "abc 不是整数", "                ^^^"),
        ("level=城市", "城市 不是可选值", "        ^^^^"),
        ("term.ends<2027-13-01", "不是日期", "            ^^^^^^^^^^"),
        ("level", "缺少比较符", "       ^"),
        ("name>3", "比较符 > 不适用", "      ^"),
    ],
)
def test_invalid_where_points_at_the_bad_part(small: Path, expr: str, message: str, caret: str) -> None:
    run = run_cli(["list", "societies", "--where", expr], small)
    assert run.exit_code == 2
    lines = run.stderr.splitlines()
    assert message in lines[0]
    assert lines[1] == "  " + expr
    assert lines[2] == caret


def test_unknown_kind_and_columns(small: Path) -> None:
    assert run_cli(["list", "people"], small).exit_code == 2
    run = run_cli(["list", "societies", "--columns", "name,nope"], small)
    assert run.exit_code == 2 and "--columns" in run.stderr and "nope" in run.stderr


def test_fields_lists_schema_and_derived_fields(small: Path) -> None:
    run = run_cli(["list", "societies", "--fields", "--format", "json"], small)
    assert run.exit_code == 0
    fields = {r["field"]: r for r in json_rows(run)}
    assert fields["registration.uscc"]["label"] == "统一社会信用代码"
    assert fields["term.ends"]["derived"] is True
    assert fields["leaders.name"]["many"] is True


def test_list_to_xlsx(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    run = run_cli(["list", "societies", "--format", "xlsx", "--output", str(target), "--as-of", AS_OF], small)
    assert run.exit_code == 0, run.stderr
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[2]][:3] == ["标识符", "全称", "级别"]
