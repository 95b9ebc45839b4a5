"""The edit operations of the commands: set, unset, inspect, extend, a record step, elect.

Each is a callable on the ruamel document and the EditContext that returns the
paths it changed; ``edit/commands.py`` runs it (read, edit, check, write).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.edit import canonical, tree
from kexie_cli.edit.commands import EditContext, Path_
from kexie_cli.errors import KexieError
from kexie_cli.records.election import RECORD_STEPS, last_past_term, progress, record_steps
from kexie_cli.records.model import date as as_date


@dataclass(frozen=True, slots=True)
class SetField:
    """``kexie set ID PATH VALUE``: any field, the value read as the schema's type."""

    path: Path_
    raw: str

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        schema = tree.field_schema(ctx.schemas, ctx.kind, self.path)
        value = tree.parse_value(self.raw, schema)
        flow = _sibling_flow(doc, self.path) and isinstance(value, dict)
        tree.set_node(doc, self.path, value, tree.key_orders(ctx.schemas, ctx.kind, self.path), flow=flow)
        return [self.path]


@dataclass(frozen=True, slots=True)
class UnsetField:
    """``kexie unset ID PATH``: remove a field or a list entry."""

    path: Path_

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        if self.path in {("id",), ("kind",)}:
            raise KexieError("edit.protected", path=tree.show_path(self.path))
        if not tree.delete_node(doc, self.path):
            raise KexieError("edit.no_such_path", path=tree.show_path(self.path))
        return [self.path]


def _sibling_flow(doc: Any, path: Path_) -> bool:
    """A new list entry follows its siblings' style (flow when they are flow, or the list is new)."""
    if not path or not isinstance(path[-1], int):
        return False
    parent = tree.get_node(doc, path[:-1])
    if not isinstance(parent, list) or not parent:
        return True
    other = parent[0]
    return bool(getattr(getattr(other, "fa", None), "flow_style", lambda: False)())


@dataclass(frozen=True, slots=True)
class Inspect:
    """``kexie inspect ID --year Y --result R [--submitted D]``: add or correct one 年检 entry."""

    year: int
    result: str
    submitted: dt.date | None = None
    today: dt.date | None = None  # a --submitted date after it is refused

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        refuse_future("--submitted", self.submitted, self.today)
        if "inspections" not in ctx.schemas.key_order(ctx.kind, ()):
            raise KexieError("edit.no_field", field="inspections", kind=ctx.kind)
        entries = doc.get("inspections")
        if entries is None:
            tree.set_node(doc, ("inspections",), [], tree.key_orders(ctx.schemas, ctx.kind, ("inspections",)))
            entries = doc["inspections"]
        if not isinstance(entries, list):
            raise KexieError("edit.not_container", path="inspections")
        order = ctx.schemas.key_order(ctx.kind, ("inspections", 0))
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("year") == self.year:
                _update(entry, "result", self.result, order)
                if self.submitted is not None:
                    _update(entry, "submitted", self.submitted.isoformat(), order)
                return [("inspections", index)]
        value: dict[str, Any] = {"year": self.year, "result": self.result}
        if self.submitted is not None:
            value["submitted"] = self.submitted.isoformat()
        index = sum(1 for e in entries if isinstance(e, dict) and _int(e.get("year")) < self.year)
        flow = _sibling_flow(doc, ("inspections", 0))
        tree.insert_item(entries, index, tree.to_node(value, flow=flow))
        return [("inspections", index)]


def refuse_future(option: str, day: dt.date | None, today: dt.date | None) -> None:
    """A date after today (``--as-of``) is refused: only what has happened is recorded (issue 20)."""
    if day is not None and today is not None and day > today:
        raise KexieError("edit.future_date", option=option, date=day.isoformat(), today=today.isoformat())


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _update(node: Any, key: str, value: Any, order: list[str]) -> None:
    if key in node:
        canonical.put(node, key, tree.to_node(value))
    else:
        tree.insert_key(node, key, tree.to_node(value), order)


@dataclass(frozen=True, slots=True)
class Extend:
    """``kexie extend ID --until D --approved D``: an approved delay of the 换届."""

    until: dt.date
    approved: dt.date
    today: dt.date | None = None  # an --approved date after it is refused

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        refuse_future("--approved", self.approved, self.today)
        term = doc.get("term")
        if not isinstance(term, dict):
            raise KexieError("edit.no_term")
        order = ctx.schemas.key_order(ctx.kind, ("term",))
        _update(term, "extended_to", self.until.isoformat(), order)
        _update(term, "extension_approved", self.approved.isoformat(), order)
        return [("term", "extended_to"), ("term", "extension_approved")]


