"""Issue 28: control characters and long names never break a .docx; letters are written all or nothing."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

LONG = "长" * 300  # over the 255 characters of a Word core property
SETTINGS = f'registry: {LONG}\nletters:\n  contact: "张\\x01三"\n  phone: "0571\\x0b1234"\n'
FILES: dict[str, str | bytes] = {
    "records/societies/ceshi-xuehui.yaml": society(name='"测试\\x07学会\\x1b"'),
    "records/societies/yi-xuehui.yaml": society("yi-xuehui", "乙学会"),
}


def opened(path: Path) -> str:
    document: Any = Document(str(path))
    assert len(document.core_properties.title) <= 255 and len(document.core_properties.author) <= 255
    return "\n".join(p.text for p in document.paragraphs)


def test_letters_with_control_characters_and_a_long_registry_name(
    registry: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], registry(FILES, SETTINGS))
    assert run.exit_code == 0, run.stderr
    texts = [opened(path) for path in sorted(out.glob("*.docx"))]
    assert len(texts) == 2
    # shown as an escape, as in every other output (files are named by organisation: any order)
    assert sum("测试\\x07学会\\x1b" in text for text in texts) == 1


def test_report_docx_with_control_characters_and_a_long_registry_name(
    registry: Callable[..., Path], tmp_path: Path
) -> None:
    out = tmp_path / "r.docx"
    run = run_cli(["report", "--format", "docx", "-o", str(out), "--as-of", AS_OF], registry(FILES, SETTINGS))
    assert run.exit_code in (0, 1), run.stderr
    assert LONG[:200] in opened(out)


def test_letters_are_written_all_or_nothing(
    registry: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = registry(FILES)
    out = tmp_path / "out"
    real = os.fsync
    calls = [0]

    def fills_up(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 3:  # the disk is full at the third file
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fills_up)
    run = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], root)
    assert run.exit_code == 2, run.stderr
    assert "磁盘空间不足" in run.stderr or "No space" in run.stderr
    assert not out.exists() or not list(out.iterdir())  # no letter, no temporary file
