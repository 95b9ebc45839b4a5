"""Edit commands and fmt on files the strict loader refuses: refused with file, line and code; bytes untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.robustness.records import GOOD_SOCIETY

ALIASED = GOOD_SOCIETY.replace("id: ceshi-xuehui", "id: bieming-xuehui").replace(
    "name: 测试市测试学会", "name: &n 测试市别名学会\nshort_name: *n"
)
TAGGED = GOOD_SOCIETY.replace("id: ceshi-xuehui", "id: biaoqian-xuehui").replace(
    "level: municipal", "level: !!str municipal"
)
GBK = GOOD_SOCIETY.replace("id: ceshi-xuehui", "id: gbk-xuehui").encode("gbk")
FILES: dict[str, str | bytes] = {
    "records/societies/ceshi-xuehui.yaml": GOOD_SOCIETY,
    "records/societies/bieming-xuehui.yaml": ALIASED,
    "records/societies/biaoqian-xuehui.yaml": TAGGED,
    "records/societies/gbk-xuehui.yaml": GBK,
}
EDITS = [
    ["set", "{id}", "short_name", "新简称"],
    ["unset", "{id}", "leaders.1"],
    ["elect", "{id}", "--date", "2026-01-01", "--chair", "王五"],
    ["extend", "{id}", "--until", "2029-06-01", "--approved", "2028-12-01"],
    ["inspect", "{id}", "--year", "2025", "--result", "pass"],
]
CASES = [("bieming-xuehui", "K004", 3), ("biaoqian-xuehui", "K004", 6), ("gbk-xuehui", "K001", 3)]


@pytest.mark.parametrize("args", EDITS, ids=lambda a: a[0])
@pytest.mark.parametrize(("record_id", "code", "line"), CASES)
def test_edit_refuses_unloadable_file(
    registry: Callable[..., Path], args: list[str], record_id: str, code: str, line: int
) -> None:
    root = registry(FILES)
    path = root / "records" / "societies" / f"{record_id}.yaml"
    before = path.read_bytes()
    result = run_cli([a.format(id=record_id) for a in args] + ["--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    message = result.stderr.strip()
    assert message.startswith(f"records/societies/{record_id}.yaml：无法加载（{code}，第 {line} 行："), message
    assert "codec" not in message and str(root) not in message
    assert path.read_bytes() == before


def test_edit_of_a_good_record_still_works(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    result = run_cli(["set", "ceshi-xuehui", "short_name", "测试会", "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    assert "short_name: 测试会" in (root / "records/societies/ceshi-xuehui.yaml").read_text(encoding="utf-8")


def test_fmt_reports_unloadable_files_and_leaves_them(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    before = {p: p.read_bytes() for p in (root / "records/societies").iterdir()}
    checked = run_cli(["fmt", "--check"], root)
    assert checked.exit_code == 1
    assert "records/societies/bieming-xuehui.yaml：无法加载（K004，第 3 行：不允许使用锚点 &n）" in checked.stderr
    assert "records/societies/gbk-xuehui.yaml：无法加载（K001" in checked.stderr
    assert checked.stderr.strip().splitlines()[-1] == "1 个文件不是规范格式，3 个文件无法加载（共检查 4 个）"
    written = run_cli(["fmt"], root)
    assert written.exit_code == 1
    assert written.stderr.strip().splitlines()[-1] == "已整理 1 个文件，3 个文件无法加载、未整理（共 4 个）"
    for path, raw in before.items():
        assert (path.read_bytes() == raw) == (path.name != "ceshi-xuehui.yaml"), path
