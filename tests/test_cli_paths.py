"""A PATH argument that does not exist is a usage error, not "no findings"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.robustness.records import GOOD_SOCIETY

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": GOOD_SOCIETY}


@pytest.mark.parametrize("command", ["check", "fmt"])
def test_missing_path_is_a_usage_error(registry: Callable[..., Path], command: str) -> None:
    root = registry(FILES)
    result = run_cli([command, str(root / "records" / "societes")], root)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"路径不存在：{root / 'records' / 'societes'}"
