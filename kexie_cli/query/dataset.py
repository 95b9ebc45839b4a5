"""The registry as flat tables: what ``kexie sql`` queries and ``kexie export`` writes.

Every table is a list of rows (dicts with the column names as keys and raw
values: codes, ``datetime.date``, ints, bools). Derived columns use the same
logic as the rules and as ``kexie list`` (see derived.py); the tables and
their columns are declared in dataset_schema.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Any

from kexie_cli import kinds
from kexie_cli.figures.annual import annual_records
from kexie_cli.figures.books import founded_by
from kexie_cli.figures.terms import elected_term, state_of
from kexie_cli.party.cover import cover_of
from kexie_cli.party.forms import head_role, holds_elections
from kexie_cli.query.context import QueryContext
from kexie_cli.query.dataset_annual import annual_row, event_rows
from kexie_cli.query.dataset_schema import HEAD, LIST_SEPARATOR, SCHEMA, Table, links_of, names_column
from kexie_cli.query.derived import (
    district_of,
    latest_stars,
    npo_expiry,
    npo_grade_in_force,
    stars_in_force,
)
from kexie_cli.records.model import Record, entries, get, holds_office, integer, term_of, text
from kexie_cli.registry.kind_fields import shipped_fields, shipped_id_lists
from kexie_cli.terms import age_in, days_until
from kexie_cli.terms import parse_date as date

ORG_KINDS = frozenset(kinds.ORG_CODES)
BRAND_SEPARATOR = "；"  # brand_events in one cell (kexie import splits them again)


def build(records: list[Record], qctx: QueryContext, only: Collection[str] | None = None) -> list[Table]:
    """Every table of the registry, rows in file order; a record founded after ``qctx.today``
    (``--as-of``) did not exist then and is left out (``figures.books.founded_by``).

    ``only``: the names of the tables to fill (``kexie sql`` fills those its query reads); the
    others are returned empty.
    """
    tables = {name: Table(name, zh, en, cols) for name, (zh, en, cols) in SCHEMA.items()}
    wanted = set(SCHEMA) if only is None else set(only)
    builders: dict[str, Callable[[Record, QueryContext, dict[str, str]], dict[str, Any]]] = {
        "society": _society,
        "branch": _branch,
        "party-cell": _cell,
    }
    today = qctx.today
    for record in records:
        if not record.loaded or record.kind not in ORG_KINDS or not founded_by(record, today):
            continue  # an annual record is not an organisation: its tables come below
        table = kinds.TABLES[record.kind]
        heads: dict[str, str] = {}  # role -> the first leader of it in office: the heads of the record's row
        leaders = _leaders(record, today, heads) if table in wanted or "leaders" in wanted else []
        builder = builders.get(record.kind, _generic)
        if table in wanted:
            tables[table].rows.append(_common(record) | builder(record, qctx, heads))
        if builder is _generic:
            for name, rows in _links(record, qctx).items():
                if name in wanted:
                    tables[name].rows.extend(rows)
        if "leaders" in wanted:
            tables["leaders"].rows.extend(leaders)
        if "terms" in wanted:
            tables["terms"].rows.extend(_terms(record, qctx))
        if record.kind == "society":
            if "inspections" in wanted:
                tables["inspections"].rows.extend(_inspections(record))
            if "stars" in wanted:
                tables["stars"].rows.extend(_stars(record))
        if record.kind == "party-cell":
            if "coverage" in wanted:
                tables["coverage"].rows.extend(_coverage(record, qctx))
            if "meetings" in wanted:
                tables["meetings"].rows.extend(_meetings(record))
    for record in annual_records(records) if {"annual", "annual_events"} & wanted else ():
        if "annual" in wanted:
            tables["annual"].rows.append(annual_row(record, qctx.index))
        if "annual_events" in wanted:
            tables["annual_events"].rows.extend(event_rows(record))
    return list(tables.values())


_t = text


def _getter(record: Record) -> Callable[..., Any]:
    """``record.get`` of a loaded record, straight from its data (the dataset reads some 30 values a record)."""
    data = record.data
    return lambda *path: get(data, path)


def _b(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _common(record: Record) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": _t(record.get("name")),
        "short_name": _t(record.get("short_name")),
        "status": _t(record.get("status")),
        "founded": date(record.get("founded")),
        "file": record.relpath,
    }


def _society(record: Record, qctx: QueryContext, heads: dict[str, str]) -> dict[str, Any]:
    g = _getter(record)
    stars = latest_stars(record)
    brands = g("brand_events") if isinstance(g("brand_events"), list) else []
    return {
        "level": _t(g("level")),
        "discipline": _t(g("discipline")),
        "district": _t(g("district")),
        "uscc": _t(g("registration", "uscc")),
        "authority": _t(g("registration", "authority")),
        "registered": date(g("registration", "registered")),
        "supporting_unit": _t(g("supporting_unit")),
        "party_affiliation": _t(g("party_affiliation")),
        "council_members": integer(g("council", "members")),
        "council_standing": integer(g("council", "standing")),
        "supervisors": integer(g("supervisors")),
        "staff": integer(g("secretariat", "staff")),
        "full_time_staff": integer(g("secretariat", "full_time_staff")),
        "members_individual": integer(g("members", "individual")),
        "members_group": integer(g("members", "group")),
        "members_student": integer(g("members", "student")),
        "members_senior": integer(g("members", "senior")),
        "members_fellow": integer(g("members", "fellow")),
        "group_standards": integer(g("group_standards")),
        "npo_grade": _t(g("npo_grade", "grade")),
        "npo_granted": date(g("npo_grade", "granted")),
        "npo_expiry": npo_expiry(record),
        "npo_in_force": npo_grade_in_force(record, qctx.today) is not None,
        "stars_latest": stars[1] if stars else None,
        "stars_year": stars[0] if stars else None,
        "stars_in_force": stars_in_force(record, qctx.today),
        "liaison_name": _t(g("liaison", "name")),
        "liaison_role": _t(g("liaison", "role")),
        **_party_cover(record, qctx),
        "chair": heads.get("chair"),
        "secretary_general": heads.get("secretary-general"),
        "brand_events": BRAND_SEPARATOR.join(e for e in brands if isinstance(e, str)) or None,
    }


def _party_cover(record: Record, qctx: QueryContext) -> dict[str, Any]:
    """党的组织覆盖 / 党的工作覆盖 as ``kexie party`` counts them (``party.cover.cover_of``)."""

    cover = cover_of(record, qctx.index)
    return {
        "covered": bool(cover.cells),  # covered by a live cell (``query.derived.covered_by``, rule K501)
        "organisation_covered": cover.organisation,
        "work_covered": cover.work,
        "party_cover": ",".join(cover.forms) or None,
    }


def _branch(record: Record, qctx: QueryContext, heads: dict[str, str]) -> dict[str, Any]:
    g = _getter(record)
    return {
        "type": _t(g("type")),
        "parent": _t(g("parent")),
        "district": district_of(record, qctx.index),
        "host_unit": _t(g("host_unit")),
        "approved_by": _t(g("approved_by")),
        "committee_members": integer(g("committee", "members")),
        "members_individual": integer(g("members", "individual")),
        "members_group": integer(g("members", "group")),
        "three_heads": len(entries(g("three_heads"))),
        **_party_cover(record, qctx),
        "chair": heads.get("chair"),
    }


def _cell(record: Record, qctx: QueryContext, heads: dict[str, str]) -> dict[str, Any]:
    g = _getter(record)
    covers = g("covers")
    return {
        "form": _t(g("form")),
        "category": _t(g("category")),
        "parent": _t(g("parent")),
        "members_full": integer(g("members", "full")),
        "members_probationary": integer(g("members", "probationary")),
        "covers_count": len({c for c in covers if isinstance(c, str)}) if isinstance(covers, list) else 0,
        "secretary": heads.get("secretary"),
    }


def _generic(record: Record, qctx: QueryContext, heads: dict[str, str]) -> dict[str, Any]:
    """A row of a kind without hand-written columns: every scalar field of its schema, and its head."""
    row: dict[str, Any] = {f.column: _scalar(record.get(*f.path), f.type) for f in shipped_fields(record.kind or "")}
    for found in shipped_id_lists(record.kind or ""):
        ids = _ids(record.get(found.name))
        row[found.name] = LIST_SEPARATOR.join(ids) or None
        row[names_column(found)] = LIST_SEPARATOR.join(str(qctx.names_of(i)) for i in ids) or None
    row[HEAD] = heads.get(head_role(record))
    return row


def _ids(value: Any) -> list[str]:
    """The ids of a list of references, each once, in the record's order (anything but text left out)."""
    return list(dict.fromkeys(v for v in value if isinstance(v, str))) if isinstance(value, list) else []


