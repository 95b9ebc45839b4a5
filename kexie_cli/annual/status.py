"""``kexie annual status``, ``approve`` and ``return``: where each organisation's 年报 stands, and moving it on.

Status of an organisation that reports for the year (``orgs.must_report``): 未报 (no annual record, or
``report.status: draft``), 已报 (submitted), 退回修改 (returned), 已审核 (approved). ``approve`` takes a
submitted report (or one approved already: the date is not moved); ``return`` a submitted or approved
one, with its reason. Both write ``report`` round trip (``edit/commands.py``: lock, validation, atomic).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.annual.orgs import KIND, annual_records, deadline, report_status, reporting
from kexie_cli.edit import tree
from kexie_cli.edit.commands import EditContext, EditOutcome, edit_record
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.records.model import Record, text
from kexie_cli.registry.settings import Settings
from kexie_cli.tables import Column, TableData

STATUS_LABELS = {
    "draft": ("未报", "not submitted"),
    "submitted": ("已报", "submitted"),
    "returned": ("退回修改", "returned"),
    "approved": ("已审核", "approved"),
}


def status_label(code: Any, lang: str) -> str:
    zh, en = STATUS_LABELS.get(str(code), (str(code), str(code)))
    return en if lang == "en" else zh


COLUMNS = [
    Column("id", "ID", "ID", in_table=False),
    Column("name", "名称", "Name", name=True, min_width=8),
    Column("kind", "类别", "Kind", show=kinds.noun),
    Column("status", "状态", "Status", show=status_label),
    Column("submitted", "报送日期", "Submitted"),
    Column("returned", "退回日期", "Returned", optional=True),
    Column("reason", "退回原因", "Reason", optional=True),
    Column("approved", "审核日期", "Approved"),
]


@dataclass(frozen=True, slots=True)
class StatusRow:
    record: Record
    annual: Record | None
    status: str


def status_rows(records: list[Record], year: int) -> list[StatusRow]:
    found = annual_records(records, year)
    return [StatusRow(r, found.get(r.id), report_status(found.get(r.id))) for r in reporting(records, year)]


def status_table(records: list[Record], settings: Settings, year: int, today: dt.date, lang: str) -> TableData:
    """One row per organisation reporting for ``year``; the headline counts each status against the deadline."""
    rows = []
    for item in status_rows(records, year):
        report = item.annual.get("report") if item.annual is not None else None
        report = report if isinstance(report, dict) else {}
        rows.append(
            {
                "id": item.record.id,
                "name": item.record.name,
                "kind": item.record.kind,
                "status": item.status,
                "submitted": text(report.get("submitted")),
                "returned": text(report.get("returned")),
                "reason": text(report.get("reason")),
                "approved": text(report.get("approved")),
            }
        )
    counts = {code: sum(1 for r in rows if r["status"] == code) for code in STATUS_LABELS}
    due = deadline(settings, year)
    parts = [f"{status_label(code, lang)} {n}" for code, n in counts.items()]
    if lang == "en":
        headline = f"{year} annual reports, due {due.isoformat()}: " + ", ".join(parts)
        if today > due and counts["draft"]:
            headline += f" ({counts['draft']} overdue)"
    else:
        headline = f"{year}年度年报（截止 {due.isoformat()}）：" + "，".join(parts)
        if today > due and counts["draft"]:
            headline += f"（{counts['draft']} 个已逾期未报）"
    title = f"{year} annual reports" if lang == "en" else f"{year}年度年报情况"
    return TableData(title=title, columns=COLUMNS, rows=rows, headline=headline)


# --- moving a report on -------------------------------------------------------------------------


class WrongStatus(KexieError):
    """The report is not in a state the move applies to; its status in the message's language."""

    def __init__(self, key: str, status: str) -> None:
        super().__init__(key, status=status)

    def render(self, lang: str) -> str:
        return tr(self.key, lang, status=status_label(self.params["status"], lang))


@dataclass(frozen=True, slots=True)
class Move:
    """``approve`` or ``return`` on one annual record (an edit operation, ``edit/commands.py``)."""

    action: str  # approve, return
    day: dt.date
    reason: str | None = None

    def __call__(self, doc: Any, ctx: EditContext) -> list[tuple[str | int, ...]]:
        if ctx.kind != KIND:
            raise KexieError("round.not_annual", id=str(doc.get("id")))
        report = doc.get("report")
        status = tree.plain(report).get("status") if isinstance(report, dict) else None
        status = status or "draft"
        allowed = ("submitted",) if self.action == "approve" else ("submitted", "approved")
        if status not in allowed and not (self.action == "approve" and status == "approved"):
            raise WrongStatus(f"round.cannot_{self.action}", status)
        if self.action == "approve" and status == "approved":
            return []
        changes: dict[str, Any] = {"status": "approved" if self.action == "approve" else "returned"}
        if self.action == "approve":
            changes["approved"] = self.day.isoformat()
        else:
            changes |= {"returned": self.day.isoformat(), "reason": self.reason or ""}
        paths: list[tuple[str | int, ...]] = []
        for key, value in changes.items():
            path = ("report", key)
            tree.set_node(doc, path, value, tree.key_orders(ctx.schemas, KIND, path))
            paths.append(path)
        return paths


def move(registry: Any, record_id: str, action: str, today: dt.date, reason: str | None = None) -> EditOutcome:
    """Approve or return the annual record ``record_id`` on ``today``."""
    if action == "return" and not (reason or "").strip():
        raise KexieError("round.reason_required")
    return edit_record(registry, record_id, Move(action, today, (reason or "").strip() or None), today=today)
