"""Lead times: ``6`` months from the settings, or ``90d`` / ``6m`` / ``1y`` from ``--within``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kexie_cli.terms import TermState, add_months, term_state

_WITHIN = re.compile(r"^\s*(\d{1,4})\s*([dmy])\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Lead:
    """How long before an end date a reminder starts: ``amount`` days or months."""

    amount: int
    unit: str  # "d" or "m" (years are stored as months)

    @classmethod
    def months(cls, months: int) -> Lead:
        return cls(months, "m")

    def start(self, end: dt.date) -> dt.date:
        """The first day of the reminder window for ``end``."""
        if self.unit == "d":
            return end - dt.timedelta(days=self.amount)
        return add_months(end, -self.amount)

    def days_before(self, end: dt.date) -> int:
        return (end - self.start(end)).days

    def describe(self, lang: str) -> str:
        if self.unit == "d":
            return f"{self.amount} days" if lang == "en" else f"{self.amount}天"
        if self.amount and self.amount % 12 == 0:
            years = self.amount // 12
            return f"{years} year(s)" if lang == "en" else f"{years}年"
        return f"{self.amount} months" if lang == "en" else f"{self.amount}个月"


def parse_within(text: str) -> Lead:
    """``90d``, ``6m`` or ``1y`` as a Lead; ValueError for anything else."""
    match = _WITHIN.match(text or "")
    if not match:
        raise ValueError(text)
    amount, unit = int(match.group(1)), match.group(2).lower()
    if unit == "y":
        return Lead(amount * 12, "m")
    return Lead(amount, unit)


def window_state(end: dt.date, today: dt.date, lead: Lead) -> TermState:
    """CURRENT, DUE (today in [start of the window, end]) or OVERDUE (after end)."""
    if lead.unit == "m":
        return term_state(end, today, lead.amount)
    if today > end:
        return TermState.OVERDUE
    return TermState.DUE if today >= lead.start(end) else TermState.CURRENT