@dataclass(frozen=True, slots=True)
class RecordStep:
    """``kexie election ID --step S --date D [--doc-no X]``: one step of the 换届 done.

    The step goes into the record's ``election``; a ``registered`` step with no
    congress in the current ``election`` goes to the last closed term's
    ``election`` when that congress awaits its registration (after ``kexie elect``).
    """

    step: str
    date: dt.date
    today: dt.date
    doc_no: str | None = None
    planned: dt.date | None = None  # congress_requested: the planned date of the congress

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        allowed = record_steps(ctx.kind)
        if self.step not in allowed or "election" not in ctx.schemas.key_order(ctx.kind, ()):
            kind = kinds.noun(ctx.kind, "zh")
            raise KexieError("election.no_step", kind=kind, step=self.step, steps=", ".join(allowed))
        if not isinstance(doc.get("term"), dict):
            raise KexieError("election.no_term")
        if self.date > self.today:
            raise KexieError("election.future", date=self.date.isoformat(), today=self.today.isoformat())
        if self.planned is not None and self.step != "congress_requested":
            raise KexieError("election.planned_only")
        value: dict[str, Any] = {"date": self.date.isoformat()}
        if self.doc_no:
            value["doc_no"] = self.doc_no
        if self.planned is not None:
            value["planned"] = self.planned.isoformat()
        where: Path_ = ("election",)
        last = last_past_term(doc)
        after_congress = self.step in ("filed", "filing_approved", "registered")
        if after_congress and "held" not in progress(doc.get("election")) and last is not None:
            done = progress(last[1].get("election"))
            if "held" in done:  # the 换届 just held: its steps after the congress go with it
                where = ("past_terms", last[0], "election")
        node = tree.get_node(doc, where)
        if not isinstance(node, dict):
            tree.set_node(doc, where, {}, tree.key_orders(ctx.schemas, ctx.kind, where))
            node = tree.get_node(doc, where)
        if self.step in node:
            canonical.put(node, self.step, tree.to_node(value))
        else:
            tree.insert_key(node, self.step, tree.to_node(value), list(RECORD_STEPS))
        return [(*where, self.step)]


PARTY_ROLES = ("secretary", "deputy-secretary", "committee-member")
SUBUNIT = "subunit"  # a 分支机构: a term without `years` follows its society's (docs/registry.md)


