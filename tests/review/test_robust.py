"""kexie diff / log on records with wrong types: a change is shown, never a crash."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli, write_registry
from tests.review.conftest import git

FILE = "records/societies/cuowu-xuehui.yaml"
BEFORE = """\
id: cuowu-xuehui
kind: society
name: 测试市错误学会
status: active
founded: 2000-01-01
level: municipal
discipline: science
registration: {uscc: 51369900505374438P}
inspections:
  - {year: [2024], result: pass}
leaders:
  - {role: chair, name: [张三], since: 2024-01-01}
  - {role: [secretary-general], name: {a: 1}, since: 2024-01-01}
"""
AFTER = (
    BEFORE.replace("result: pass", "result: fail")
    .replace("since: 2024-01-01}\n  - {role: [", "since: 2025-01-01}\n  - {role: [")
    .replace("{a: 1}", "{a: 2}")
)


def _repo(tmp_path: Path) -> Path:
    root = write_registry(tmp_path / "reg", {FILE: BEFORE})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "建立")
    (root / FILE).write_text(AFTER, encoding="utf-8")
    return root


def test_diff_and_log_with_list_valued_keys(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert AFTER != BEFORE and AFTER.count("2025-01-01") == 1
    diff = run_cli(["diff", "--format", "json"], root)
    assert diff.exit_code == 0, diff.stderr
    assert "cuowu-xuehui" in diff.stdout
    assert "不合格" in run_cli(["diff"], root).stdout  # the 2024 inspection result changed
    git(root, "commit", "-q", "-am", "改")
    log = run_cli(["log", "cuowu-xuehui"], root)
    assert log.exit_code == 0, log.stderr
    assert log.stdout.count("测试员") == 2
    assert "2025-01-01" in log.stdout  # the chair's since changed in the second commit
