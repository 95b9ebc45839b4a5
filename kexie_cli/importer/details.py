"""The detail sheets of a ``kexie export --format xlsx`` workbook, read back by record id.

A workbook written by ``kexie export`` has, beside the sheet of each kind, the sheets
负责人, 年检, 星级评定, 三会一课, 届次 and 党组织覆盖 (see :mod:`kexie_cli.query.dataset`). When
they are present, an import of that workbook takes a record's leaders, inspections, star
ratings, 三会一课, current and past terms and covered records from them, so the export → import
round trip keeps what the rules look at (docs/import.md lists what it does not carry).

The sheets of the other kinds of the same export (科技社团 / 基层科协 / 党组织, recognised by
their full export header) are not details of the imported kind: they are neither joined to it
nor read, and the report names them with the ``--kind`` that imports each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds
from kexie_cli.importer import cells
from kexie_cli.importer.cells import Cell, Unreadable, blank
from kexie_cli.importer.columns import header_key
from kexie_cli.importer.rows import Note
from kexie_cli.importer.sheets import Sheet, full
from kexie_cli.query.dataset_schema import SCHEMA, Col, links_of
from kexie_cli.records.roles import role_words
from kexie_cli.registry.schemas import SchemaSet

HEADER_SEARCH = 5  # rows looked at for the header (kexie export writes a title row above it)
AUX_TABLES = ("leaders", "inspections", "stars", "meetings", "terms", "coverage")
LEADER_KEYS = ("role", "name", "since", "until", "party_member", "full_time", "birth_year", "first_term")
TERM_KEYS = ("number", "started", "years", "extended_to", "extension_approved")
# the columns read back; the others (age, state, days, effective end ...) are derived by kexie
USED = {
    "record_id",
    "society_id",
    "cell_id",
    "current",
    "ended",
    "result",
    "submitted",
    "year",
    "stars",
    "date",
    "type",
}
USED |= {*LEADER_KEYS, *TERM_KEYS}


@dataclass(slots=True)
class Details:
    """Lists by record id, as they go into the record."""

    leaders: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    inspections: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    stars: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    term: dict[str, dict[str, Any]] = field(default_factory=dict)
    past_terms: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    covers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    meetings: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    present: set[str] = field(default_factory=set)  # which of AUX_TABLES the workbook has
    sheets: set[str] = field(default_factory=set)  # titles of the sheets read
    other_kinds: dict[str, str] = field(default_factory=dict)  # title → kind code: another kind's export sheet
    notes: list[Note] = field(default_factory=list)

    def fields_for(self, record_id: str, kind: str) -> dict[str, Any]:
        """The list fields of one record (only those whose sheet is present)."""
        out: dict[str, Any] = {}
        if "leaders" in self.present:
            out["leaders"] = self.leaders.get(record_id, [])
        if kind == "society" and "inspections" in self.present:
            out["inspections"] = self.inspections.get(record_id, [])
        if kind == "society" and "stars" in self.present:
            out["stars"] = self.stars.get(record_id, [])
        if "terms" in self.present:
            out["term"] = self.term.get(record_id)
            out["past_terms"] = self.past_terms.get(record_id, [])
        if kind == "party-cell" and "coverage" in self.present:
            out["covers"] = self.covers.get(record_id, [])
        if kind == "party-cell" and "meetings" in self.present:
            out["meetings"] = self.meetings.get(record_id, [])
        return out


def read_details(sheets: list[Sheet], schemas: SchemaSet, kind: str) -> Details:
    """The detail sheets of an export, and the sheets of kinds other than ``kind`` it holds."""
    details = Details()
    by_title = {s.title: s for s in sheets}
    for other in kinds.KINDS:
        # the kind's own table and the tables of its parts (annual → annual_events 年度活动, alliance →
        # alliance_members); the link table of the imported kind repeats its 成员学会 column, which is read
        links = [name for name, _ in links_of(other)]
        parts = [t for t in SCHEMA if t == other.table or t.startswith(other.table + "_")]
        for table in links if other.code == kind else [*parts, *links]:
            title, _, columns = SCHEMA[table]
            found = by_title.get(title) if columns else None
            if found is not None and _export_header(found, columns) is not None:
                if other.code == kind:
                    details.sheets.add(title)
                else:
                    details.other_kinds[title] = other.code
    for table in AUX_TABLES:
        zh, _, columns = SCHEMA[table]
        sheet = by_title.get(zh)
        if sheet is None:
            continue
        header = _export_header(sheet, columns)
        if header is None:
            continue  # not a kexie export sheet
        position, index = header
        sheet = full(sheet)
        details.present.add(table)
        details.sheets.add(zh)
        for number, row in sheet.rows[position + 1 :]:
            values: dict[str, Any] = {}
            for i, col in index.items():
                if col.name not in USED or i >= len(row) or blank(row[i].value):
                    continue
                try:
                    values[col.name] = _value(row[i], col, schemas)
                except Unreadable as exc:
                    params = tuple((k, str(v)) for k, v in exc.params.items())
                    details.notes.append(Note(number, f"{zh}!{col.zh}", cells.display(row[i]), exc.key, params))
            if values:
                _add(details, table, values)
    return details


def _export_header(sheet: Sheet, columns: list[Col]) -> tuple[int, dict[int, Col]] | None:
    """Where the header of ``kexie export``'s table ``columns`` is in ``sheet``, and each column's place."""
    names = {header_key(c.zh): c for c in columns}
    wanted = {c.name for c in columns}
    for position, (_, header) in enumerate(sheet.rows[:HEADER_SEARCH]):  # a title row may come first
        keys = (header_key(str(c.value)) for c in header)
        index = {i: names[k] for i, k in enumerate(keys) if k in names}
        if {c.name for c in index.values()} == wanted:
            return position, index
    return None


def _value(cell: Cell, col: Col, schemas: SchemaSet) -> Any:
    if col.labels == "role":  # written with its record kind's word (主席, 书记 ...): any kind's word reads back
        return cells.read_enum(cell, role_words())
    if col.enum is not None:
        return cells.read_enum(cell, schemas.labels(*col.enum))
    type_ = col.type
    if type_ == "DATE":
        return cells.read_date(cell).day.isoformat()
    if type_ == "INTEGER":
        return cells.read_int(cell)
    if type_ == "BOOLEAN":
        return cells.read_bool(cell)
    return cells.read_text(cell)


def _pick(values: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: values[k] for k in keys if values.get(k) is not None}


def _add(details: Details, table: str, values: dict[str, Any]) -> None:
    if table == "leaders" and values.get("record_id"):
        details.leaders[values["record_id"]].append(_pick(values, LEADER_KEYS))
    elif table == "inspections" and values.get("society_id"):
        details.inspections[values["society_id"]].append(_pick(values, ("year", "result", "submitted")))
    elif table == "stars" and values.get("society_id"):
        details.stars[values["society_id"]].append(_pick(values, ("year", "stars")))
    elif table == "terms" and values.get("record_id"):
        if values.get("current") is True:
            details.term[values["record_id"]] = _pick(values, TERM_KEYS)
        else:
            details.past_terms[values["record_id"]].append(_pick(values, (*TERM_KEYS, "ended")))
    elif table == "meetings" and values.get("cell_id"):
        details.meetings[values["cell_id"]].append(_pick(values, ("date", "type")))
    elif table == "coverage" and values.get("cell_id") and values.get("record_id"):
        details.covers[values["cell_id"]].append(values["record_id"])
