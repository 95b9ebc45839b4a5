"""``kexie due-elections``: records whose term has ended or ends within the lead time.

Decisions (docs/calendar.md):
- Only records still on the books (``Record.live``) with a complete ``term``
  are listed; a record without a term has nothing to elect.
- The working steps around a 换届 are computed from the effective end E:
  submit the 换届方案 by E − ``plan_months_before``, request approval of the
  congress by E − ``approval_months_before``, hold the congress by E, file the
  备案 within ``filing_days_after`` days (counted from E at the latest).
- A step is *done* when the record's ``election`` progress has its date
  (``plan`` ← ``plan_submitted``, ``approval`` ← ``approved``, ``election``
  ← ``held``, ``filing`` ← ``registered``). ``party_review`` is shown as done
  but is no step of its own: it has no date of its own in the calendar and
  comes before the approval. Once the congress is held, the filing date
  counts from the day it was held.
- The "next step" is the first step not done (docs/calendar.md); a step not done whose
  date has passed is *late*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kexie_cli import kinds
from kexie_cli.calendar.lead import Lead, window_state
from kexie_cli.errors import KexieError
from kexie_cli.figures.books import on_books
from kexie_cli.figures.terms import elected_term
from kexie_cli.i18n import tr
from kexie_cli.numerals import term_label
from kexie_cli.records.election import RECORD_STEP, RECORD_STEPS, Done, progress
from kexie_cli.records.model import Record, current_leaders, get, text
from kexie_cli.registry.settings import Settings
from kexie_cli.tables import Column, TableData
from kexie_cli.terms import Term, TermState, add_months, days_until

KINDS = kinds.CODES
STEP_KEYS = ("plan", "approval", "election", "filing")


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    date: dt.date
    done: dt.date | None = None
    doc_no: str | None = None

    def late(self, today: dt.date) -> bool:
        """Not done and its date has passed."""
        return self.done is None and self.date < today


@dataclass(frozen=True, slots=True)
class ElectionQuery:
    today: dt.date
    lead: Lead
    kinds: frozenset[str] | None = None
    levels: frozenset[str] | None = None
    states: frozenset[str] | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Election:
    """One record whose 换届 is due or overdue."""

    record: Record
    term: Term
    state: TermState
    days: int
    steps: tuple[Step, ...]
    next_step: Step | None
    chair: str
    officer: str  # secretary-general (society, branch) or secretary (party cell)
    today: dt.date
    progress: dict[str, Done]  # the recorded steps of this 换届 (record's ``election``)

    @property
    def id(self) -> str:
        return self.record.id


def working_steps(end: dt.date, settings: Settings, done: dict[str, Done] | None = None) -> tuple[Step, ...]:
    """The steps of the 换届 of a term ending on ``end``, with the ones ``done`` marked."""
    done = done or {}
    held = done.get("held")
    dates = {
        "plan": add_months(end, -settings.plan_months_before),
        "approval": add_months(end, -settings.approval_months_before),
        "election": end,
        "filing": (held.date if held else end) + dt.timedelta(days=settings.filing_days_after),
    }
    out = []
    for key in STEP_KEYS:
        step = done.get(RECORD_STEP[key])
        out.append(Step(key, dates[key], step.date if step else None, step.doc_no if step else None))
    return tuple(out)


def next_step(steps: tuple[Step, ...]) -> Step | None:
    """The first step not done (docs/calendar.md)."""
    return next((s for s in steps if s.done is None), None)


def subtree(records: Iterable[Record], top: str) -> set[str]:
    """``top`` and every record whose ``parent`` chain reaches it."""
    parent_of = {r.id: text(r.get("parent")) for r in records}
    if top not in parent_of:
        raise KexieError("elections.unknown_parent", id=top)
    inside = {top}
    for start in parent_of:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in inside and node not in chain:
            chain.append(node)
            node = parent_of.get(node)
        if node in inside:
            inside.update(chain)
    return inside


def _names(record: Record, today: dt.date, role: str) -> str:
    return "、".join(ld.name for ld in current_leaders(record.data, today, role))


def _matches(record: Record, query: ElectionQuery, scope: set[str] | None) -> bool:
    if record.kind not in KINDS or not on_books(record, query.today):
        return False
    if query.kinds is not None and record.kind not in query.kinds:
        return False
    if query.levels is not None and text(record.get("level")) not in query.levels:
        return False
    return scope is None or record.id in scope


def due_elections(records: list[Record], settings: Settings, query: ElectionQuery) -> list[Election]:
    """Records with a due or overdue 换届, sorted by effective end date, then id."""
    scope = subtree(records, query.parent) if query.parent else None
    out = []
    for record in records:
        if not _matches(record, query, scope):
            continue
        term = elected_term(record)  # None for a 党的工作小组: appointed, no 换届 (docs/party.md)
        if term is None:
            continue
        state = window_state(term.end, query.today, query.lead)
        if state is TermState.CURRENT or (query.states is not None and state.value not in query.states):
            continue
        done = progress(get(record.data, ("election",)))
        steps = working_steps(term.end, settings, done)
        officer_role = "secretary" if record.kind == "party-cell" else "secretary-general"
        out.append(
            Election(
                record=record,
                term=term,
                state=state,
                days=days_until(term.end, query.today),
                steps=steps,
                next_step=next_step(steps),
                chair=_names(record, query.today, "chair"),
                officer=_names(record, query.today, officer_role),
                today=query.today,
                progress=done,
            )
        )
    out.sort(key=lambda e: (e.term.end, e.id))
    return out


def election_row(item: Election) -> dict[str, object]:
    """The stable JSON shape of one record (docs/calendar.md)."""
    record, term = item.record, item.term
    party = record.kind == "party-cell"
    return {
        "id": item.id,
        "kind": record.kind,
        "name": record.name,
        "level": text(record.get("level")),
        "number": term.number,
        "number_label": term_label(term.number),
        "started": term.started,
        "regular_end": term.regular_end,
        "term_ends": term.end,
        "extended": term.extended_to is not None,
        "extension_approved": term.extension_approved,
        "days": item.days,
        "state": item.state.value,
        "chair": item.chair or None,
        "secretary_general": None if party else item.officer or None,
        "secretary": item.officer or None if party else None,
        "officer": item.officer or None,
        "next_step": step_row(item.next_step, item.today) if item.next_step else None,
        "steps": [step_row(s, item.today) for s in item.steps],
        "progress": {k: {"date": d.date, "doc_no": d.doc_no} for k, d in item.progress.items()},
    }


def step_row(step: Step, today: dt.date) -> dict[str, object]:
    """``{step, date, done, doc_no}`` (docs/calendar.md) plus ``late``: not done and past its date."""
    return {"step": step.key, "date": step.date, "done": step.done, "doc_no": step.doc_no, "late": step.late(today)}


def show_days(value: object, lang: str) -> str:
    if not isinstance(value, int):
        return ""
    if value == 0:
        return tr("elections.days_today", lang)
    key = "elections.days_left" if value > 0 else "elections.days_over"
    return tr(key, lang, days=abs(value))


#: steps a Party cell names in its own words (its 换届 is approved by the 上级党组织)
PARTY_STEP_WORDS = frozenset(("plan", "approval", "election", "filing"))


def show_step(value: object, lang: str, kind: object = None) -> str:
    """``报送换届工作方案（2026-06-17 前）``; a Party cell's steps in its own words."""
    if not isinstance(value, dict):
        return ""
    party = kind == "party-cell" and value["step"] in PARTY_STEP_WORDS
    label = tr(f"elections.step.{'party.' if party else ''}{value['step']}", lang)
    key = "election.step_late" if value.get("late") else "elections.step_by"
    return label + tr(key, lang, date=value["date"])


