"""Issue 28: record text never puts raw HTML or a link into Markdown output (report, letters, tables)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import quoted, society

NAME = "<script>alert(1)</script><img src=x onerror=alert(2)>[点此](javascript:alert(3))&学会"


def hostile(registry: Callable[..., Path]) -> Path:
    """A society and the registry itself (kexie.yaml ``registry``, in titles and letters) named with HTML."""
    settings = f"registry: {quoted(NAME)}\n"
    return registry({"records/societies/ceshi-xuehui.yaml": society(name=quoted(NAME))}, settings)


def assert_inert(text: str) -> None:
    assert "<script" not in text and "<img" not in text
    assert "[点此](javascript:" not in text  # "[" is an entity: no link
    assert "&学会" not in text  # & itself is an entity
    assert "&lt;script&gt;" in text  # the text is still there, for a reader to see


def test_md_report(registry: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    result = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF], hostile(registry))
    assert result.exit_code in (0, 1), result.stderr
    assert_inert(out.read_text(encoding="utf-8"))


def test_md_letters(registry: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "letters"
    result = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], hostile(registry))
    assert result.exit_code == 0, result.stderr
    (md,) = out.glob("*.md")
    assert_inert(md.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["list", "societies"], ["due-elections"], ["check"]], ids=lambda a: a[0])
def test_md_tables(registry: Callable[..., Path], args: list[str]) -> None:
    root = hostile(registry)
    if args == ["check"]:  # a finding whose message carries the value
        (root / "records/societies/ceshi-xuehui.yaml").write_text(
            society().replace("level: municipal", f"level: {quoted(NAME)}"), encoding="utf-8"
        )
    result = run_cli([*args, "--as-of", AS_OF, "--format", "md"], root)
    assert result.exit_code in (0, 1), result.stderr
    assert_inert(result.stdout)
