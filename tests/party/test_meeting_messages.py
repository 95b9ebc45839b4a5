"""K506 for a yearly meeting (组织生活会) reads well in both languages; no Chinese in English output."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import AS_OF, run_cli

CELL = """\
id: ceshi-dangzhibu
kind: party-cell
name: 测试党支部
status: active
founded: 2010-01-01
form: branch
covers: []
members: {full: 3}
meetings:
  - {date: 2026-08-10, type: member-meeting}
  - {date: 2026-08-12, type: lecture}
"""
HAN = re.compile(r"[\u4e00-\u9fff]")


def _k506(root: Path, lang: str) -> list[str]:
    result = run_cli(["check", "--as-of", AS_OF, "--select", "K506", "--format", "json", "--lang", lang], root)
    return sorted(f["message"] for f in result.json())


def test_yearly_gap_messages(registry: Callable[..., Path]) -> None:
    root = registry({"records/party-cells/ceshi-dangzhibu.yaml": CELL})
    # quarters completed by 2026-11-23: 2025Q4, 2026Q1, 2026Q2, 2026Q3; only 2026Q3 has meetings
    # a 支部 of 3 full members has no 支委会; 主题党日 is due monthly (2025-11 … 2026-10)
    months = [f"2025-{m}" for m in ("11", "12")] + [f"2026-{m:02d}" for m in range(1, 11)]
    assert _k506(root, "zh") == [
        "近12个月主题党日有缺项：" + "、".join(months),
        "近12个月党员大会有缺项：2025年第四季度、2026年第一季度、2026年第二季度",
        "近12个月党课有缺项：2025年第四季度、2026年第一季度、2026年第二季度",
        "近12个月没有组织生活会",
    ]
    english = _k506(root, "en")
    assert english == [
        "三会一课 gap in the last 12 months: no lecture in 2025Q4, 2026Q1, 2026Q2",
        "三会一课 gap in the last 12 months: no member-meeting in 2025Q4, 2026Q1, 2026Q2",
        "三会一课 gap in the last 12 months: no theme-day in " + ", ".join(months),
        "三会一课 gap: no life-meeting in the last 12 months",
    ]
    assert [HAN.findall(m.replace("三会一课", "")) for m in english] == [[], [], [], []]


def test_party_table_period_label(registry: Callable[..., Path]) -> None:
    root = registry({"records/party-cells/ceshi-dangzhibu.yaml": CELL})
    zh = run_cli(["party", "--as-of", AS_OF, "--format", "plain"], root).stdout
    en = run_cli(["party", "--as-of", AS_OF, "--format", "plain", "--lang", "en"], root).stdout
    assert "组织生活会：近12个月" in zh
    assert "life-meeting: last 12 months" in en and "近12个月" not in en
