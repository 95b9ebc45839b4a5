"""The term (届) a record elects, and its 换届 state (docs/figures.md)."""

from __future__ import annotations

import datetime as dt

from kexie_cli.party.forms import holds_elections
from kexie_cli.records.model import Record, term_of
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import Term, term_state

APPOINTED = "appointed"  # a 党的工作小组 (docs/party.md)
TERM_CATEGORIES = ("current", "due", "overdue", "none", APPOINTED)


def elected_term(record: Record, settings: Settings) -> Term | None:
    """The current term of a record that holds 换届 elections; None for a 党的工作小组 (appointed,
    not elected: docs/party.md), for a C 类 cell without 换届 duties (settings ``party.category_c_duties``)
    and for a record without a complete ``term``."""
    if not holds_elections(record, settings):
        return None
    return term_of(record.data)


def state_of(record: Record, day: dt.date, settings: Settings) -> str | None:
    """``current`` / ``due`` / ``overdue`` on ``day`` (K301/K302, K505, due-elections), None without an
    elected term. ``due``: within the record kind's reminder period (settings ``lead_for``, docs/calendar.md)."""
    term = elected_term(record, settings)
    return None if term is None else str(term_state(term.end, day, settings.lead_for(record.kind)))


def term_category(record: Record, day: dt.date, settings: Settings) -> str:
    """The column of ``summary terms`` a record is counted in: its state, ``none`` (no term recorded)
    or ``appointed`` (no 换届: a 党的工作小组, a C 类 cell without duties; never 未登记当届)."""
    if not holds_elections(record, settings):
        return APPOINTED
    return state_of(record, day, settings) or "none"
