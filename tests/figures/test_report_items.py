"""The report items of issue 23: the past year from Git, 新增 and 解除 by name, scope word, regime, omit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.figures.build import branch, registry, society
from tests.report.conftest import git


def report(root: Path, *args: str, as_of: str = "2026-11-23") -> str:
    out = root.parent / "report.md"
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", as_of, *args], root)
    assert run.exit_code == 0, run.stderr
    return out.read_text(encoding="utf-8")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """Two societies committed in 2025; in 2026 one is revoked and a third founded."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    root = registry(tmp_path / "reg", [society("a", "2001-01-01"), society("b", "2002-01-01", name="测试市乙学会")])
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "2025", when="2025-06-01T10:00:00")
    records = [
        society("a", "2001-01-01"),
        society("b", "2002-01-01", name="测试市乙学会", status="revoked"),
        society("c", "2026-02-01", name="测试市丙学会"),
    ]
    registry(root, records)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "2026", when="2026-03-01T10:00:00")
    return root


def test_a_past_year_is_the_registry_as_committed_then(history: Path) -> None:
    text = report(history, "--year", "2025")
    assert "全市在册科技社团2家" in text
    assert "2025年12月31日 或之前最后一次提交" in text.replace("日或", "日 或")


def test_a_past_year_without_history_says_today_s_records_were_used(tmp_path: Path) -> None:
    root = registry(tmp_path / "reg", [society("a", "2001-01-01"), society("c", "2026-02-01")])
    text = report(root, "--year", "2025")
    assert "按当前记录统计" in text
    assert "全市在册科技社团1家" in text  # the society founded in 2026 is not counted for 2025


def test_added_and_revoked_are_named(history: Path) -> None:
    text = report(history)
    assert "在册科技社团2家（持平）；新增1家（测试市丙学会），减少1家（测试市乙学会，解除资格）。" in text


@pytest.mark.parametrize(
    ("name", "scope", "word"),
    [
        ("示例省科学技术协会", None, "全省"),
        ("浙江省杭州市科学技术协会", None, "全市"),
        ("示例市东城区科学技术协会", None, "全区"),
        ("示例县科学技术协会", None, "全县"),
        ("示例自治州科学技术协会", "全州", "全州"),
    ],
)
def test_scope_word(tmp_path: Path, name: str, scope: str | None, word: str) -> None:
    settings = f"registry: {name}\n" + (f"scope: {scope}\n" if scope else "")
    root = registry(tmp_path / "reg", [society("a", "2001-01-01")], settings)
    assert f"，{word}在册科技社团1家" in report(root)


def test_annual_report_regime_and_turned_off_headlines(tmp_path: Path) -> None:
    records = [
        society("a", "2001-01-01", inspections=[{"year": 2025, "result": "submitted"}]),
        society("b", "2001-01-01", inspections=[{"year": 2025, "result": "missing"}]),
        branch("dist", "2001-01-01", "district", name="测试市东区科学技术协会", members={"individual": 50}),
        branch("univ", "2001-01-01", "university", name="测试大学科学技术协会", members={"individual": 900}),
    ]
    settings = "registry: 测试市科学技术协会\ncoverage: {district: 4}\nreport: {omit: [three-heads]}\n"
    root = registry(tmp_path / "reg", records, settings)
    text = report(root)
    assert "2025年度年报已报送1家，未报送1家，未录入0家；报送率50.0%。" in text
    headlines = text.split("## 二")[0]
    assert "合格0家" not in headlines and "合格率" not in headlines
    assert "区县科协1个，覆盖率25.0%" in text
    assert "**三长**" not in text
    assert "科技社团个人会员—、团体会员—；基层科协个人会员950人" in text  # never added together
