"""A copy of the sample registry with a Git history: the state at the end of 2025, then today's."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

# records added in 2026 in this history (absent from the 2025-12-31 commit)
ADDED_2026 = (
    "records/societies/binjiang-yixuehui.yaml",
    "records/societies/cehui-dili-xinxi-xuehui.yaml",
    "records/branches/baisha-zhen-kexie.yaml",
)


def git(root: Path, *args: str, when: str = "2026-01-01T12:00:00") -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    run = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return run.stdout.strip()


@pytest.fixture(scope="session")
def sample_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(registry root, the commit of 2025-12-31)."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    root = tmp_path_factory.mktemp("history")
    shutil.copy(REPO / "kexie.yaml", root / "kexie.yaml")
    shutil.copytree(REPO / "records", root / "records")
    aside = {rel: (root / rel).read_bytes() for rel in ADDED_2026}
    for rel in aside:
        (root / rel).unlink()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "end of 2025", when="2025-12-31T12:00:00")
    first = git(root, "rev-parse", "HEAD")
    for rel, body in aside.items():
        (root / rel).write_bytes(body)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "2026", when="2026-06-01T12:00:00")
    return root, first
