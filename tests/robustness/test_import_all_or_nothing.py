"""``kexie import`` writes all or nothing (issue 28): a full disk half-way writes nothing; stale temp files go."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli, write_registry

SETTINGS = "registry: 示例市科学技术协会\n"


def sheet(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "t.csv"
    rows = [f"示例市第{'一二三四五六七八九十'[i]}学会,199{i}" for i in range(count)]
    path.write_text("学会名称,成立时间\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def listing(root: Path) -> list[str]:
    folder = root / "records" / "societies"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_full_disk_half_way_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_registry(tmp_path / "reg", {}, SETTINGS)
    calls = {"n": 0}
    real = os.fsync

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # the 4th file of 6 does not fit
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    run = run_cli(["import", str(sheet(tmp_path, 6)), "--kind", "society", "--as-of", AS_OF], root)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "未写入任何文件" in run.stderr
    assert "No space left on device" in run.stderr
    assert listing(root) == []  # no record and no temporary file


def test_stale_temp_files_are_removed_on_the_next_run(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {}, SETTINGS)
    folder = root / "records" / "societies"
    folder.mkdir(parents=True)
    (folder / ".wuli-xuehui.yaml.k2j4_x9.tmp").write_text("id: half", encoding="utf-8")
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    run = run_cli(["import", str(sheet(tmp_path, 1)), "--kind", "society", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "已删除上次中断的写入留下的临时文件：records/societies/.wuli-xuehui.yaml.k2j4_x9.tmp" in run.stdout
    assert listing(root) == ["diyi-xuehui.yaml", "notes.txt"]
