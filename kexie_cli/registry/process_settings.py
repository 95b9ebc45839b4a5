"""Settings of the 换届 process by kind (``elections.society`` / ``elections.branch`` / ``elections.party``).

Every deadline of docs/calendar.md is a setting here, with its source next to the default.
The older keys ``elections.steps.*`` still apply where the newer ones are not given:
``plan_months_before`` to the society's and the branch's 方案, ``approval_months_before`` to the
society's 召开大会请示 (before the planned congress), ``filing_days_after`` to the branch's 备案.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds

PROCESS_KINDS = ("society", "branch", "party")
#: the defaults, with the source of each (docs/calendar.md)
DEFAULTS: dict[str, dict[str, int]] = {
    "society": {
        "plan_months_before": 5,  # 换届工作方案报业务主管单位审查: 本地做法, 届满前5个月
        "request_months_before_congress": 2,  # 召开会员（代表）大会请示: 中国科协对全国学会的要求, 约2个月
        "filing_working_days": 30,  # 换届结果报科协备案: 中国科协对全国学会, 30个工作日
        "registration_days": 30,  # 民政变更登记: 社会团体登记管理条例 第十八条, 审查同意之日起30日
    },
    "branch": {
        "plan_months_before": 4,  # 换届方案报同级党委（所在单位党组织）: 本地做法
        "filing_days_after": 30,  # 换届结果报上级科协备案: 本地做法, 30日
    },
    "party": {
        "request_months_before": 2,  # 换届请示: 届满前1至2个月（基层组织选举工作条例的通常做法）
        "candidates_months_before": 1,  # 候选人预备人选报上级党组织审查
        "result_days_after": 15,  # 选举结果报上级党组织审批: 条例未定天数, 本地做法15日
    },
}
_LEGACY = {
    ("society", "plan_months_before"): "plan_months_before",
    ("branch", "plan_months_before"): "plan_months_before",
    ("society", "request_months_before_congress"): "approval_months_before",
    ("branch", "filing_days_after"): "filing_days_after",
}


@dataclass(frozen=True, slots=True)
class ProcessSettings:
    """The deadlines of each kind's 换届 and each kind's reminder period (months)."""

    values: dict[str, dict[str, int]] = field(default_factory=lambda: {k: dict(v) for k, v in DEFAULTS.items()})
    leads: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PROCESS_KINDS, 6))

    def get(self, kind: str, key: str) -> int:
        return self.values[kind][key]

    def lead_months(self, kind: str) -> int:
        """The reminder period of ``kind``: never shorter than its first step + 1 month.

        A reminder sent on the first day of the period must find the first step still ahead
        (issue 20): the first step is due ``first`` months before the end, so the period opens
        at least one month earlier.
        """
        return max(self.leads[kind], first_step_months(self, kind) + 1)


def first_step_months(process: ProcessSettings, kind: str) -> int:
    if kind == "party":
        return process.get("party", "request_months_before")
    return process.get(kind, "plan_months_before")


def process_kind(record_kind: str | None) -> str:
    """The settings block of a record kind: ``party-cell`` → ``party``."""
    return kinds.process_of(record_kind)


def build_process(elections: dict[str, Any]) -> ProcessSettings:
    """``elections.<kind>.*`` over the legacy ``elections.steps.*`` over the defaults."""
    steps = elections.get("steps") or {}
    lead = int(elections.get("lead_months", 6))
    values: dict[str, dict[str, int]] = {}
    leads: dict[str, int] = {}
    for kind, defaults in DEFAULTS.items():
        given = elections.get(kind) or {}
        values[kind] = {}
        for key, default in defaults.items():
            legacy = _LEGACY.get((kind, key))
            fallback = steps.get(legacy, default) if legacy else default
            values[kind][key] = int(given.get(key, fallback))
        leads[kind] = int(given.get("lead_months", lead))
    return ProcessSettings(values, leads)
