"""Edit commands on hostile ground: a full disk, symbolic links, double BOMs, bad list indexes."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, run_cli, write_registry
from tests.edit.test_commands import CELL, FILE, SOCIETY

NEW = [
    "new",
    "society",
    "--no-input",
    "--name",
    "测试市光学学会",
    "--set",
    "founded=2021-03-01",
    "--set",
    "level=municipal",
    "--set",
    "discipline=science",
    "--set",
    "uscc=51369900MJ00000294",
    "--set",
    "chair=周一",
    "--set",
    "secretary_general=吴二",
    "--set",
    "since=2021-03-01",
]
EDITS = [
    ["set", "wuli-xuehui", "notes", "新的备注"],
    ["unset", "wuli-xuehui", "notes"],
    ["elect", "wuli-xuehui", "--date", "2026-06-01"],
    ["extend", "wuli-xuehui", "--until", "2027-12-01", "--approved", "2026-11-01"],
    ["inspect", "wuli-xuehui", "--year", "2026", "--result", "pass"],
    NEW,
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {FILE: SOCIETY, "records/party-cells/wuli-xuehui-dangzhibu.yaml": CELL})


def _tree(root: Path) -> dict[str, bytes]:
    """Every file but kexie's own state (``.kexie/``: lock, cache)."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and ".kexie" not in p.relative_to(root).parts)
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync of a file being written fails as on a full disk (after the temporary file was created)."""

    def no_space(fd: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kexie_cli.edit.atomic.os.fsync", no_space)


@pytest.mark.parametrize("args", EDITS, ids=lambda a: a[0])
def test_full_disk_during_an_edit(root: Path, full_disk: None, args: list[str]) -> None:
    before = _tree(root)
    run = run_cli([*args, "--as-of", AS_OF], root)
    assert run.exit_code == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("磁盘空间不足，records/societies/"), run.stderr
    after = _tree(root)
    assert after == before  # no .tmp file left, nothing changed


def test_full_disk_during_fmt(root: Path, full_disk: None) -> None:
    (root / FILE).write_text(
        SOCIETY.replace("id: wuli-xuehui\nkind: society\n", "kind: society\nid: wuli-xuehui\n"), encoding="utf-8"
    )
    before = _tree(root)
    run = run_cli(["fmt"], root)
    assert run.exit_code == 2, run.stderr
    assert run.stderr.strip() == "磁盘空间不足，records/societies/wuli-xuehui.yaml 未修改：No space left on device"
    after = _tree(root)
    assert after == before


def test_fmt_then_check_agree_on_a_double_bom(root: Path) -> None:
    path = root / FILE
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + SOCIETY.encode("utf-8"))
    assert run_cli(["fmt"], root).exit_code == 0
    run = run_cli(["fmt", "--check"], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run_cli(["check", "--as-of", AS_OF], root).exit_code == 0


@pytest.mark.parametrize("args", [*EDITS[:-1], ["fmt"]], ids=lambda a: a[0])
def test_edits_refuse_a_symlinked_record(root: Path, args: list[str]) -> None:
    target = root / "elsewhere.yaml"
    (root / FILE).rename(target)
    (root / FILE).symlink_to(Path("../../elsewhere.yaml"))
    if args == ["fmt"]:
        target.write_text(
            SOCIETY.replace("id: wuli-xuehui\nkind: society\n", "kind: society\nid: wuli-xuehui\n"), encoding="utf-8"
        )
    before = target.read_bytes()
    run = run_cli([*args, "--as-of", AS_OF] if args != ["fmt"] else args, root)
    assert run.exit_code in {1, 2}, run.stderr
    assert "是符号链接（指向 ../../elsewhere.yaml）" in run.stderr
    assert (root / FILE).is_symlink() and target.read_bytes() == before


@pytest.mark.parametrize("path", ["leaders.-1.name", "leaders.x.name", "leaders.-1", "inspections.-2.result"])
def test_bad_list_index_is_a_usage_error(root: Path, path: str) -> None:
    command = ["unset", "wuli-xuehui", path] if path.count(".") == 1 else ["set", "wuli-xuehui", path, "x"]
    run = run_cli(command, root)
    assert run.exit_code == 2
    assert "不是有效的列表序号" in run.stderr
    assert (root / FILE).read_text(encoding="utf-8") == SOCIETY


def test_edit_of_a_file_over_the_limit_is_refused(root: Path) -> None:
    (root / FILE).write_bytes(SOCIETY.encode("utf-8") + b"# " + b"x" * (1024 * 1024) + b"\n")
    run = run_cli(["set", "wuli-xuehui", "notes", "x"], root)
    assert run.exit_code == 2
    assert "records/societies/wuli-xuehui.yaml 过大" in run.stderr
