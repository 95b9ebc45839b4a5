"""The 年报催报函 (``kexie letters annual``): one per organisation whose 年报 of the year is 未报 (docs/annual.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli.annual.orgs import deadline
from kexie_cli.annual.status import status_rows
from kexie_cli.calendar.letter_vars import common
from kexie_cli.numerals import cn_date
from kexie_cli.records.model import Record
from kexie_cli.registry.settings import Settings


def annual_year(today: dt.date, year: int | None) -> int:
    """The year whose 年报 is chased: ``year``, else the year before ``today`` (the spring round)."""
    return year if year is not None else today.year - 1


def annual_reminders(
    records: list[Record], settings: Settings, today: dt.date, year: int, index: dict[str, Record]
) -> list[tuple[Record, dict[str, Any]]]:
    """(organisation, letter variables) for every organisation whose 年报 of ``year`` is 未报."""
    due = deadline(settings, year)
    out = []
    for row in status_rows(records, year):
        if row.status != "draft":
            continue
        variables = common(row.record, settings, today, index) | {
            "year": year,
            "deadline": due,
            "deadline_cn": cn_date(due),
            "overdue": today > due,
            "days": abs((today - due).days),
        }
        out.append((row.record, variables))
    return out
