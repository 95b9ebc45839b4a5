"""Attack 1: record ids never become paths (letters, edit commands)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kexie_cli.outfile import safe_file_name
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
        "测试市测试学会-换届催办函.docx",
        "测试市测试学会-换届催办函.md",
    ]
    assert "pwned-letter.yaml" in result.stderr and "未生成函件" in result.stderr


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../outside/x", "／..／outside／x-换届催办函"),
        ("CON", "CON-换届催办函"),  # only CON itself (and CON.docx) is reserved
        ('a<b>:"c"|?*', "a＜b＞：＂c＂｜？＊-换届催办函"),
        ("测试" * 60, "测试" * 25),
    ],
)
def test_letters_named_after_a_hostile_name_stay_in_the_folder(
    registry: Callable[..., Path], tmp_path: Path, name: str, stem: str
) -> None:
    """Letters are named after the organisation (data): made safe, never a path (outfile.safe_file_name)."""
    root = registry({"records/societies/ceshi-xuehui.yaml": society(name=f"'{name}'")})
    out = tmp_path / "l"
    result = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    written = sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file() and "reg" not in p.parts
    )
    assert len(written) == 2 and all(w.startswith("l/") and w.count("/") == 1 for w in written), written
    assert all(Path(w).stem.startswith(stem) and len(Path(w).stem.encode()) <= 150 for w in written), written


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


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("CON", "_CON"),
        ("lpt1.txt", "_lpt1.txt"),
        ("..hidden", "hidden"),
        ("-rf", "rf"),
        ("名称. ", "名称"),
        ("a\nb\tc", "a b c"),
        ("", "_"),
        ("示例市植物学会-换届提醒函", "示例市植物学会-换届提醒函"),
    ],
)
def test_safe_file_name(text: str, safe: str) -> None:
    assert safe_file_name(text) == safe
    assert len(safe_file_name("学" * 200).encode("utf-8")) <= 150
