"""Attack 1: record ids never become paths (letters, edit commands)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

EVIL_ID = "../../../../pwned-letter"


def test_letter_for_a_record_with_a_path_id_is_not_written(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(
        {
            "records/societies/pwned-letter.yaml": society(record_id=EVIL_ID),
            "records/societies/ceshi-xuehui.yaml": society(),
        }
    )
    out = tmp_path / "out" / "a" / "b"
    result = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    everything = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*pwned*"))
    assert everything == ["reg/records/societies/pwned-letter.yaml"]  # nothing written anywhere else
    assert sorted(p.name for p in out.iterdir()) == [
        "ceshi-xuehui-election-overdue.docx",
        "ceshi-xuehui-election-overdue.md",
    ]
    assert "pwned-letter.yaml" in result.stderr and "未生成函件" in result.stderr


def test_letters_are_named_from_the_file_not_the_id(registry: Callable[..., Path], tmp_path: Path) -> None:
    # a valid slug that differs from the file name (K005): the letter is named after the file
    root = registry({"records/societies/ceshi-xuehui.yaml": society(record_id="qita-xuehui")})
    result = run_cli(["letters", "elections", "-o", str(tmp_path / "l"), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "l").iterdir())[0].startswith("ceshi-xuehui-")


def test_inspection_letters_skip_bad_ids(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry({"records/societies/pwned-letter.yaml": society(record_id=EVIL_ID)})
    result = run_cli(["letters", "inspections", "-o", str(tmp_path / "l" / "x"), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.md"))
    assert "未生成函件" in result.stderr


EDITS = {
    "set": ["set", "{id}", "name", "新名称"],
    "unset": ["unset", "{id}", "leaders.1"],
    "elect": ["elect", "{id}", "--date", "2026-01-01", "--chair", "王五"],
    "extend": ["extend", "{id}", "--until", "2025-06-01", "--approved", "2024-12-01"],
    "inspect": ["inspect", "{id}", "--year", "2025", "--result", "pass"],
}
BAD_IDS = ["../../outside/x", "/tmp/x", "CAPS", "a", "ceshi-xuehui\n"]


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("command", list(EDITS))
def test_edit_commands_refuse_ids_that_are_not_slugs(registry: Callable[..., Path], command: str, bad: str) -> None:
    outside = society(record_id="ceshi-xuehui")
    root = registry({"records/societies/ceshi-xuehui.yaml": society(), "outside/x.yaml": outside})
    (root / "records" / "societies" / "CAPS.yaml").write_text(society(), encoding="utf-8")
    (root / "records" / "societies" / "a.yaml").write_text(society(), encoding="utf-8")
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    args = [part.replace("{id}", bad) for part in EDITS[command]]
    result = run_cli([*args, "--as-of", AS_OF], root)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "无效的 id" in result.stderr
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before  # nothing touched, not even a lock file
