"""kexie find: simplified/traditional, pinyin initials, leaders and former names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.query.conftest import json_rows
from tests.query.small import FILES, SETTINGS


@pytest.fixture
def small(registry: Callable[..., Path]) -> Path:
    return registry(FILES, SETTINGS)


def found(root: Path, text: str) -> dict[str, tuple[str, str]]:
    run = run_cli(["find", text, "--format", "json"], root)
    assert run.exit_code == 0, run.stderr
    return {r["id"]: (r["field"], r["how"]) for r in json_rows(run)}


def test_traditional_input_finds_simplified_records(small: Path) -> None:
    assert found(small, "濟寧") == {"jining-yixuehui": ("name", "text")}
    assert found(small, "水利學會") == {"shuili-xuehui": ("name", "text"), "shuili-dangzhibu": ("name", "text")}


def test_pinyin_initials(small: Path) -> None:
    assert found(small, "slxh") == {"shuili-xuehui": ("name", "initials"), "shuili-dangzhibu": ("name", "initials")}
    assert found(small, "jnlyxh") == {"jining-yixuehui": ("name", "initials")}


def test_full_pinyin_and_id(small: Path) -> None:
    assert found(small, "jining") == {"jining-yixuehui": ("id", "id")}
    assert found(small, "huayuan") == {"jiedao-kexie": ("name", "pinyin")}


def test_leaders_former_names_and_supporting_units(small: Path) -> None:
    assert found(small, "单丽华") == {"jining-yixuehui": ("leader", "text")}
    assert found(small, "卫生学会") == {"jining-yixuehui": ("former_name", "text")}
    assert found(small, "水利局") == {"shuili-xuehui": ("supporting_unit", "text")}
    assert found(small, "陈静") == {"jining-yixuehui": ("liaison", "text")}
    assert found(small, "李院长") == {"jiedao-kexie": ("three_heads", "text")}
    # surname readings in initials: 曾国强 is zgq, not cgq
    assert found(small, "zgq") == {"shuili-xuehui": ("leader", "initials")}
    assert found(small, "cgq") == {}


def test_nothing_found_is_not_an_error(small: Path) -> None:
    run = run_cli(["find", "不存在的组织", "--format", "plain"], small)
    assert run.exit_code == 0 and "找到 0 条" in run.stdout


def test_sample_registry_initials() -> None:
    hits = found(REPO, "slxh")
    assert hits["shuili-xuehui"] == ("name", "initials")