@dataclass(frozen=True, slots=True)
class Elect:
    """``kexie elect ID --date D``: a 换届. The current term goes to ``past_terms``; the number goes up.

    Refused (nothing written): a date after today, a second 换届 on the day the term started (a
    zero-length term), a 党的工作小组 (appointed, not elected), a 理事长/秘书长 on a Party cell. On a
    Party cell the new committee (书记, 副书记, 委员) replaces the old one: every current holder of those
    roles who is not re-elected to the same role leaves on the day (docs/editing.md).
    """

    date: dt.date
    leaders: tuple[tuple[str, str], ...] = ()  # (role, name) elected at this 换届
    years: int | None = None
    today: dt.date | None = None

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        self._refuse(doc, ctx)
        term = doc.get("term")
        day = self.date.isoformat()
        changed: list[Path_] = [("term",)]
        if isinstance(term, dict):
            number = term.get("number")
            if not isinstance(number, int) or isinstance(number, bool):
                raise KexieError("edit.no_term")
            self._archive(doc, term, ctx)
            changed.append(("past_terms",))
            order = ctx.schemas.key_order(ctx.kind, ("term",))
            _update(term, "number", number + 1, order)
            _update(term, "started", day, order)
            years = self.years if self.years is not None else term.get("years")
            if isinstance(years, int) or ctx.kind != SUBUNIT:  # a 分支机构 may go on following its society
                _update(term, "years", years if isinstance(years, int) else 5, order)
            for key in ("extended_to", "extension_approved"):
                if key in term:
                    tree.delete_node(term, (key,))
        else:
            value = {"number": 1, "started": day, "years": self.years or 5}
            if self.years is None and ctx.kind == SUBUNIT:  # its society's length (figures.terms.current_term)
                del value["years"]
            tree.set_node(doc, ("term",), value, tree.key_orders(ctx.schemas, ctx.kind, ("term",)))
        party = [(r, n) for r, n in self.leaders if r in PARTY_ROLES]
        if ctx.kind == "party-cell" and party and _close_committee(doc, self.date, party, ctx):
            changed.append(("leaders",))
        for role, name in self.leaders:
            if self._elect_leader(doc, role, name, ctx):
                changed.append(("leaders",))
        return changed

    def _refuse(self, doc: Any, ctx: EditContext) -> None:
        refuse_future("--date", self.date, self.today)
        if ctx.kind == "party-cell":
            if doc.get("form") == "working-group":
                raise KexieError("elect.working_group")
            wrong = [r for r, _ in self.leaders if r not in PARTY_ROLES]
            if wrong:
                raise KexieError("elect.role_of_kind", roles=", ".join(f"--{r}" for r in wrong))
        term = doc.get("term")
        started = as_date(term.get("started")) if isinstance(term, dict) else None
        if started is not None and self.date <= started:
            raise KexieError("elect.same_day", date=self.date.isoformat(), started=started.isoformat())

    def _archive(self, doc: Any, term: Any, ctx: EditContext) -> None:
        past_order = ctx.schemas.key_order(ctx.kind, ("past_terms", 0))
        entry = {k: tree.plain(term[k]) for k in past_order if k in term and k not in ("ended", "election")}
        entry["ended"] = self.date.isoformat()
        progress = doc.get("election")  # the 换届 just held: its steps go with the term it closed
        steps = {str(k): tree.plain(v) for k, v in progress.items()} if isinstance(progress, dict) else {}
        steps.setdefault("held", {"date": self.date.isoformat()})
        if "election" in past_order:
            entry["election"] = steps
        if "election" in doc:
            tree.delete_node(doc, ("election",))
        past = doc.get("past_terms")
        if not isinstance(past, list):
            tree.set_node(doc, ("past_terms",), [], tree.key_orders(ctx.schemas, ctx.kind, ("past_terms",)))
            past = doc["past_terms"]
        flow = _sibling_flow(doc, ("past_terms", 0))
        number = entry.get("number")
        index = sum(1 for e in past if isinstance(e, dict) and _int(e.get("number")) < _int(number))
        tree.insert_item(past, index, tree.to_node(entry, flow=flow))

    def _elect_leader(self, doc: Any, role: str, name: str, ctx: EditContext) -> bool:
        if ctx.kind == "party-cell" and role in PARTY_ROLES:
            return _add_holder(doc, role, name, self.date, ctx)
        leaders = doc.get("leaders")
        if not isinstance(leaders, list):
            tree.set_node(doc, ("leaders",), [], tree.key_orders(ctx.schemas, ctx.kind, ("leaders",)))
            leaders = doc["leaders"]
        order = ctx.schemas.key_order(ctx.kind, ("leaders", 0))
        day = self.date.isoformat()
        stays = False
        changed = False
        last_of_role = -1
        for index, item in enumerate(leaders):
            if not isinstance(item, dict) or item.get("role") != role:
                continue
            last_of_role = index
            until = as_date(item.get("until"))
            if until is not None and until <= self.date:
                continue  # already left
            if item.get("name") == name:
                stays = True
            else:
                _update(item, "until", day, order)
                changed = True
        if not stays:
            value = {"role": role, "name": name, "since": day}
            position = last_of_role + 1 if last_of_role >= 0 else len(leaders)
            tree.insert_item(leaders, position, tree.to_node(value))
            changed = True
        return changed


def _close_committee(doc: Any, day: dt.date, elected: list[tuple[str, str]], ctx: EditContext) -> bool:
    """Every current 书记, 副书记 and 委员 not re-elected to the same role leaves on ``day``."""
    leaders = doc.get("leaders")
    if not isinstance(leaders, list):
        return False
    order = ctx.schemas.key_order(ctx.kind, ("leaders", 0))
    keep = set(elected)
    changed = False
    for item in leaders:
        if not isinstance(item, dict) or item.get("role") not in PARTY_ROLES:
            continue
        until = as_date(item.get("until"))
        if until is not None and until <= day:
            continue  # already left
        since = as_date(item.get("since"))
        if (item.get("role"), item.get("name")) in keep and (since is None or since <= day):
            continue  # re-elected to the same role: stays
        _update(item, "until", day.isoformat(), order)
        changed = True
    return changed


def _add_holder(doc: Any, role: str, name: str, day: dt.date, ctx: EditContext) -> bool:
    """Add ``name`` in ``role`` from ``day`` unless already in office in it (re-elected)."""
    leaders = doc.get("leaders")
    if not isinstance(leaders, list):
        tree.set_node(doc, ("leaders",), [], tree.key_orders(ctx.schemas, ctx.kind, ("leaders",)))
        leaders = doc["leaders"]
    last_of_role = -1
    for index, item in enumerate(leaders):
        if not isinstance(item, dict) or item.get("role") not in PARTY_ROLES:
            continue
        if PARTY_ROLES.index(str(item.get("role"))) <= PARTY_ROLES.index(role):
            last_of_role = index
        until = as_date(item.get("until"))
        if item.get("role") == role and item.get("name") == name and (until is None or until > day):
            return False
    position = last_of_role + 1 if last_of_role >= 0 else len(leaders)
    tree.insert_item(leaders, position, tree.to_node({"role": role, "name": name, "since": day.isoformat()}))
    return True
