"""--at REV (registry as committed) and kexie show."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli, write_registry
from tests.query.conftest import json_rows
from tests.query.small import FILES, SETTINGS

ENTERPRISE = """\
id: {id}
kind: branch
name: 测试{n}号企业科学技术协会
status: active
founded: 2020-01-01
type: enterprise
"""


def git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    run = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return run.stdout.strip()


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, str]:
    """A Git repository whose registry lives in a subfolder; a second commit adds two enterprise branches."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    repo = tmp_path / "repo"
    root = write_registry(repo / "registry", FILES, SETTINGS)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    first = git(repo, "rev-parse", "HEAD")
    for n in (1, 2):
        path = root / "records" / "branches" / f"qiye-{n}-kexie.yaml"
        path.write_text(ENTERPRISE.format(id=f"qiye-{n}-kexie", n=n), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second")
    return root, first


def enterprise_count(root: Path, *extra: str) -> int:
    run = run_cli(["summary", "branches", "--format", "json", "--as-of", AS_OF, *extra], root)
    assert run.exit_code == 0, run.stderr
    return int(run.json()[0]["total"]["enterprise"])


def test_summary_at_a_revision(history: tuple[Path, str]) -> None:
    root, first = history
    (root / "records" / "branches" / "qiye-3-kexie.yaml").write_text(
        ENTERPRISE.format(id="qiye-3-kexie", n=3), encoding="utf-8"
    )
    assert enterprise_count(root) == 3  # the work tree, uncommitted file included
    assert enterprise_count(root, "--at", "HEAD") == 2
    assert enterprise_count(root, "--at", first) == 0
    assert (root / "records" / "branches" / "qiye-3-kexie.yaml").exists()


def test_list_and_sql_at_a_revision(history: tuple[Path, str]) -> None:
    root, first = history
    run = run_cli(["list", "branches", "--at", first, "--format", "json", "-c", "id"], root)
    assert run.exit_code == 0, run.stderr
    assert {r["id"] for r in json_rows(run)} == {"qu-kexie", "jiedao-kexie"}
    run = run_cli(["sql", "SELECT count(*) AS n FROM branches", "--at", "HEAD", "--format", "json"], root)
    assert run.json() == [{"n": 4}]


def test_bad_revision_and_no_repository(history: tuple[Path, str], registry: Callable[..., Path]) -> None:
    root, _ = history
    run = run_cli(["summary", "--at", "no-such-rev"], root)
    assert run.exit_code == 2 and "找不到版本 no-such-rev" in run.stderr
    plain = registry(FILES, SETTINGS)
    run = run_cli(["summary", "--at", "HEAD"], plain)
    assert run.exit_code == 2 and "不在 Git 仓库中" in run.stderr


@pytest.fixture
def small(registry: Callable[..., Path]) -> Path:
    return registry(FILES, SETTINGS)


def test_show_renders_labels_derived_fields_references_and_findings(small: Path) -> None:
    run = run_cli(["show", "shuili-xuehui", "--format", "plain", "--as-of", AS_OF], small)
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "测试市水利学会（shuili-xuehui）" in out
    assert "学科类别" in out and "工科" in out and "市级" in out
    assert "届满日期" in out and "2027-01-10" in out
    assert "覆盖本组织的党组织" in out and "shuili-dangzhibu" in out
    assert "K302" in out  # the term ends within the lead time


def test_show_json(small: Path) -> None:
    run = run_cli(["show", "qu-kexie", "--format", "json", "--as-of", AS_OF], small)
    assert run.exit_code == 0
    data = run.json()
    assert isinstance(data, dict)
    assert data["kind"] == "branch" and data["file"] == "records/branches/qu-kexie.yaml"
    assert data["references"] == [{"relation": "child", "id": "jiedao-kexie", "name": "测试市东区花园街道科学技术协会"}]
    assert data["derived"]["chair"] == "区小平"
    assert data["findings"] == []


def test_show_findings_are_those_of_check_for_the_file(small: Path) -> None:
    shown = run_cli(["show", "jining-yixuehui", "--format", "json", "--as-of", AS_OF], small).json()
    checked = run_cli(["check", "--format", "json", "--as-of", AS_OF], small).json()
    assert isinstance(shown, dict) and isinstance(checked, list)
    mine = [f for f in checked if f["file"] == "records/societies/jining-yixuehui.yaml"]
    assert shown["findings"] == mine
    assert {f["code"] for f in mine} >= {"K302", "K602"}


def test_show_unknown_id(small: Path) -> None:
    run = run_cli(["show", "nope"], small)
    assert run.exit_code == 2 and "没有 id 为“nope”的记录" in run.stderr
