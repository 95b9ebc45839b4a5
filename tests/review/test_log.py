"""kexie log: the history of one record, following renames."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.review.conftest import SOCIETY, SOCIETY_FILE, git

Repo = Callable[..., Path]


def test_history_with_semantic_changes_and_rename(repo: Repo) -> None:
    root = repo()
    assert (
        run_cli(
            ["inspect", "wuli-xuehui", "--year", "2025", "--result", "pass", "--as-of", "2026-11-23"], root
        ).exit_code
        == 0
    )
    git(root, "commit", "-qam", "录入2025年检")
    git(root, "mv", SOCIETY_FILE, "records/societies/wuli.yaml")
    path = root / "records/societies/wuli.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: wuli-xuehui", "id: wuli"), encoding="utf-8")
    git(root, "commit", "-qam", "缩短 id")
    result = run_cli(["log", "wuli"], root)
    assert result.exit_code == 0, result.stderr
    lines = [line.split(" ", 3) for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert [(d, a, s) for d, a, _, s in lines] == [
        ("2026-11-01", "测试员", "缩短 id"),
        ("2026-11-01", "测试员", "录入2025年检"),
        ("2026-11-01", "测试员", "建立台账"),
    ]
    notes = [line.strip() for line in result.stdout.splitlines() if line.startswith(" ")]
    assert notes == [
        "文件更名：records/societies/wuli-xuehui.yaml → records/societies/wuli.yaml",
        "标识符：wuli-xuehui → wuli",
        "2025 年检：未录入 → 合格",
        "创建记录",
    ]
    data = json.loads(run_cli(["log", "wuli", "--format", "json"], root).stdout)
    assert [e["status"] for e in data] == ["R", "M", "A"]
    assert data[1]["changes"] == [{"field": "inspections.2025", "label": "2025 年检", "old": None, "new": "合格"}]


def test_unknown_record(repo: Repo) -> None:
    root = repo()
    result = run_cli(["log", "nobody"], root)
    assert result.exit_code == 2
    assert "nobody" in result.stderr


def test_log_does_not_follow_a_new_record_back_into_its_template(repo: Repo) -> None:
    template = "templates/records/society.yaml"
    skeleton = SOCIETY.replace("wuli-xuehui", "{{id}}").replace("测试市物理学会", "{{name}}")
    root = repo()
    (root / template).parent.mkdir(parents=True)
    (root / template).write_text(skeleton, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "模板")
    (root / template).write_text(skeleton.replace("years: 5", "years: 4"), encoding="utf-8")
    git(root, "commit", "-qam", "模板改任期")
    (root / template).write_text(skeleton, encoding="utf-8")
    git(root, "commit", "-qam", "模板恢复")
    new = "records/societies/huaxue-xuehui.yaml"
    (root / new).write_text(
        skeleton.replace("{{id}}", "huaxue-xuehui").replace("{{name}}", "测试市化学学会"), encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "新建化学学会")
    result = run_cli(["log", "huaxue-xuehui", "--format", "json"], root)
    assert result.exit_code == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [e["subject"] for e in entries] == ["新建化学学会"]
    assert entries[0]["status"] == "A" and entries[0]["old_file"] is None
    text = run_cli(["log", "huaxue-xuehui"], root).stdout
    assert "templates/" not in text and "{{id}}" not in text
