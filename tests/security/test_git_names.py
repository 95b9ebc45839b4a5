"""Issue 28: Git listings are NUL-separated and names need not be UTF-8; history blobs are size-checked first."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

SOC = "records/societies"
NEWLINE = f"{SOC}/a\nb.yaml"
LATIN1 = os.fsencode(SOC) + b"/x\xff.yaml"  # not UTF-8


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def committed(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one")
    return root


@pytest.fixture
def odd_names(registry: Callable[..., Path]) -> Path:
    """Two good records, one file with a newline in its name and one whose name is not UTF-8."""
    root = registry(
        {
            f"{SOC}/jia-xuehui.yaml": society("jia-xuehui", "甲学会"),
            f"{SOC}/yi-xuehui.yaml": society("yi-xuehui", "乙学会"),
            NEWLINE: society("bing-xuehui", "丙学会"),
        }
    )
    (root / os.fsdecode(LATIN1)).write_text(society("ding-xuehui", "丁学会"), encoding="utf-8")
    return committed(root)


def utf8(run: Any) -> str:
    run.stdout.encode("utf-8")  # valid text all the way (no lone surrogates)
    return str(run.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "societies", "--format", "json"],
        ["summary", "--format", "json"],
        ["sql", "select id, name from societies order by id", "--format", "json"],
    ],
    ids=lambda a: a[0],
)
def test_at_views_keep_every_record_once(odd_names: Path, args: list[str]) -> None:
    now = run_cli([*args, "--as-of", AS_OF], odd_names)
    at = run_cli([*args, "--as-of", AS_OF, "--at", "HEAD"], odd_names)
    assert at.exit_code == now.exit_code, at.stderr
    assert json.loads(utf8(at)) == json.loads(utf8(now))  # none lost, none counted twice


def test_export_at_with_odd_names(odd_names: Path, tmp_path: Path) -> None:
    run = run_cli(["export", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"), "--at", "HEAD"], odd_names)
    assert run.exit_code in (0, 1), run.stderr
    assert (tmp_path / "x.xlsx").is_file()


def test_report_compare_with_odd_names(odd_names: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF, "--compare", "HEAD"], odd_names)
    assert run.exit_code in (0, 1), run.stderr
    assert out.read_text(encoding="utf-8")


@pytest.mark.parametrize("pure", ["", "1"])
def test_check_json_is_valid_utf8_cold_and_warm(odd_names: Path, pure: str) -> None:
    for _ in range(2):
        run = run_cli(["check", "--format", "json", "--as-of", AS_OF], odd_names, env={"KEXIE_PURE": pure})
        assert run.exit_code == 1, run.stderr
        files = {f["file"] for f in json.loads(utf8(run))}
        assert {NEWLINE, f"{SOC}/x\\xff.yaml"} <= files  # both named (K005: the file name is not the id)


def test_crafted_name_cannot_inject_an_object(registry: Callable[..., Path]) -> None:
    """A name ending in a newline and ``HEAD:<path>`` once made cat-file --batch read that object as a record."""
    root = registry({f"{SOC}/jia-xuehui.yaml": society("jia-xuehui", "甲学会")})
    (root / "secret.yaml").write_text(society("injected-xuehui", "注入学会"), encoding="utf-8")
    (root / SOC / "jia-xuehui.yaml\nHEAD:secret.yaml").write_text("id: x\n", encoding="utf-8")
    committed(root)
    run = run_cli(["list", "societies", "--format", "json", "--at", "HEAD", "--as-of", AS_OF], root)
    assert "injected-xuehui" not in run.stdout and "注入学会" not in run.stdout
    assert run.stdout.count("jia-xuehui") == run_cli(["list", "societies", "--format", "json"], root).stdout.count(
        "jia-xuehui"
    )


@pytest.fixture
def big_blob(registry: Callable[..., Path]) -> Path:
    """History with a record of 64 KiB under a 4 KiB limit, then replaced by a normal one."""
    settings = "registry: 测试市科学技术协会\nlimits: {max_file_bytes: 4096}\n"
    root = registry({f"{SOC}/jia-xuehui.yaml": society("jia-xuehui") + "#" + "x" * 65536 + "\n"}, settings)
    committed(root)
    (root / SOC / "jia-xuehui.yaml").write_text(society("jia-xuehui"), encoding="utf-8")
    git(root, "commit", "-qam", "two")
    return root


@pytest.fixture
def largest_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every git output kexie reads."""
    sizes: list[int] = []
    real = subprocess.run

    def spy(*args: Any, **kwargs: Any) -> Any:
        done = real(*args, **kwargs)
        if isinstance(done.stdout, bytes):
            sizes.append(len(done.stdout))
        return done

    monkeypatch.setattr(subprocess, "run", spy)
    return sizes


@pytest.mark.parametrize(
    "args",
    [
        ["log", "jia-xuehui", "--format", "json"],
        ["list", "societies", "--at", "HEAD~1", "--format", "json"],
        ["summary", "--compare", "HEAD~1", "--format", "json"],
    ],
    ids=lambda a: a[0] + a[2],
)
def test_history_blob_size_is_checked_first(big_blob: Path, largest_read: list[int], args: list[str]) -> None:
    if args[0] == "summary":
        args = ["report", "--format", "md", "-o", str(big_blob.parent / "r.md"), "--compare", "HEAD~1"]
    run = run_cli(args if args[0] == "log" else [*args, "--as-of", AS_OF], big_blob)
    assert run.exit_code in (0, 1), run.stderr
    assert max(largest_read) < 65536  # never read into memory
    if args[0] == "log":
        entries = json.loads(run.stdout)
        assert entries[-1]["too_large"] == {"size": len(society("jia-xuehui").encode()) + 65538, "limit": 4096}
