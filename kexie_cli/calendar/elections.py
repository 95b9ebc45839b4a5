"""``kexie due-elections``: records whose term has ended or ends within the lead time.

Decisions (docs/calendar.md):
- Only records still on the books (``Record.live``) with a complete ``term``
  are listed; a record without a term has nothing to elect.
- The working steps around a 换届 are computed from the effective end E:
  submit the 换届方案 by E − ``plan_months_before``, request approval of the
  congress by E − ``approval_months_before``, hold the congress by E, file the
  备案 within ``filing_days_after`` days (counted from E at the latest).
- The "next step" is the first of plan / approval / election whose date is
  today or later; once the term is overdue it is "hold the 换届 now or get an
  extension approved".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kexie_cli.calendar.lead import Lead, window_state
from kexie_cli.calendar.numerals import term_label
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.party.forms import holds_elections
from kexie_cli.records.model import Record, current_leaders, term_of, text
from kexie_cli.registry.settings import Settings
from kexie_cli.reporters.tables import Column, TableData
from kexie_cli.terms import Term, TermState, add_months, days_until

KINDS = ("society", "branch", "party-cell")
STATES = ("overdue", "due")
STEP_KEYS = ("plan", "approval", "election", "filing")


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    date: dt.date


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

    @property
    def id(self) -> str:
        return self.record.id


def working_steps(end: dt.date, settings: Settings) -> tuple[Step, ...]:
    return (
        Step("plan", add_months(end, -settings.plan_months_before)),
        Step("approval", add_months(end, -settings.approval_months_before)),
        Step("election", end),
        Step("filing", end + dt.timedelta(days=settings.filing_days_after)),
    )


def next_step(steps: tuple[Step, ...], state: TermState, today: dt.date) -> Step | None:
    if state is TermState.OVERDUE:
        return Step("overdue", steps[2].date)
    return next((s for s in steps if s.key != "filing" and s.date >= today), None)


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
    if record.kind not in KINDS or not record.loaded or not record.live:
        return False
    if not holds_elections(record):  # a 党的工作小组 is appointed: no 换届 (docs/party.md)
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
        term = term_of(record.data)
        if term is None:
            continue
        state = window_state(term.end, query.today, query.lead)
        if state is TermState.CURRENT or (query.states is not None and state.value not in query.states):
            continue
        steps = working_steps(term.end, settings)
        officer_role = "secretary" if record.kind == "party-cell" else "secretary-general"
        out.append(
            Election(
                record=record,
                term=term,
                state=state,
                days=days_until(term.end, query.today),
                steps=steps,
                next_step=next_step(steps, state, query.today),
                chair=_names(record, query.today, "chair"),
                officer=_names(record, query.today, officer_role),
            )
        )
    out.sort(key=lambda e: (e.term.end, e.id))
    return out


def election_row(item: Election) -> dict[str, object]:
    """The stable JSON shape of one record (SPEC §6 plus extra keys)."""
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
        "next_step": {"step": item.next_step.key, "date": item.next_step.date} if item.next_step else None,
        "steps": [{"step": s.key, "date": s.date} for s in item.steps],
    }


def show_days(value: object, lang: str) -> str:
    if not isinstance(value, int):
        return ""
    if value == 0:
        return tr("elections.days_today", lang)
    key = "elections.days_left" if value > 0 else "elections.days_over"
    return tr(key, lang, days=abs(value))


def show_step(value: object, lang: str) -> str:
    if not isinstance(value, dict):
        return ""
    label = tr(f"elections.step.{value['step']}", lang)
    return label if value["step"] == "overdue" else label + tr("elections.step_by", lang, date=value["date"])


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
        Column("kind", "类别", "Kind", lambda v, lg: tr(f"kind.{v}", lg) if v else "", optional=True),
        Column("number", "届次", "Term", lambda v, lg: term_label(v, lg) if isinstance(v, int) else "", min_width=8),
        Column("started", "本届开始", "Started", optional=True),
        Column("term_ends", "届满日期", "Ends", cell=_end_cell),
        Column("days", "剩余/逾期", "Days", show_days, align="right"),
        Column("state", "状态", "State", lambda v, lg: tr(f"elections.state.{v}", lg) if v else "", in_table=False),
        Column("chair", "理事长/主席", "Chair", person=True),
        Column("officer", "秘书长/书记", "Sec.-gen./secretary", person=True),
        Column("extended", "已批准延期", "Extended", in_table=False),
        Column("next_step", "下一步", "Next step", show_step),
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