def show_done(value: object, lang: str) -> str:
    """The steps recorded as done: ``已报方案 2026-05-06、已批准 2026-09-20``."""
    if not isinstance(value, dict):
        return ""
    return tr("election.list_sep", lang).join(
        tr(f"election.done.{key}", lang, date=value[key]["date"]) for key in RECORD_STEPS if key in value
    )


def _end_cell(row: dict[str, object], lang: str) -> str:
    end = row.get("term_ends")
    text = end.isoformat() if isinstance(end, dt.date) else ""
    return text + "\n" + tr("elections.extended_mark", lang) if row.get("extended") else text


def elections_table(items: list[Election], settings: Settings, query: ElectionQuery, lang: str) -> TableData:
    rows = [election_row(i) for i in items]
    # terminal table: 状态 is said by 剩余/逾期 already, 已批准延期 is marked on the end date,
    # 本届开始 goes first when the terminal is narrow (docs/calendar.md)
    columns = [
        Column("name", "名称", "Name", name=True, min_width=12),
        Column("kind", "类别", "Kind", lambda v, lg: kinds.noun(v, lg) if v else "", optional=True),
        Column("number", "届次", "Term", lambda v, lg: term_label(v, lg) if isinstance(v, int) else "", min_width=8),
        Column("started", "本届开始", "Started", optional=True),
        Column("term_ends", "届满日期", "Ends", cell=_end_cell),
        Column("days", "剩余/逾期", "Days", show_days, align="right"),
        Column("state", "状态", "State", lambda v, lg: tr(f"elections.state.{v}", lg) if v else "", in_table=False),
        Column("chair", "理事长/主席", "Chair", person=True),
        Column("officer", "秘书长/书记", "Sec.-gen./secretary", person=True),
        Column("extended", "已批准延期", "Extended", in_table=False),
        Column("progress", "已完成", "Done", show_done),
        Column(
            "next_step",
            "下一步",
            "Next step",
            show_row=lambda row, lg: show_step(row.get("next_step"), lg, row.get("kind")),
        ),
    ]
    overdue = sum(1 for i in items if i.state is TermState.OVERDUE)
    headline = tr(
        "elections.headline",
        lang,
        overdue=overdue,
        due=len(items) - overdue,
        lead=query.lead.describe(lang),
        today=query.today.isoformat(),
    )
    title = tr("elections.title", lang, registry=settings.registry, today=query.today.isoformat())
    return TableData(title, columns, rows, headline=headline)
