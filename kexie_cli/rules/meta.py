"""K901–K902: suppressions (enforced by the engine)."""

from __future__ import annotations

from kexie_cli.finding import Severity
from kexie_cli.rules import builtin

builtin(
    "K901",
    Severity.ERROR,
    "豁免注释无效",
    "Invalid suppression comment",
    """
    A suppression comment ``# kexie: ignore[K402] 理由`` names an unknown
    code, or gives no reason. A reason is required so that reviewers know
    why a finding is accepted. Also reported for a settings ``rules.ignore``
    entry with an unknown code.

    中文：豁免注释（# kexie: ignore[K402] 理由）中的规则代码不存在，或没有写理由。
    必须写明理由，便于审核。设置 rules.ignore 中的未知代码也按此报告。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        brand_events: []  # kexie: ignore[K603]
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        brand_events: []  # kexie: ignore[K603] 品牌活动另行统计
    """,
)

builtin(
    "K902",
    Severity.WARNING,
    "豁免未生效或已过期",
    "Suppression matched nothing, or has expired",
    """
    A suppression comment or a settings ``rules.ignore`` entry matched no
    finding (the problem is gone: remove the suppression), or the entry's
    ``until`` date has passed (the finding shows again).

    中文：豁免注释或设置 rules.ignore 条目没有匹配任何问题（问题已解决，
    请删除该豁免），或豁免的 until 日期已过（问题将重新显示）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        # kexie: ignore[K603] 品牌活动另行统计
        brand_events: [示例学术年会]
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        # kexie: ignore[K603] 品牌活动另行统计
        brand_events: []
    """,
)
