"""Attack 5: kexie's working folder (.kexie/: lock and cache) is never a way to write or delete elsewhere."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": society()}


def victim(tmp_path: Path) -> Path:
    folder = tmp_path / "victimdir"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep", encoding="utf-8")
    (folder / "check-0.bin").write_text("not a cache pack", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("link", [".kexie", ".kexie/cache", ".kexie_cache"])
def test_linked_cache_folder_is_not_used(registry: Callable[..., Path], tmp_path: Path, link: str) -> None:
    root = registry(FILES)
    target = victim(tmp_path)
    before = snapshot(target)
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(target)
    first = run_cli(["check", "--as-of", AS_OF, "--format", "plain"], root)
    again = run_cli(["check", "--as-of", AS_OF, "--format", "plain"], root)
    assert snapshot(target) == before  # nothing written, nothing deleted
    assert first.exit_code == again.exit_code == 0
    if link != ".kexie_cache":  # the old folder name is no longer used at all
        assert first.stderr.count("符号链接") == 1 and "不使用缓存" in first.stderr
    if link == ".kexie_cache":  # the cache went to .kexie/cache instead
        assert list((root / ".kexie" / "cache").glob("check-*.bin"))


def test_cache_and_lock_live_in_one_ignored_folder(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    assert run_cli(["check", "--as-of", AS_OF], root).exit_code == 0
    assert run_cli(["set", "ceshi-xuehui", "short_name", "测试学会", "--as-of", AS_OF], root).exit_code == 0
    assert sorted(p.name for p in root.iterdir()) == [".kexie", "kexie.yaml", "records"]
    assert (root / ".kexie" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (root / ".kexie" / "lock").exists() and list((root / ".kexie" / "cache").glob("check-*.bin"))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    listed = subprocess.run(["git", "-C", str(root), "ls-files"], check=True, capture_output=True, text=True)
    assert sorted(listed.stdout.split()) == ["kexie.yaml", "records/societies/ceshi-xuehui.yaml"]


def test_edit_refuses_a_linked_state_folder(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FILES)
    target = victim(tmp_path)
    before = snapshot(target)
    (root / ".kexie").symlink_to(target)
    record = root / "records" / "societies" / "ceshi-xuehui.yaml"
    text = record.read_bytes()
    result = run_cli(["set", "ceshi-xuehui", "short_name", "测试学会", "--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    assert "符号链接" in result.stderr
    assert snapshot(target) == before and record.read_bytes() == text


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_state_folder_of_another_user_is_not_used(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    (root / ".kexie" / "cache").mkdir(parents=True)
    os.chown(root / ".kexie", 4242, 4242)
    result = run_cli(["check", "--as-of", AS_OF], root)
    assert result.exit_code == 0
    assert result.stderr.count("不属于当前用户") == 1
    assert list((root / ".kexie" / "cache").iterdir()) == []


def test_state_folder_that_is_a_file_is_not_used(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    (root / ".kexie").write_text("x", encoding="utf-8")
    result = run_cli(["check", "--as-of", AS_OF], root)
    assert result.exit_code == 0
    assert "不是文件夹" in result.stderr
    assert (root / ".kexie").read_text(encoding="utf-8") == "x"
