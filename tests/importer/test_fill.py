"""``--set FIELD=VALUE`` fills what the sheet lacks; the report ends with the required fields still missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, run_cli, write_registry

SETTINGS = "registry: 星河市科学技术协会\n"


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {}, SETTINGS)


def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "s.csv"
    path.write_text("学会名称,成立时间,学科类别\n星河市物理学会,1965,理科\n星河市农学会,1980,\n", encoding="utf-8")
    return path


def test_set_fills_every_row_with_a_label_or_a_code(reg: Path, tmp_path: Path) -> None:
    args = ["import", str(sheet(tmp_path)), "--kind", "society", "--as-of", AS_OF, "--format", "json"]
    run = run_cli([*args, "--set", "level=市级", "--set", "discipline=agriculture"], reg)
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["constants"] == {"level": "municipal", "discipline": "agriculture"}
    records = {}
    for row in report["rows"]:
        loaded = load_text((reg / row["file"]).read_text(encoding="utf-8"))
        assert loaded.data is not None
        records[row["name"]] = loaded.data
    assert records["星河市物理学会"]["level"] == "municipal"
    assert records["星河市物理学会"]["discipline"] == "science"  # the sheet's own value wins
    assert records["星河市农学会"]["discipline"] == "agriculture"
    assert report["missing_required"] == [{"field": "registration.uscc", "records": 2}]


@pytest.mark.parametrize("item", ["level", "level=省市级", "nosuch=1", "name=甲", "leaders=张三"])
def test_a_bad_set_is_a_usage_error(reg: Path, tmp_path: Path, item: str) -> None:
    run = run_cli(["import", str(sheet(tmp_path)), "--kind", "society", "--set", item], reg)
    assert run.exit_code == 2
    assert "--set" in run.stderr
    assert not (reg / "records").exists() or not any((reg / "records").rglob("*.yaml"))


def test_the_report_ends_with_the_missing_required_fields_and_how_to_fill_them(reg: Path, tmp_path: Path) -> None:
    run = run_cli(["import", str(sheet(tmp_path)), "--kind", "society", "--as-of", AS_OF], reg)
    assert run.exit_code == 0
    tail = run.stdout.splitlines()[-4:]
    assert tail[0] == "导入的记录仍缺必填字段（K101）："
    assert tail[1].startswith(
        f"  级别：2 条；各行相同时用 kexie import {tmp_path / 's.csv'} --kind society --set level=…"
    )
    assert tail[2] == "  登记信息·统一社会信用代码：2 条；逐条用 kexie set <标识符> registration.uscc <值> 补齐"
    assert tail[3].startswith("  学科类别：1 条；")
