"""kexie log: the history of one record, following renames."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.review.conftest import SOCIETY_FILE, git

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
