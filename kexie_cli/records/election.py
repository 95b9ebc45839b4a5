"""The progress of a 换届 as the record keeps it: ``election: {plan_submitted, ..., registered}``.

Each step is ``{date, doc_no?}`` (docs/registry.md). A party cell has no
``party_review`` (its 换届 is approved by the 上级党组织 itself). When the
congress is recorded (``kexie elect``) the progress moves into the closed
term's ``past_terms`` entry, with ``held`` filled in, so the 变更登记/备案
(``registered``) that follows the congress can still be recorded there and
checked (K309).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.records.model import date, entries, get, integer, text

# every recordable key, in the order of a society's 换届 (the order of each kind: rules/process.py)
RECORD_STEPS = (
    "plan_submitted",
    "party_review",
    "approved",
    "audited",
    "candidates",
    "congress_requested",
    "congress_approved",
    "held",
    "filed",
    "filing_approved",
    "registered",
)
SOCIETY_RECORD_STEPS = (
    "plan_submitted",
    "party_review",
    "approved",
    "audited",
    "congress_requested",
    "congress_approved",
    "held",
    "filed",
    "filing_approved",
    "registered",
)
BRANCH_RECORD_STEPS = ("plan_submitted", "party_review", "approved", "held", "registered")
PARTY_RECORD_STEPS = ("plan_submitted", "approved", "candidates", "held", "registered")


@dataclass(frozen=True, slots=True)
class Done:
    """One completed step: when, and under which 文号."""

    date: dt.date
    doc_no: str | None = None


def record_steps(kind: str | None) -> tuple[str, ...]:
    """The recordable steps of a record of ``kind``."""
    process = kinds.process_of(kind)
    if process == kinds.PARTY_PROCESS:
        return PARTY_RECORD_STEPS
    return BRANCH_RECORD_STEPS if process == kinds.BRANCH_PROCESS else SOCIETY_RECORD_STEPS


def progress(node: Any) -> dict[str, Done]:
    """The completed steps of an ``election`` mapping (steps without a valid date are left out)."""
    out: dict[str, Done] = {}
    for key in RECORD_STEPS:
        day = date(get(node, (key, "date")))
        if day is not None:
            out[key] = Done(day, text(get(node, (key, "doc_no"))))
    return out


def last_past_term(data: Any) -> tuple[int, dict[str, Any]] | None:
    """The ``past_terms`` entry with the highest number (the term the last 换届 closed)."""
    found = [(integer(item.get("number")) or -1, index, item) for index, item in entries(get(data, ("past_terms",)))]
    if not found:
        return None
    _, index, item = max(found, key=lambda t: (t[0], t[1]))
    return index, item
