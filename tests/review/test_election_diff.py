"""diff and log see every step of a 换届 (issue 20): inside past_terms, and the move at elect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.review.conftest import git

Repo = Callable[..., Path]
AS_OF = ["--as-of", "2026-11-23"]


def cli(root: Path, *args: str) -> None:
    run = run_cli([*args, *AS_OF], root)
    assert run.exit_code == 0, run.stderr


def test_elect_reads_as_a_move_and_later_steps_are_seen(repo: Repo) -> None:
    root = repo()
    cli(
        root,
        "election",
        "wuli-xuehui",
        "--step",
        "plan_submitted",
        "--date",
        "2026-11-01",
        "--doc-no",
        "物学〔2026〕3号",
    )
    git(root, "commit", "-qam", "报送方案")
    cli(root, "elect", "wuli-xuehui", "--date", "2026-11-20")
    diff = run_cli(["diff"], root).stdout
    # the 文号 trail is not erased: it moved with the term it belongs to
    assert "换届进展：报送换届方案 2026-11-01（物学〔2026〕3号） → 移入往届 第七届" in diff
    assert "往届 第七届：未录入 → 2022-06-01 – 2026-11-20" in diff
    assert "往届 第七届·换届进展：未录入 → 报送换届方案 2026-11-01（物学〔2026〕3号）；召开换届大会 2026-11-20" in diff
    git(root, "commit", "-qam", "第八届")

    cli(root, "election", "wuli-xuehui", "--step", "filed", "--date", "2026-11-23", "--doc-no", "物学〔2026〕9号")
    diff = run_cli(["diff"], root).stdout
    assert "台账没有变化" not in diff
    assert "往届 第七届·换届进展·报科协备案：未录入 → 报科协备案 2026-11-23（物学〔2026〕9号）" in diff
    git(root, "commit", "-qam", "报科协备案")
    log = run_cli(["log", "wuli-xuehui"], root).stdout
    assert "仅格式或注释变化" not in log
    assert "往届 第七届·换届进展·报科协备案" in log
