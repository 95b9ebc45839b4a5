"""Issue 28: a folder under records/ that is a symbolic link is never followed, by any command (K007)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import kexie_cli.edit.commands as edit_commands
from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

RECORD = "ceshi-xuehui"
FIELDS = "founded=2020-01-01 level=municipal discipline=science uscc=51369900505374438P chair=张三 since=2020-01-01"
NEW = [arg for field in [*FIELDS.split(), "secretary_general=李四"] for arg in ("--set", field)]


def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / f"{RECORD}.yaml").write_text(society(RECORD), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def linked(registry: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """A registry whose records/societies is a link to a folder outside it (as a pull request can add)."""
    root = registry({"records/branches/ceshi-qu-kexie.yaml": "id: ceshi-qu-kexie\n"})
    target = outside(tmp_path)
    (root / "records" / "societies").symlink_to(target)
    return root, target


@pytest.mark.parametrize("pure", ["", "1"])
def test_check_reports_the_linked_folder(linked: tuple[Path, Path], pure: str) -> None:
    root, _ = linked
    for _ in range(2):  # cold and warm cache
        run = run_cli(["check", "--as-of", AS_OF, "--format", "json"], root, env={"KEXIE_PURE": pure})
        assert run.exit_code == 1, run.stderr
        found = [(f["file"], f["code"]) for f in run.json() if f["code"] == "K007"]
        assert found == [("records/societies", "K007")]
        assert not any(f["file"].endswith(f"{RECORD}.yaml") for f in run.json())


@pytest.mark.parametrize("args", [["list", "societies"], ["summary"], ["show", RECORD], ["due-elections"]])
def test_reports_name_the_linked_folder(linked: tuple[Path, Path], args: list[str]) -> None:
    root, _ = linked
    run = run_cli([*args, "--as-of", AS_OF, "--format", "plain"], root)
    assert "records/societies" in run.stderr and "K007" in run.stderr, run.stderr
    assert "张三" not in run.stdout  # the record behind the link is not read


@pytest.mark.parametrize(
    "args",
    [
        ["set", RECORD, "short_name", "测试学会"],
        ["unset", RECORD, "term"],
        ["inspect", RECORD, "--year", "2025", "--result", "pass"],
        ["extend", RECORD, "--until", "2026-06-01", "--approved", "2025-12-01"],
        ["new", "society", "--id", "xin-xuehui", "--name", "新学会", "--no-input", *NEW],
    ],
    ids=lambda a: a[0],
)
def test_edits_refuse_to_write_through_the_link(linked: tuple[Path, Path], args: list[str]) -> None:
    root, target = linked
    before = snapshot(target)
    run = run_cli([*args, "--as-of", AS_OF], root)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "符号链接" in run.stderr
    assert snapshot(target) == before


def test_records_folder_itself_linked(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry({})
    elsewhere = tmp_path / "other"
    (elsewhere / "societies").mkdir(parents=True)
    (elsewhere / "societies" / f"{RECORD}.yaml").write_text(society(RECORD), encoding="utf-8")
    (root / "records").symlink_to(elsewhere)
    run = run_cli(["check", "--as-of", AS_OF, "--format", "json"], root)
    assert [(f["file"], f["code"]) for f in run.json()] == [("records", "K007")]
    before = snapshot(elsewhere / "societies")
    assert run_cli(["set", RECORD, "short_name", "x", "--as-of", AS_OF], root).exit_code == 2
    assert snapshot(elsewhere / "societies") == before


def test_import_writes_nothing_through_the_link(linked: tuple[Path, Path], tmp_path: Path) -> None:
    root, target = linked
    before = snapshot(target)
    sheet = tmp_path / "x.csv"
    sheet.write_text("学会名称,成立时间\n示例市甲学会,1999-05-01\n示例市乙学会,2001-02-03\n", encoding="utf-8")
    run_cli(["import", str(sheet), "--kind", "society", "--as-of", AS_OF], root)
    assert snapshot(target) == before


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX")
def test_link_swapped_during_set_sends_nothing_outside(
    registry: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = registry({f"records/societies/{RECORD}.yaml": society(RECORD)})
    target = outside(tmp_path)
    before = snapshot(target)
    folder = root / "records" / "societies"
    original = edit_commands.new_errors

    def swap(*args: object, **kwargs: object) -> object:
        found = original(*args, **kwargs)  # type: ignore[arg-type]
        folder.rename(root / "records" / "moved")  # between the check and the write
        folder.symlink_to(target)
        return found

    monkeypatch.setattr(edit_commands, "new_errors", swap)
    run = run_cli(["set", RECORD, "short_name", "测试学会", "--as-of", AS_OF], root)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "符号链接" in run.stderr
    assert snapshot(target) == before  # not written, and no .tmp file left there
    assert not list((root / "records" / "moved").glob(".*.tmp"))


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_committed_linked_folder_is_named_at_a_revision(linked: tuple[Path, Path]) -> None:
    root, _ = linked
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "link"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)
    run = run_cli(["list", "societies", "--at", "HEAD", "--as-of", AS_OF, "--format", "plain"], root)
    assert "records/societies" in run.stderr and "K007" in run.stderr, run.stderr
