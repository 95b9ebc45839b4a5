"""``kexie set`` takes a Chinese label for an enumeration, and names types in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from kexie_cli.edit.tree import enum_code, parse_value
from kexie_cli.errors import KexieError
from kexie_cli.registry.load import Registry
from tests.conftest import AS_OF, run_cli, write_registry
from tests.edit.test_commands import CELL, FILE, SOCIETY


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {FILE: SOCIETY, "records/party-cells/wuli-xuehui-dangzhibu.yaml": CELL})


def test_set_level_by_its_label(root: Path) -> None:
    result = run_cli(["set", "wuli-xuehui", "level", "省级", "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    text = (root / FILE).read_text(encoding="utf-8")
    assert "level: provincial\n" in text
    assert "省级" not in text


def test_set_discipline_by_its_label_and_a_role_by_either_name(root: Path) -> None:
    assert run_cli(["set", "wuli-xuehui", "discipline", "工科", "--as-of", AS_OF], root).exit_code == 0
    assert "discipline: engineering\n" in (root / FILE).read_text(encoding="utf-8")

    schemas = Registry.open(root).schemas
    role = schemas.node("society", ("leaders", 0, "role"))
    assert enum_code("主席", role) == "chair"
    assert enum_code("理事长", role) == "chair"


def test_type_errors_name_the_type_in_chinese(root: Path) -> None:
    result = run_cli(["set", "wuli-xuehui", "term.years", "五年", "--as-of", AS_OF], root)
    assert result.exit_code == 2
    assert "不是整数" in result.stderr
    assert "integer" not in result.stderr
    english = run_cli(["set", "wuli-xuehui", "term.years", "five", "--as-of", AS_OF, "--lang", "en"], root)
    assert "is not of type integer" in english.stderr


def test_enum_code_reads_codes_and_labels() -> None:
    schema = {"enum": ["township", "village"], "x-labels": {"township": "街道/乡镇科协", "village": "村/社区科协"}}
    assert enum_code("街道/乡镇科协", schema) == "township"
    assert enum_code("乡镇科协", schema) == "township"
    assert enum_code("village", schema) == "village"
    assert enum_code("火星", schema) is None
    assert parse_value("火星", {"type": "string", **schema}) == "火星"  # left to the schema check (K103)
    with pytest.raises(KexieError) as caught:
        parse_value("x", {"type": ["integer", "null"]})
    assert caught.value.render("zh") == "值 'x' 不是整数或空值"
