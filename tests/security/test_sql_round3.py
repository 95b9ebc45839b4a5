"""Issue 28: `sql --timeout nan` is refused; printf/format widths are bounded (the C call is not interruptible)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.security.hostile import society

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": society()}


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan"])
def test_timeout_must_be_a_number(registry: Callable[..., Path], value: str) -> None:
    result = run_cli(["sql", "select 1", "--timeout", value], registry(FILES))
    assert result.exit_code == 2
    assert "不是有限的数" in result.stderr


@pytest.mark.parametrize(
    "query",
    [
        "select printf('%.*c', 2000000000, 'x')",
        "select format('%2000000000d', 1)",
        "select printf('%*s', -2000000000, 'x')",
        "select printf('%.*c', '2000000000', 'x')",
        "select printf('%.*c', x, 'y') from (select 2000000000 as x)",
    ],
)
def test_huge_printf_width_is_refused(registry: Callable[..., Path], query: str) -> None:
    result = run_cli(["sql", query, "--timeout", "1"], registry(FILES))
    assert result.exit_code == 1, result.stderr
    assert "宽度或精度超过 10000" in result.stderr


def test_printf_still_formats(registry: Callable[..., Path]) -> None:
    query = "select printf('%5.2f|%-4d|%s|%%|%.3c', 3.14159, 42, id, 'z') as a, format('%03d', 7) as b from societies"
    result = run_cli(["sql", query, "--format", "json"], registry(FILES))
    assert result.exit_code == 0, result.stderr
    assert result.json() == [{"a": " 3.14|42  |ceshi-xuehui|%|zzz", "b": "007"}]
