"""Who reports for a year, their annual records, where those live, and the round's deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from kexie_cli import kinds
from kexie_cli.figures.annual import annual_settings, owes_report
from kexie_cli.records.model import Record, integer, text
from kexie_cli.registry.layout import record_path
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import report_deadline

KIND = "annual"
STATUSES = ("draft", "submitted", "returned", "approved")


def annual_id(org: str, year: int) -> str:
    return f"{org}-{year}"


def annual_relpath(org: str, year: int) -> str:
    """``records/annual/<year>/<org>-<year>.yaml`` (docs/registry.md)."""
    return f"records/annual/{year}/{annual_id(org, year)}.yaml"


def annual_path(root: Path, org: str, year: int) -> Path:
    """The record's path (``registry/layout.record_path``: a linked folder on the way is refused)."""
    return record_path(root, KIND, annual_id(org, year))


def must_report(record: Record, year: int) -> bool:
    """An organisation reports for ``year`` when it is active and was founded before the year ended
    (``figures/annual.owes_report``, which the K41x rules and the report count by too)."""
    return record.kind in kinds.ORG_CODES and owes_report(record, year)


def reporting(records: Iterable[Record], year: int) -> list[Record]:
    """The organisations that report for ``year``, in id order."""
    return sorted((r for r in records if must_report(r, year)), key=lambda r: r.id)


def annual_records(records: Iterable[Record], year: int) -> dict[str, Record]:
    """The annual records of ``year`` by organisation id."""
    out: dict[str, Record] = {}
    for record in records:
        if record.loaded and record.kind == KIND and integer(record.get("year")) == year:
            org = text(record.get("org"))
            if org:
                out[org] = record
    return out


def report_status(record: Record | None) -> str:
    """draft 未报 when there is no record or no ``report.status``."""
    status = text(record.get("report", "status")) if record is not None else None
    return status if status in STATUSES else "draft"


def deadline(settings: Settings, year: int) -> dt.date:
    """The day the 年报 of ``year`` is due: settings ``annual.deadline`` (MM-DD, default 03-31) of the next year,
    as rule K412 reads it (``figures/annual.annual_settings``, ``terms.report_deadline``)."""
    return report_deadline(year, annual_settings(settings).deadline)
