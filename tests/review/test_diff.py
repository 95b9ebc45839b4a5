"""kexie diff on a temporary Git repository: pinned plain, md and json output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.review.semdiff import diff_records
from tests.conftest import run_cli
from tests.review.conftest import BRANCH_FILE, SOCIETY, SOCIETY_FILE, git

Repo = Callable[..., Path]


def change_society(root: Path) -> None:
    body = SOCIETY.replace("  number: 7\n  started: 2022-06-01\n", "  number: 8\n  started: 2026-06-01\n")
    body = body.replace("    name: 张三\n", "    name: 赵六\n")
    body = body.replace(
        "  - {year: 2024, result: pass, submitted: 2025-04-01}\n",
        "  - {year: 2024, result: pass, submitted: 2025-04-01}\n  - {year: 2025, result: basic-pass}\n",
    )
    (root / SOCIETY_FILE).write_text(body, encoding="utf-8")


def test_no_changes(repo: Repo) -> None:
    root = repo()
    result = run_cli(["diff"], root)
    assert (result.exit_code, result.stdout) == (0, "台账没有变化\n")


def test_plain_diff_of_the_work_tree(repo: Repo) -> None:
    root = repo()
    change_society(root)
    result = run_cli(["diff"], root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "修改 wuli-xuehui 测试市物理学会 (records/societies/wuli-xuehui.yaml)\n"
        "    2025 年检：未录入 → 基本合格\n"
        "    当届：第七届 → 第八届\n"
        "    当届·换届日期：2022-06-01 → 2026-06-01\n"
        "    理事长：张三 → 赵六\n"
        "新增 0，删除 0，更名 0，修改 1\n"
    )


def test_layout_only_changes_are_no_semantic_change(repo: Repo) -> None:
    root = repo()
    path = root / SOCIETY_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("name: 测试市物理学会", "name: '测试市物理学会'  # 注释"))
    assert run_cli(["diff"], root).stdout == "台账没有变化\n"


def test_added_removed_renamed_between_two_commits(repo: Repo) -> None:
    root = repo()
    first = git(root, "rev-parse", "HEAD").strip()
    git(root, "mv", SOCIETY_FILE, "records/societies/wuli-xh.yaml")
    moved = root / "records/societies/wuli-xh.yaml"
    moved.write_text(moved.read_text(encoding="utf-8").replace("id: wuli-xuehui", "id: wuli-xh"), encoding="utf-8")
    (root / BRANCH_FILE).unlink()
    (root / "records/branches/shimen-zhen-kexie.yaml").write_text(
        SOCIETY.replace("society", "branch").replace("wuli-xuehui", "shimen-zhen-kexie")[:200], encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "更名")
    result = run_cli(["diff", first, "HEAD", "--format", "json"], root)
    data = json.loads(result.stdout)
    assert data["from"] == first and data["to"] == "HEAD"
    assert data["summary"] == {"added": 1, "removed": 1, "renamed": 1, "modified": 0, "unreadable": 0}
    records = {r["change"]: r for r in data["records"]}
    assert records["renamed"]["old_file"] == SOCIETY_FILE
    assert records["renamed"]["file"] == "records/societies/wuli-xh.yaml"
    assert records["renamed"]["changes"] == [{"field": "id", "label": "标识符", "old": "wuli-xuehui", "new": "wuli-xh"}]
    assert records["removed"]["id"] == "xingang-zhen-kexie"
    assert records["added"]["file"] == "records/branches/shimen-zhen-kexie.yaml"


def test_markdown_for_a_pull_request(repo: Repo) -> None:
    root = repo()
    change_society(root)
    git(root, "commit", "-qam", "换届")
    result = run_cli(["diff", "HEAD~1", "HEAD", "--format", "md"], root)
    assert result.stdout == (
        "### 台账变更（HEAD~1 → HEAD）\n"
        "\n"
        "新增 0，删除 0，更名 0，修改 1\n"
        "\n"
        "- **修改** `wuli-xuehui` 测试市物理学会 (`records/societies/wuli-xuehui.yaml`)\n"
        "  - 2025 年检：未录入 → 基本合格\n"
        "  - 当届：第七届 → 第八届\n"
        "  - 当届·换届日期：2022-06-01 → 2026-06-01\n"
        "  - 理事长：张三 → 赵六\n"
    )


def test_english_json(repo: Repo) -> None:
    root = repo()
    change_society(root)
    data = json.loads(run_cli(["diff", "--format", "json", "--lang", "en"], root).stdout)
    changes = data["records"][0]["changes"]
    assert {"field": "leaders.chair", "label": "chair", "old": "张三", "new": "赵六"} in changes
    assert {"field": "term.number", "label": "Term", "old": "term 7", "new": "term 8"} in changes


def test_bad_revision_and_no_repository(repo: Repo, tmp_path: Path) -> None:
    root = repo()
    result = run_cli(["diff", "no-such-rev"], root)
    assert result.exit_code == 2
    assert "no-such-rev" in result.stderr
    shutil.rmtree(root / ".git")
    assert run_cli(["diff"], root).exit_code == 2


def test_git_textconv_shows_fields(repo: Repo) -> None:
    root = repo()
    (root / ".gitattributes").write_text("records/**/*.yaml diff=kexie\n", encoding="utf-8")
    git(root, "config", "diff.kexie.textconv", f"{sys.executable} -m kexie_cli diff --textconv")
    change_society(root)
    out = subprocess.run(
        ["git", "diff", "--no-color", "-U0", "--", SOCIETY_FILE], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    changed = [line for line in out.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-当届：第七届",
        "-当届·换届日期：2022-06-01",
        "+2025 年检：基本合格",
        "+当届：第八届",
        "+当届·换届日期：2026-06-01",
        "-理事长：张三",
        "+理事长：赵六",
    ]


def test_a_mapping_added_is_shown_field_by_field_with_titles() -> None:

    old = {"id": "x", "kind": "society"}
    new = old | {"election": {"plan_submitted": {"date": "2026-11-20", "doc_no": "示科协〔2026〕3号"}}}
    changes = diff_records("society", old, new, SchemaSet(None))
    # a 换届 step is one line with its date and 文号 (issue 20: the same words in election and past_terms)
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("换届进展·报送换届方案", None, "报送换届方案 2026-11-20（示科协〔2026〕3号）"),
    ]
    new2 = old | {"registration": {"uscc": "51369900MJ0000012D", "authority": "测试市民政局"}}
    changes = diff_records("society", old, new2, SchemaSet(None))
    assert [c.label for c in changes] == ["登记信息·统一社会信用代码", "登记信息·登记管理机关"]
