"""When a recognition lapses: the review of a 工作站, the validity of a 科普基地 or 志愿服务队.

The same dates serve the rules (K730/K731, K735/K736) and ``kexie summary`` (docs/registry.md,
"工作站和科普基地"). Like a term, the end date is the last day the recognition holds: a review
due on 2026-09-15 is overdue from 2026-09-16. The settings are read from ``kexie.yaml`` as the
settings schema validated them (``stations``, ``recognitions``, ``districts``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli.records.model import Record, date, integer, text
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import add_years

REVIEW_YEARS = 3  # every type of station, unless stations.review_years says otherwise
REVIEW_LEAD_MONTHS = 3
PERIOD_YEARS = 5  # 全国科普教育基地: one naming every five years
PERIOD_LEAD_MONTHS = 3
SOCIETIES_TARGET = 20  # 各区县平均拥有科技社团超过20家
RECOGNISED_KINDS = ("popsci-base", "volunteer-team")


def _section(settings: Settings, name: str) -> dict[str, Any]:
    value = settings.raw.get(name)
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class Lapse:
    """The last day a recognition holds, the path of the field it is computed from, and the lead time."""

    end: dt.date
    path: tuple[str, ...]
    lead_months: int


def review_years(settings: Settings, station_type: str | None) -> int:
    """Years between two reviews of a station of ``station_type`` (settings ``stations.review_years``)."""
    years = _section(settings, "stations").get("review_years")
    value = years.get(station_type or "") if isinstance(years, dict) else None
    return value if isinstance(value, int) else REVIEW_YEARS


def station_review(record: Record, settings: Settings) -> Lapse | None:
    """The day a station's next review is due: ``reviewed`` (else ``recognised``) plus its type's period."""
    for key in ("reviewed", "recognised"):
        last = date(record.get(key))
        if last is not None:
            years = review_years(settings, text(record.get("type")))
            lead = _section(settings, "stations").get("lead_months", REVIEW_LEAD_MONTHS)
            return Lapse(add_years(last, years), (key,), lead)
    return None


def recognition_end(record: Record, settings: Settings) -> Lapse | None:
    """The last day a base's or team's recognition holds: ``valid_until``, else ``recognised`` plus
    ``period_years`` (else settings ``recognitions.period_years``); None when it was never recognised."""
    section = _section(settings, "recognitions")
    lead = section.get("lead_months", PERIOD_LEAD_MONTHS)
    until = date(record.get("valid_until"))
    if until is not None:
        return Lapse(until, ("valid_until",), lead)
    recognised = date(record.get("recognised"))
    if recognised is None:
        return None
    years = integer(record.get("period_years"))
    path = ("period_years",) if years is not None else ("recognised",)
    return Lapse(add_years(recognised, years or section.get("period_years", PERIOD_YEARS)), path, lead)


def societies_target(settings: Settings) -> int:
    """The average number of societies a 区县 should have (settings ``districts.societies_target``)."""
    value = _section(settings, "districts").get("societies_target")
    return value if isinstance(value, int) else SOCIETIES_TARGET
