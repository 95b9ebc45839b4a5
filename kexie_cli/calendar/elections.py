"""``kexie due-elections``: records whose term has ended or ends within the lead time.

Decisions (docs/calendar.md):
- Only records still on the books (``Record.live``) with a complete ``term``
  are listed; a record without a term has nothing to elect.
- The steps of a 换届 and their dates are each kind's own (``rules/process.py``):
  a society's 方案, 财务审计, 召开大会请示 and its 批复, the congress, 报科协备案 (working
  days), the 审查同意 and the 民政变更登记; a 基层科协's 方案报同级党委, 代表大会, 报上级科协备案;
  a Party cell's 换届请示, 批复, 候选人预备人选, 党员大会, 选举结果报批.
- A step is *done* when the record's ``election`` progress has its date. The
  "next step" is the first step not done (docs/calendar.md); a step not done whose date
  has passed is *late*.
- The reminder period of each kind opens before its first step is due (settings
  ``elections.<kind>.lead_months``), so a first reminder has nothing overdue.
- After ``kexie elect`` the record stays listed (state ``follow-up``) while the
  steps after the congress (备案, 变更登记, 选举结果报批) of the 换届 just held are not all done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kexie_cli import kinds
from kexie_cli.calendar.lead import Lead, window_state
from kexie_cli.errors import KexieError
from kexie_cli.figures.books import on_books
from kexie_cli.figures.terms import Lookup, current_term
from kexie_cli.i18n import load_catalogues, tr
from kexie_cli.numerals import term_label
from kexie_cli.party.forms import holds_elections
from kexie_cli.records.election import RECORD_STEPS, Done, progress
from kexie_cli.records.model import Record, current_leaders, get, text
from kexie_cli.registry.settings import Settings
from kexie_cli.rules.process import Step, follow_up, past_end, schedule
from kexie_cli.tables import Column, TableData
from kexie_cli.terms import Term, TermState, days_until

KINDS = tuple(k.code for k in kinds.KINDS if k.elections)
FOLLOW_UP = "follow-up"


@dataclass(frozen=True, slots=True)
class ElectionQuery:
    today: dt.date
    lead: Lead
    kinds: frozenset[str] | None = None
    levels: frozenset[str] | None = None
    states: frozenset[str] | None = None
    parent: str | None = None
    lead_given: bool = False  # --within: one period for every kind; else each kind's own (settings)


@dataclass(frozen=True, slots=True)
class Election:
    """One record whose 换届 is due or overdue."""

    record: Record
    term: Term
    state: TermState | str  # TermState, or FOLLOW_UP: the congress is held, steps after it are not all done
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


def _matches(record: Record, settings: Settings, query: ElectionQuery, scope: set[str] | None) -> bool:
    if record.kind not in KINDS or not on_books(record, query.today):
        return False
    if not holds_elections(record, settings):  # a 党的工作小组 is appointed: no 换届 (docs/party.md)
        return False
    if query.kinds is not None and record.kind not in query.kinds:
        return False
    if query.levels is not None and text(record.get("level")) not in query.levels:
        return False
    return scope is None or record.id in scope


def due_elections(records: list[Record], settings: Settings, query: ElectionQuery) -> list[Election]:
    """Records with a due or overdue 换届, sorted by effective end date, then id."""
    scope = subtree(records, query.parent) if query.parent else None
    by_id = {r.id: r for r in reversed(records) if r.loaded}  # the first record of an id, as the Index has it
    out = []
    for record in records:
        if not _matches(record, settings, query, scope):
            continue
        item = _election(record, settings, query, by_id.get)
        if item is not None and (query.states is None or _state(item) in query.states):
            out.append(item)
    out.sort(key=lambda e: (e.term.end, e.id))
    return out


def _state(item: Election) -> str:
    return item.state.value if isinstance(item.state, TermState) else item.state


def _election(record: Record, settings: Settings, query: ElectionQuery, lookup: Lookup) -> Election | None:
    """The record's open 换届: due or overdue by its term (a 分支机构's may take its society's length:
    figures.terms.current_term), or the follow-up of the last one held."""
    term = current_term(record, settings, lookup)
    if term is None:
        return None
    lead = query.lead if query.lead_given else Lead.months(settings.lead_for(record.kind))
    state: TermState | str = window_state(term.end, query.today, lead)
    node = get(record.data, ("election",))
    end = term.end
    if state is TermState.CURRENT:
        pending = follow_up(record.data, record.kind)
        if pending is None:
            return None
        state, node = FOLLOW_UP, pending[1]
        end = past_end(record.data, pending[0]) or term.started
    steps = schedule(record.kind, end, settings, node)
    party = kinds.process_of(record.kind) == kinds.PARTY_PROCESS
    officer_role = "secretary" if party else "secretary-general"
    return Election(
        record=record,
        term=term,
        state=state,
        days=days_until(term.end, query.today),
        steps=steps,
        next_step=next_step(steps),
        chair=_names(record, query.today, "chair"),
        officer=_names(record, query.today, officer_role),
        today=query.today,
        progress=progress(node),
    )


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
        "state": _state(item),
        "chair": item.chair or None,
        "secretary_general": None if party else item.officer or None,
        "secretary": item.officer or None if party else None,
        "officer": item.officer or None,
        "next_step": step_row(item.next_step, item.today) if item.next_step else None,
        "steps": [step_row(s, item.today) for s in item.steps],
        "progress": {k: {"date": d.date, "doc_no": d.doc_no} for k, d in item.progress.items()},
    }


def step_row(step: Step, today: dt.date) -> dict[str, object]:
    """``{step, date, done, doc_no}`` (docs/calendar.md) plus ``late``, ``upper`` and ``relative``."""
    return {
        "step": step.key,
        "date": step.date,
        "done": step.done,
        "doc_no": step.doc_no,
        "late": step.late(today),
        "upper": step.upper,
        "relative": step.relative,
        "workdays_fallback": list(step.fallback_years),
    }


def show_days(value: object, lang: str) -> str:
    if not isinstance(value, int):
        return ""
    if value == 0:
        return tr("elections.days_today", lang)
    key = "elections.days_left" if value > 0 else "elections.days_over"
    return tr(key, lang, days=abs(value))


def show_step(value: object, lang: str, kind: object = None) -> str:
    """``报送换届工作方案（2026-06-17 前）``; a Party cell's steps in its own words."""
    if not isinstance(value, dict):
        return ""
    label = tr(_step_key(kind, str(value["step"])), lang)
    if value.get("upper"):  # the upper body's 批复 / 审查同意: no deadline of its own
        return tr("elections.awaiting", lang, step=label)
    key = "election.step_late" if value.get("late") else "elections.step_by"
    return label + tr(key, lang, date=value["date"])


