"""Messages of the 换届 process (kexie election, K309, the steps done) and of the letters."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "election.step_late": ("（已逾期，原定 {date}）", " (late, was due {date})"),
    "election.list_sep": ("、", "; "),
    "election.done.plan_submitted": ("已报方案 {date}", "plan submitted {date}"),
    "election.done.party_review": ("已审查 {date}", "reviewed {date}"),
    "election.done.approved": ("已批准 {date}", "approved {date}"),
    "election.done.held": ("已换届 {date}", "congress held {date}"),
    "election.done.registered": ("已登记/备案 {date}", "registered {date}"),
    "election.no_step": (
        "{kind}没有换届步骤 {step}；可用：{steps}",
        "a {kind} has no 换届 step {step}; use one of: {steps}",
    ),
    "election.future": (
        "步骤日期 {date} 晚于今天（{today}）：只记录已完成的步骤",
        "the step's date {date} is after today ({today}): record only steps that are done",
    ),
    "election.no_term": ("记录没有当届（term），无法记录换届步骤", "the record has no term: no 换届 to record"),
    "K309": (
        "换届大会已于 {held} 召开，{deadline} 前未录入备案或报批{note}",
        "the congress was held on {held}; nothing filed by {deadline}{note}",
    ),
}
