"""Issue 28: every template error is the "函件模板 … 第 N 行有误" message; `~` is bounded like `+`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.test_templates import letters, with_body


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 10**5000 }}",
        "{{ 1/0 }}",
        "{{ 10.0**400 }}",
        "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
        "{{ lipsum(2, min=0, max=0) }}",
        "{{ 5 // 0 }}",
        "{{ (1, 2)[5] }}",
    ],
)
def test_expression_errors_name_the_template_and_line(
    registry: Callable[..., Path], tmp_path: Path, expression: str
) -> None:
    root = letters(registry, tmp_path, with_body(expression))
    result = run_cli(["letters", "elections", "-o", str(tmp_path / "out"), "--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    assert "函件模板 templates/letters/election-overdue.j2 第 5 行有误" in result.stderr, result.stderr
    assert "内部错误" not in result.stderr and len(result.stderr) < 1000
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "expression",
    [
        "{% set a = 'x' * 900000 %}{{ a ~ a }}",
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
        "{{ ns.s|length }}",
    ],
)
def test_concatenation_is_bounded(registry: Callable[..., Path], tmp_path: Path, expression: str) -> None:
    root = letters(registry, tmp_path, with_body(expression))
    result = run_cli(["letters", "elections", "-o", str(tmp_path / "out"), "--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    assert "超过 1000000 个字符" in result.stderr and "第 5 行" in result.stderr
