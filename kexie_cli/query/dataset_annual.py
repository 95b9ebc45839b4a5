"""The rows of the annual tables of the dataset (``kexie sql``, ``kexie export``): ``annual`` and ``annual_events``."""

from __future__ import annotations

from typing import Any

from kexie_cli.figures.annual import FIGURES, LIST_FIGURES, events, list_total, org_of, value, year_of
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record, date, integer, text


def annual_row(record: Record, index: Index) -> dict[str, Any]:
    """One annual record: its organisation, year, 年报 state and every figure (figures/annual.py)."""
    org_id = org_of(record)
    org = index.get(org_id) if org_id else None
    return {
        "id": record.id,
        "org_id": org_id,
        "org": org.name if org is not None else org_id,
        "org_kind": org.kind if org is not None else None,
        "year": year_of(record),
        "report_status": text(record.get("report", "status")),
        "submitted": date(record.get("report", "submitted")),
        "approved": date(record.get("report", "approved")),
        **{f.key: value(record, f) for f in FIGURES},
        **{key: list_total(record, key) for key in LIST_FIGURES},
        "file": record.relpath,
    }


def event_rows(record: Record) -> list[dict[str, Any]]:
    """The events the record lists, one row each."""
    return [
        {
            "annual_id": record.id,
            "org_id": org_of(record),
            "year": year_of(record),
            "date": date(event.get("date")),
            "title": text(event.get("title")),
            "category": text(event.get("category")),
            "level": text(event.get("level")),
            "participants": integer(event.get("participants")),
            "brand": text(event.get("brand")),
        }
        for _, event in events(record)
    ]