def _links(record: Record, qctx: QueryContext) -> dict[str, list[dict[str, Any]]]:
    """The rows of the record's link tables (``alliance_members``): one per id of each list of references."""
    kind = kinds.BY_CODE[record.kind or ""]
    owner = kind.code.replace("-", "_")
    out: dict[str, list[dict[str, Any]]] = {}
    for table, found in links_of(kind):
        item = found.item
        out[table] = [
            {
                owner: record.id,
                f"{owner}_name": record.name,
                item: target,
                f"{item}_name": qctx.names_of(target) if qctx.index.get(target) is not None else None,
                f"{item}_kind": qctx.index.kinds.get(target),
            }
            for target in _ids(record.get(found.name))
        ]
    return out


def _scalar(value: Any, type_: str) -> Any:
    if type_ == "DATE":
        return date(value)
    if type_ == "INTEGER":
        return integer(value)
    if type_ == "BOOLEAN":
        return _b(value)
    return _t(value)


def _leaders(record: Record, today: dt.date, heads: dict[str, str]) -> list[dict[str, Any]]:
    """A row per leader entry; ``heads`` gets the first leader of each role in office on ``today``.

    In office as :func:`kexie_cli.records.model.current_leaders` says (a role and a name, and
    :func:`~kexie_cli.records.model.holds_office`); ``current`` is in office in a record still on the books.
    """
    record_id, kind, org, live = record.id, record.kind, record.name, record.live
    out = []
    for _, entry in entries(record.get("leaders")):
        g = entry.get
        role, name, since, until = _t(g("role")), _t(g("name")), date(g("since")), date(g("until"))
        office = False
        if role is not None and name is not None and holds_office(since, until, today):
            office = True
            heads.setdefault(role, name)
        birth = integer(g("birth_year"))
        out.append(
            {
                "record_id": record_id,
                "kind": kind,
                "org": org,
                "role": role,
                "name": name,
                "since": since,
                "until": until,
                "current": office and live,
                "party_member": _b(g("party_member")),
                "full_time": _b(g("full_time")),
                "birth_year": birth,
                "first_term": integer(g("first_term")),
                "age": age_in(today.year, birth) if birth is not None else None,
            }
        )
    return out


