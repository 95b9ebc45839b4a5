"""``show`` names only the first few unreadable files of other records, then their number."""

from __future__ import annotations

from pathlib import Path

from kexie_cli.cli.cmd_show import SHOW_UNREADABLE
from tests.conftest import REPO, copy_sample, run_cli

AS_OF = "2026-11-23"


def _registry(tmp_path: Path, broken: int) -> Path:
    root = copy_sample(tmp_path)
    for i in range(broken):
        (root / "records" / "societies" / f"broken-{i:02d}.yaml").write_text("id: [\n", encoding="utf-8")
    return root


def test_many_unreadable_files_are_counted_not_all_named(tmp_path: Path) -> None:
    root = _registry(tmp_path, SHOW_UNREADABLE + 3)
    some = sorted((REPO / "records" / "societies").glob("*.yaml"))[0].stem
    run = run_cli(["show", some, "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == SHOW_UNREADABLE + 1, run.stderr
    assert all("无法读取（K002" in line for line in lines[:-1])
    assert lines[-1].startswith(f"共 {SHOW_UNREADABLE + 3} 个文件无法读取，以上列出前 {SHOW_UNREADABLE} 个")


def test_few_unreadable_files_are_all_named(tmp_path: Path) -> None:
    root = _registry(tmp_path, 2)
    some = sorted((REPO / "records" / "societies").glob("*.yaml"))[0].stem
    run = run_cli(["show", some, "--as-of", AS_OF], root)
    lines = run.stderr.splitlines()
    assert len(lines) == 3, run.stderr
    assert lines[-1].startswith("以上 2 个文件无法读取")
    listing = run_cli(["list", "societies", "--as-of", AS_OF], root)  # listings name every one
    assert len(listing.stderr.splitlines()) == 3