def _step_key(kind: object, step: str) -> str:
    """The catalogue key of a step's words: the kind's own (``elections.step.subunit.plan``) when the
    catalogues have it, else those of its 换届 process (a Party cell's and a 基层科协's are their own)."""
    own = f"elections.step.{kind}.{step}"
    return own if own in load_catalogues() else f"elections.step.{_words(kind)}{step}"


def _words(kind: object) -> str:
    """The catalogue prefix of a kind's step words (a Party cell's and a 基层科协's are their own)."""
    process = kinds.process_of(kind if isinstance(kind, str) else None)
    return "" if process == kinds.SOCIETY_PROCESS else f"{process}."


def show_done(value: object, lang: str, kind: object = None) -> str:
    """The steps recorded as done: ``已报方案 2026-05-06、已批准 2026-09-20`` (a Party cell: 已报请示)."""
    if not isinstance(value, dict):
        return ""
    prefix = "party." if kind == "party-cell" else ""
    return tr("election.list_sep", lang).join(
        tr(
            f"election.done.{prefix}{key}" if prefix and key == "plan_submitted" else f"election.done.{key}",
            lang,
            date=value[key]["date"],
        )
        for key in RECORD_STEPS
        if key in value
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
        Column(
            "progress", "已完成", "Done", show_row=lambda row, lg: show_done(row.get("progress"), lg, row.get("kind"))
        ),
        Column(
            "next_step",
            "下一步",
            "Next step",
            show_row=lambda row, lg: show_step(row.get("next_step"), lg, row.get("kind")),
        ),
    ]
    overdue = sum(1 for i in items if i.state is TermState.OVERDUE)
    follow = sum(1 for i in items if i.state == FOLLOW_UP)
    headline = tr(
        "elections.headline",
        lang,
        overdue=overdue,
        due=len(items) - overdue - follow,
        follow=follow,
        lead=query.lead.describe(lang),
        today=query.today.isoformat(),
    )
    title = tr("elections.title", lang, registry=settings.registry, today=query.today.isoformat())
    return TableData(title, columns, rows, headline=headline)
