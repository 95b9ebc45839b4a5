"""The term (届) a record elects, and its 换届 state (docs/figures.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kexie_cli.party.forms import holds_elections
from kexie_cli.records.model import Record, term_of
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import Term, term_state

APPOINTED = "appointed"  # a 党的工作小组 (docs/party.md)
TERM_CATEGORIES = ("current", "due", "overdue", "none", APPOINTED)


#: the record an id names (``Index.get``), to read the society a 分支机构 follows
Lookup = Callable[[str], Record | None]
SUBUNIT = "subunit"


def current_term(record: Record, settings: Settings, lookup: Lookup) -> Term | None:
    """The record's current term, every command's (K301/K302, K704, due-elections, letters, sql, summary).

    A 分支机构 (subunit) whose ``term`` gives no ``years`` serves as long as its society's 理事会: the
    ``years`` of the current term of its ``parent`` society, else (no such society, or one without a
    term) settings ``terms.max_years`` (社团章程: 每届不超过5年). Its own ``years`` always wins (docs/registry.md).
    """
    if record.kind != SUBUNIT or isinstance(record.get("term", "years"), int):
        return term_of(record.data)
    return term_of(record.data, years=subunit_years(record, settings, lookup))


def subunit_years(record: Record, settings: Settings, lookup: Lookup) -> int:
    """The term length a 分支机构 takes from its society (or settings ``terms.max_years``)."""
    parent = record.get("parent")
    society = lookup(parent) if isinstance(parent, str) else None
    theirs = term_of(society.data) if society is not None and society.kind == "society" else None
    return theirs.years if theirs is not None else settings.max_years


def elected_term(record: Record, settings: Settings, lookup: Lookup) -> Term | None:
    """The current term of a record that holds 换届 elections; None for a 党的工作小组 (appointed,
    not elected: docs/party.md), for a C 类 cell without 换届 duties (settings ``party.category_c_duties``)
    and for a record without a complete ``term`` (:func:`current_term`)."""
    if not holds_elections(record, settings):
        return None
    return current_term(record, settings, lookup)


def state_of(record: Record, day: dt.date, settings: Settings, lookup: Lookup) -> str | None:
    """``current`` / ``due`` / ``overdue`` on ``day`` (K301/K302, K505, due-elections), None without an
    elected term. ``due``: within the record kind's reminder period (settings ``lead_for``, docs/calendar.md)."""
    term = elected_term(record, settings, lookup)
    return None if term is None else str(term_state(term.end, day, settings.lead_for(record.kind)))


def term_category(record: Record, day: dt.date, settings: Settings, lookup: Lookup) -> str:
    """The column of ``summary terms`` a record is counted in: its state, ``none`` (no term recorded)
    or ``appointed`` (no 换届: a 党的工作小组, a C 类 cell without duties; never 未登记当届)."""
    if not holds_elections(record, settings):
        return APPOINTED
    return state_of(record, day, settings, lookup) or "none"
