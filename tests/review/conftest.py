"""A temporary Git repository holding a small registry."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import write_registry

HEAD = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
SOCIETY = HEAD.format(kind="society") + (
    "id: wuli-xuehui\n"
    "kind: society\n"
    "name: 测试市物理学会\n"
    "status: active\n"
    "founded: 1980-05-01\n"
    "level: municipal\n"
    "discipline: science\n"
    "registration:\n"
    "  uscc: 51369900MJ0000012D\n"
    "inspections:\n"
    "  - {year: 2024, result: pass, submitted: 2025-04-01}\n"
    "term:\n"
    "  number: 7\n"
    "  started: 2022-06-01\n"
    "  years: 5\n"
    "leaders:\n"
    "  - role: chair\n"
    "    name: 张三\n"
    "    since: 2022-06-01\n"
    "  - role: secretary-general\n"
    "    name: 李四\n"
    "    since: 2022-06-01\n"
)
BRANCH = HEAD.format(kind="branch") + (
    "id: xingang-zhen-kexie\nkind: branch\nname: 测试市新港镇科学技术协会\nstatus: active\nfounded: 2010-01-01\n"
    "type: township\nleaders:\n  - role: chair\n    name: 王五\n    since: 2020-01-01\n"
)
SOCIETY_FILE = "records/societies/wuli-xuehui.yaml"
BRANCH_FILE = "records/branches/xingang-zhen-kexie.yaml"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=测试员", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={
            "GIT_AUTHOR_DATE": "2026-11-01T10:00:00",
            "GIT_COMMITTER_DATE": "2026-11-01T10:00:00",
            "PATH": "/usr/bin:/bin",
            "HOME": str(root),
        },
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str | bytes] | None = None) -> Path:
        root = write_registry(tmp_path / "reg", files or {SOCIETY_FILE: SOCIETY, BRANCH_FILE: BRANCH})
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "建立台账")
        return root

    return make
