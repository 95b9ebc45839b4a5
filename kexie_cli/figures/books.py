"""Which records a figure counts on a day (docs/figures.md, 在册)."""

from __future__ import annotations

import datetime as dt

from kexie_cli.records.model import Record, date


def founded_by(record: Record, day: dt.date) -> bool:
    """Founded on or before ``day`` (a record without a readable ``founded`` counts)."""
    founded = date(record.get("founded"))
    return founded is None or founded <= day


def on_books(record: Record, day: dt.date) -> bool:
    """在册 on ``day``: loaded, status active, dormant or suspended, and founded by ``day``.

    Revoked and dissolved records are history; a record founded after ``day`` did not exist
    then, so ``--as-of`` a past date never counts it. The status is the one recorded (the
    records hold no date of 解除资格/注销: for the registry as it was, use its Git history).
    """
    return record.loaded and record.live and founded_by(record, day)
