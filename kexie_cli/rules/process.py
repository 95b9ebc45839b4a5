"""The steps of a 换届, by kind, with their deadlines (docs/calendar.md has each step's source).

One table per kind: each step has a code (``due-elections`` JSON ``steps[].step``), the key it is
recorded under in the record's ``election`` (``kexie election --step``), whose step it is (the
record's own, or the upper body's: a 批复 or 审查同意 sets no deadline for itself), and how its
date is found. Dates count from the effective end E of the term, the congress C (the planned date
``election.congress_requested.planned`` when recorded, else E; the day it was held once held),
or the 审查同意 of the filing. Used by ``kexie due-elections``, the letters and rules
K309–K312.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli.records.election import Done, last_past_term, progress
from kexie_cli.records.model import date, get, text
from kexie_cli.registry.process_settings import process_kind
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import add_months
from kexie_cli.workdays import add_workdays

GRASSROOTS = ("district", "prefecture")  # 区县科协、地市科协: 人民团体 under the 同级党委


@dataclass(frozen=True, slots=True)
class StepDef:
    code: str
    record_key: str
    upper: bool = False  # the upper body's step (批复, 审查同意): no deadline of its own
    after_congress: bool = False


SOCIETY = (
    StepDef("plan", "plan_submitted"),
    StepDef("approval", "approved", upper=True),
    StepDef("audit", "audited"),
    StepDef("request", "congress_requested"),
    StepDef("request_approval", "congress_approved", upper=True),
    StepDef("election", "held"),
    StepDef("filing", "filed", after_congress=True),
    StepDef("filing_approval", "filing_approved", upper=True, after_congress=True),
    StepDef("registration", "registered", after_congress=True),
)
BRANCH = (
    StepDef("plan", "plan_submitted"),
    StepDef("approval", "approved", upper=True),
    StepDef("election", "held"),
    StepDef("filing", "registered", after_congress=True),
)
PARTY = (
    StepDef("plan", "plan_submitted"),
    StepDef("approval", "approved", upper=True),
    StepDef("candidates", "candidates"),
    StepDef("election", "held"),
    StepDef("filing", "registered", after_congress=True),
)
#: steps recorded without a date of their own in the calendar (shown as done, checked for order)
OPTIONAL = {"society": ("party_review",)}
TABLES = {"society": SOCIETY, "branch": BRANCH, "party": PARTY}


def step_table(record_kind: str | None) -> tuple[StepDef, ...]:
    return TABLES[process_kind(record_kind)]


def record_order(record_kind: str | None) -> tuple[str, ...]:
    """The recordable keys of a kind, in the order the steps are done."""
    keys = [s.record_key for s in step_table(record_kind)]
    if process_kind(record_kind) == "society":
        keys.insert(keys.index("approved"), "party_review")
    return tuple(keys)


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    date: dt.date
    done: dt.date | None = None
    doc_no: str | None = None
    upper: bool = False
    relative: bool = False  # counted from a step not done yet: the date is the latest possible
    fallback_years: tuple[int, ...] = ()  # working days counted Monday–Friday in these years

    def late(self, today: dt.date) -> bool:
        """Not done and its date has passed."""
        return self.done is None and self.date < today


def planned_congress(node: Any) -> dt.date | None:
    return date(get(node, ("congress_requested", "planned")))


def schedule(record_kind: str | None, end: dt.date, settings: Settings, node: Any = None) -> tuple[Step, ...]:
    """The steps of the 换届 of a term ending on ``end``; ``node`` is the recorded ``election``."""
    kind = process_kind(record_kind)
    done = progress(node)
    get_ = settings.process.get
    planned = planned_congress(node)
    congress = done["held"].date if "held" in done else planned or end
    dates: dict[str, tuple[dt.date, bool, tuple[int, ...]]] = {}
    if kind == "society":
        request = add_months(planned or end, -get_(kind, "request_months_before_congress"))
        filing = add_workdays(congress, get_(kind, "filing_working_days"))
        approval = done.get("filing_approved")
        base = approval.date if approval else filing.date
        registration = base + dt.timedelta(days=get_(kind, "registration_days"))
        dates = {
            "plan": (add_months(end, -get_(kind, "plan_months_before")), False, ()),
            "approval": (request, False, ()),
            "audit": (request, False, ()),
            "request": (request, False, ()),
            "request_approval": (congress, False, ()),
            "election": (congress, False, ()),
            "filing": (filing.date, "held" not in done, filing.fallback_years),
            "filing_approval": (filing.date, "held" not in done, filing.fallback_years),
            "registration": (registration, approval is None, ()),
        }
    elif kind == "branch":
        dates = {
            "plan": (add_months(end, -get_(kind, "plan_months_before")), False, ()),
            "approval": (congress, False, ()),
            "election": (congress, False, ()),
            "filing": (congress + dt.timedelta(days=get_(kind, "filing_days_after")), "held" not in done, ()),
        }
    else:
        candidates = add_months(end, -get_(kind, "candidates_months_before"))
        dates = {
            "plan": (add_months(end, -get_(kind, "request_months_before")), False, ()),
            "approval": (candidates, False, ()),
            "candidates": (candidates, False, ()),
            "election": (congress, False, ()),
            "filing": (congress + dt.timedelta(days=get_(kind, "result_days_after")), "held" not in done, ()),
        }
    out = []
    for step in TABLES[kind]:
        day, relative, fallback = dates[step.code]
        rec: Done | None = done.get(step.record_key)
        out.append(
            Step(
                step.code,
                day,
                rec.date if rec else None,
                rec.doc_no if rec else None,
                step.upper,
                relative,
                fallback,
            )
        )
    return tuple(out)


def follow_up(data: Any, kind: str | None) -> tuple[tuple[str | int, ...], Any] | None:
    """The closed term whose 换届 has steps left after the congress: (path of its ``election``, node).

    A record stays in ``due-elections`` until the last step of its 换届 is done (issue 20).
    """
    if "held" in progress(get(data, ("election",))):
        return None  # the congress is in the current election: the current 换届 is still open
    last = last_past_term(data)
    if last is None:
        return None
    index, item = last
    node = item.get("election")
    done = progress(node)
    if "held" not in done:
        return None
    if all(s.record_key in done for s in step_table(kind) if s.after_congress):
        return None
    return ("past_terms", index, "election"), node


def past_end(data: Any, path: tuple[str | int, ...]) -> dt.date | None:
    """The effective end of the closed term whose ``election`` is at ``path``."""
    term = get(data, path[:-1])
    return date(get(term, ("extended_to",))) or date(get(term, ("ended",)))


def out_of_order(kind: str | None, node: Any) -> list[tuple[str, str, dt.date, dt.date]]:
    """Recorded steps dated before a step that comes earlier: (step, earlier step, its date, earlier date)."""
    done = progress(node)
    order = [k for k in record_order(kind) if k in done]
    out = []
    for i, key in enumerate(order):
        for earlier in order[:i]:
            if done[key].date < done[earlier].date:
                out.append((key, earlier, done[key].date, done[earlier].date))
                break
    return out


def skipped(kind: str | None, node: Any) -> list[tuple[str, str]]:
    """Steps with no record while a later step is recorded: (missing step, the later step recorded)."""
    done = progress(node)
    optional = OPTIONAL.get(process_kind(kind), ())
    order = [k for k in record_order(kind) if k not in optional]
    out = []
    for i, key in enumerate(order):
        if key in done:
            continue
        later = next((k for k in order[i + 1 :] if k in done), None)
        if later is not None:
            out.append((key, later))
    return out


def grassroots(record_type: object) -> bool:
    """A 区县科协 or 地市科协 (人民团体 holding a 代表大会 under the 同级党委)."""
    return text(record_type) in GRASSROOTS


def held_process(data: Any, kind: str | None) -> tuple[tuple[str | int, ...], Any, dt.date] | None:
    """The 换届 whose congress is held and whose later steps are not all done: (path, node, end)."""
    current = get(data, ("election",))
    if "held" in progress(current):
        started = date(get(data, ("term", "started")))
        return ("election",), current, started or progress(current)["held"].date
    pending = follow_up(data, kind)
    if pending is None:
        return None
    path, node = pending
    return path, node, past_end(data, path) or progress(node)["held"].date


def recorded_processes(data: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """The current ``election`` and the last closed term's: the 换届 whose order is checked."""
    out: list[tuple[tuple[str | int, ...], Any]] = []
    if isinstance(get(data, ("election",)), dict):
        out.append((("election",), get(data, ("election",))))
    last = last_past_term(data)
    if last is not None and isinstance(last[1].get("election"), dict):
        out.append((("past_terms", last[0], "election"), last[1]["election"]))
    return out