def _inspections(record: Record) -> list[dict[str, Any]]:
    record_id, name = record.id, record.name
    return [
        {
            "society_id": record_id,
            "society": name,
            "year": integer(entry.get("year")),
            "result": _t(entry.get("result")),
            "submitted": date(entry.get("submitted")),
        }
        for _, entry in entries(record.get("inspections"))
    ]


def _stars(record: Record) -> list[dict[str, Any]]:
    record_id, name = record.id, record.name
    return [
        {
            "society_id": record_id,
            "society": name,
            "year": integer(entry.get("year")),
            "stars": integer(entry.get("stars")),
        }
        for _, entry in entries(record.get("stars"))
    ]


def _meetings(record: Record) -> list[dict[str, Any]]:
    record_id, name = record.id, record.name
    return [
        {"cell_id": record_id, "cell": name, "date": date(entry.get("date")), "type": _t(entry.get("type"))}
        for _, entry in entries(record.get("meetings"))
    ]


def _coverage(record: Record, qctx: QueryContext) -> list[dict[str, Any]]:
    covers = record.get("covers")
    targets = dict.fromkeys(c for c in covers if isinstance(c, str)) if isinstance(covers, list) else {}
    return [{"cell_id": record.id, "record_id": t, "record_kind": qctx.index.kinds.get(t)} for t in targets]


def _terms(record: Record, qctx: QueryContext) -> list[dict[str, Any]]:
    """The record's terms; none for a 党的工作小组 (appointed, no 换届: docs/figures.md)."""
    if not holds_elections(record, qctx.settings):
        return []
    out = []
    term = elected_term(record, qctx.settings, qctx.index.get)
    if term is not None:
        out.append(
            {
                "record_id": record.id,
                "kind": record.kind,
                "current": True,
                "number": term.number,
                "started": term.started,
                "years": integer(record.get("term", "years")),  # as recorded: none when following the society
                "regular_end": term.regular_end,
                "extended_to": term.extended_to,
                "extension_approved": term.extension_approved,
                "ended": None,
                "ends": term.end,
                "state": state_of(record, qctx.today, qctx.settings, qctx.index.get),
                "days": days_until(term.end, qctx.today),
            }
        )
    for _, entry in entries(record.get("past_terms")):
        past = term_of({"t": entry}, "t")
        ended = date(get(entry, ("ended",)))
        out.append(
            {
                "record_id": record.id,
                "kind": record.kind,
                "current": False,
                "number": integer(entry.get("number")),
                "started": past.started if past else date(entry.get("started")),
                "years": integer(entry.get("years")),
                "regular_end": past.regular_end if past else None,
                "extended_to": past.extended_to if past else None,
                "extension_approved": past.extension_approved if past else None,
                "ended": ended,
                "ends": ended or (past.end if past else None),
                "state": None,
                "days": None,
            }
        )
    return out
