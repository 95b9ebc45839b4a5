"""--output / -o that cannot be written: a clear message and exit 2, never an internal error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.robustness.records import GOOD_SOCIETY

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": GOOD_SOCIETY}

COMMANDS = [
    ["due-elections", "--format", "xlsx"],
    ["due-elections", "--format", "ics"],
    ["due-elections", "--format", "csv"],
    ["inspections", "--format", "xlsx"],
    ["party", "--format", "md"],
    ["list", "societies", "--format", "json"],
    ["summary", "--format", "xlsx"],
    ["summary", "levels", "--format", "csv"],
    ["sql", "SELECT 1", "--format", "xlsx"],
    ["export", "--format", "json"],
    ["export", "--format", "sqlite"],
    ["export", "--format", "xlsx"],
    ["export", "--format", "csv"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:3]))
def test_output_below_a_file(registry: Callable[..., Path], tmp_path: Path, args: list[str]) -> None:
    root = registry(FILES)
    blocker = tmp_path / "blocker"
    blocker.write_text("keep me", encoding="utf-8")
    target = blocker / "sub" / "out"
    result = run_cli([*args, "-o", str(target), "--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"无法写入 {target}"), result.stderr
    assert "内部错误" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_letters_into_a_folder_below_a_file(registry: Callable[..., Path], tmp_path: Path) -> None:
    overdue = GOOD_SOCIETY.replace("started: 2024-01-01", "started: 2020-01-01")
    root = registry({"records/societies/ceshi-xuehui.yaml": overdue})
    blocker = tmp_path / "blocker"
    blocker.write_text("keep me", encoding="utf-8")
    result = run_cli(["letters", "elections", "-o", str(blocker / "letters"), "--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    assert "无法写入" in result.stderr and "内部错误" not in result.stderr


def test_export_onto_a_folder_names_it(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FILES)
    folder = tmp_path / "existing"
    (folder / "inside").mkdir(parents=True)
    for fmt in ("json", "sqlite"):
        result = run_cli(["export", "--format", fmt, "-o", str(folder), "--lang", "en"], root)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.strip() == f"cannot write {folder}: it is a folder; give a file name"
    assert sorted(p.name for p in folder.iterdir()) == ["inside"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
