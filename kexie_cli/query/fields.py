"""Fields of a record by dotted path, and the derived fields every query can use.

A field is either a path into the record (``level``, ``registration.uscc``,
``leaders.name`` — a step through a list maps over its entries, ``leaders.0.name``
picks one) checked against the kind's schema, or a derived field computed
with the same logic as the rules (``term.ends``, ``stars.latest``,
``covered_by`` ...). Values are raw: codes, ``datetime.date``, ints, bools,
lists; :meth:`Field.display` shows Chinese labels from the schemas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.party.cover import cover_of
from kexie_cli.party.forms import head_role as form_head_role
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record, current_leaders, date, entries, integer, term_of, text
from kexie_cli.records.roles import role_label
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.rules.base import Context
from kexie_cli.rules.inspections import inspection_years
from kexie_cli.rules.party import covering_cells
from kexie_cli.rules.ratings import STARS_MAX_AGE, npo_grade_expiry
from kexie_cli.terms import age_in, days_until, report_year, term_state

ORG_KINDS = kinds.CODES
LEADER = "leader"  # the pseudo-kind of `kexie list leaders`: one row per current office-holder
KIND_ALIASES = {**kinds.ALIASES, "leader": LEADER, "leaders": LEADER}
KIND_LABELS = {**kinds.LABELS, LEADER: ("负责人", "Leaders")}
CLI_NAMES = {**kinds.FOLDERS, LEADER: "leaders"}  # the names `kexie list` shows
TERM_STATE_LABELS = {"current": "届内", "due": "临近换届", "overdue": "逾期未换届"}
TERM_STATE_LABELS_EN = {"current": "current", "due": "due", "overdue": "overdue"}


@dataclass(frozen=True, slots=True)
class QueryContext:
    """What field values depend on: the day, the settings, the schemas and the index."""

    today: dt.date
    settings: Settings
    schemas: SchemaSet
    index: Index
    lang: str = "zh"

    @property
    def rule_context(self) -> Context:
        return Context(self.settings, self.schemas, self.today, self.index, self.lang)

    @property
    def report_year(self) -> int:
        return report_year(self.today, self.settings.deadline)


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a query: a record, or one leader entry of a record."""

    record: Record
    leader: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Field:
    path: str
    zh: str
    en: str
    type: str  # str, int, bool, date, object (of each entry when ``many``)
    getter: Callable[[Item, QueryContext], Any]
    labels: dict[str, str] | None = None  # enum code -> Chinese label
    person: bool = False  # holds a person's name (sorted by surname)
    many: bool = False  # a list of values (a path through a list)

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def value(self, item: Item, qctx: QueryContext) -> Any:
        return self.getter(item, qctx)

    def display(self, value: Any, lang: str) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return "、".join(self.display(v, lang) for v in value)
        if isinstance(value, bool):
            return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
        if isinstance(value, dict):
            return ", ".join(f"{k}: {self.display(v, lang)}" for k, v in value.items())
        if isinstance(value, RoleCode):
            return role_label(value, value.kind, lang)
        if self.labels and lang != "en":
            return self.labels.get(str(value), str(value))
        return str(value)


# --- derived fields -------------------------------------------------------------------------------------

Getter = Callable[[Record, QueryContext], Any]


@dataclass(frozen=True, slots=True)
class Derived:
    zh: str
    en: str
    type: str
    kinds: tuple[str, ...]
    get: Getter
    labels: dict[str, str] | None = None
    labels_from: tuple[str | int, ...] | None = None  # schema path of the enum the value comes from
    person: bool = False
    many: bool = False


def _term_end(record: Record, qctx: QueryContext) -> dt.date | None:
    term = term_of(record.data)
    return term.end if term else None


def _term_state(record: Record, qctx: QueryContext) -> str | None:
    end = _term_end(record, qctx)
    return str(term_state(end, qctx.today, qctx.settings.lead_months)) if end else None


def _term_days(record: Record, qctx: QueryContext) -> int | None:
    end = _term_end(record, qctx)
    return days_until(end, qctx.today) if end else None


def head_role(record: Record) -> str:
    """The role that heads a record: 书记 (组长 of a 党的工作小组) for a party cell, else 理事长/主席."""

    return form_head_role(record)


def _head(record: Record, qctx: QueryContext) -> str | None:
    found = current_leaders(record.data, qctx.today, head_role(record))
    return found[0].name if found else None


def _head_age(record: Record, qctx: QueryContext) -> int | None:
    found = current_leaders(record.data, qctx.today, head_role(record))
    if not found or found[0].birth_year is None:
        return None
    return age_in(qctx.today.year, found[0].birth_year)


def _secretary_general(record: Record, qctx: QueryContext) -> str | None:
    found = current_leaders(record.data, qctx.today, "secretary-general")
    return found[0].name if found else None


def covered_by(record: Record, qctx: QueryContext) -> list[str]:
    """Ids of the live party cells covering the record (as rule K501 counts them)."""
    return [c.id for c in covering_cells(record.id, qctx.rule_context)]


COVER_LABELS = {
    "own": "单独建立党组织",
    "joint": "联合党支部",
    "functional": "功能型党支部",
    "working-group": "党的工作小组",
    "liaison": "党建联络员/指导员",
}


def _cover(record: Record, qctx: QueryContext) -> Any:
    """How the record is covered (``party.cover.cover_of``, as ``kexie party`` counts it)."""

    return cover_of(record, qctx.index)


def latest_stars(record: Record) -> tuple[int, int] | None:
    """(year, stars) of the most recent 星级 rating."""
    rated = [(integer(e.get("year")), integer(e.get("stars"))) for _, e in entries(record.get("stars"))]
    complete = [(y, s) for y, s in rated if y is not None and s is not None]
    return max(complete) if complete else None


def stars_in_force(record: Record, today: dt.date) -> int | None:
    """Stars of the latest rating when it is at most 3 years old (rule K602's limit), else None."""
    found = latest_stars(record)
    if found is None or today.year - found[0] > STARS_MAX_AGE:
        return None
    return found[1]


def latest_inspection(record: Record) -> tuple[int, str | None] | None:
    years = inspection_years(record)
    if not years:
        return None
    year = max(years)
    return year, years[year][1]


def npo_expiry(record: Record) -> dt.date | None:
    found = npo_grade_expiry(record)
    return found[1] if found is not None and isinstance(found[1], dt.date) else None


def npo_grade_in_force(record: Record, today: dt.date) -> str | None:
    """The 评估等级 when it is still valid on ``today``."""
    grade = text(record.get("npo_grade", "grade"))
    expiry = npo_expiry(record)
    return grade if grade is not None and expiry is not None and expiry >= today else None


def district_of(record: Record, index: Index) -> str | None:
    """The id of the district branch a branch belongs to (itself when it is one), following ``parent``."""
    seen: set[str] = set()
    current: Record | None = record
    while current is not None and current.id not in seen:
        if current.kind == "branch" and current.get("type") == "district":
            return current.id
        seen.add(current.id)
        parent = text(current.get("parent"))
        current = index.get(parent) if parent else None
    return None


ORG = ORG_KINDS
SOC = ("society",)
DERIVED: dict[str, Derived] = {
    "term.ends": Derived("届满日期", "Term ends", "date", ORG, _term_end),
    "term.state": Derived("换届状态", "Term state", "str", ORG, _term_state, TERM_STATE_LABELS),
    "term.days": Derived("距届满天数", "Days to term end", "int", ORG, _term_days),
    "chair": Derived("负责人", "Head", "str", ORG, _head, person=True),
    "chair.age": Derived("负责人年龄", "Head's age", "int", ORG, _head_age),
    "secretary_general": Derived("秘书长", "Secretary-general", "str", ORG, _secretary_general, person=True),
    "covered_by": Derived("覆盖党组织", "Covered by", "str", ("society", "branch"), covered_by, many=True),
    "covered": Derived("已建党组织覆盖", "Covered", "bool", ("society", "branch"), lambda r, q: bool(covered_by(r, q))),
    "party.organisation": Derived(
        "党的组织覆盖", "Organisation cover", "bool", ("society", "branch"), lambda r, q: _cover(r, q).organisation
    ),
    "party.work": Derived("党的工作覆盖", "Work cover", "bool", ("society", "branch"), lambda r, q: _cover(r, q).work),
    "party.cover": Derived(
        "覆盖方式",
        "Forms of cover",
        "str",
        ("society", "branch"),
        lambda r, q: list(_cover(r, q).forms),
        labels=COVER_LABELS,
        many=True,
    ),
    "stars.latest": Derived("最近星级", "Latest stars", "int", SOC, lambda r, q: (latest_stars(r) or (None, None))[1]),
    "stars.year": Derived("星级评定年度", "Stars year", "int", SOC, lambda r, q: (latest_stars(r) or (None, None))[0]),
    "stars.in_force": Derived("有效星级", "Stars in force", "int", SOC, lambda r, q: stars_in_force(r, q.today)),
    "inspection.latest": Derived(
        "最近年检结论",
        "Latest inspection",
        "str",
        SOC,
        lambda r, q: (latest_inspection(r) or (None, None))[1],
        labels_from=("inspections", 0, "result"),
    ),
    "inspection.year": Derived(
        "最近年检年度", "Latest inspection year", "int", SOC, lambda r, q: (latest_inspection(r) or (None, None))[0]
    ),
    "inspection.report": Derived(
        "报告年度年检结论",
        "Report-year inspection",
        "str",
        SOC,
        lambda r, q: inspection_years(r).get(q.report_year, (0, None))[1],
        labels_from=("inspections", 0, "result"),
    ),
    "npo_grade.expiry": Derived("评估等级有效期至", "NPO grade valid until", "date", SOC, lambda r, q: npo_expiry(r)),
    "npo_grade.valid": Derived(
        "评估等级有效", "NPO grade in force", "bool", SOC, lambda r, q: npo_grade_in_force(r, q.today) is not None
    ),
    "district": Derived("所属区县", "District", "str", ("branch",), lambda r, q: district_of(r, q.index)),
    "file": Derived("文件", "File", "str", ORG, lambda r, q: r.relpath),
}

HEAD_TITLES = {
    ("chair", "party-cell"): ("书记", "Secretary"),
    ("chair.age", "party-cell"): ("书记年龄", "Secretary's age"),
    ("chair", "society"): ("理事长", "Chair"),
    ("chair.age", "society"): ("理事长年龄", "Chair's age"),
    ("chair", "branch"): ("主席", "Chair"),
    ("chair.age", "branch"): ("主席年龄", "Chair's age"),
}

LEADER_DERIVED: dict[str, Derived] = {
    "age": Derived("年龄", "Age", "int", (LEADER,), lambda r, q: None),  # computed from the entry, see _leader_get
    "org": Derived("所在组织", "Organisation", "str", (LEADER,), lambda r, q: r.name),
    "org_id": Derived("组织标识符", "Organisation id", "str", (LEADER,), lambda r, q: r.id),
    "org_kind": Derived("组织类别", "Organisation kind", "str", (LEADER,), lambda r, q: r.kind),
}
LEADER_FIELDS = ("role", "name", "since", "until", "party_member", "full_time", "birth_year", "first_term")


class FieldError(Exception):
    """An unknown field: ``detail`` says why (a catalogue key and its params)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def resolve(kind: str, path: str, schemas: SchemaSet) -> Field:
    """The field ``path`` of records of ``kind``; raises FieldError when there is none."""
    if kind == LEADER:
        return _leader_field(path, schemas)
    derived = DERIVED.get(path)
    if derived is not None:
        if kind not in derived.kinds:
            raise FieldError("query.field_kind", field=path, kind=CLI_NAMES[kind])
        return _from_derived(path, derived, kind, schemas)
    return _schema_field(kind, path, schemas)


def _from_derived(path: str, derived: Derived, kind: str, schemas: SchemaSet) -> Field:
    labels = derived.labels
    if derived.labels_from is not None:
        labels = schemas.labels(kind, derived.labels_from)
    get = derived.get
    zh, en = HEAD_TITLES.get((path, kind), (derived.zh, derived.en))
    return Field(path, zh, en, derived.type, lambda i, q: get(i.record, q), labels, derived.person, derived.many)


def schema_path(kind: str, parts: list[str], schemas: SchemaSet) -> tuple[tuple[str | int, ...], dict[str, Any]]:
    """The schema path of dotted ``parts`` (lists get an item index) and the leaf node."""
    path: tuple[str | int, ...] = ()
    node = schemas.node(kind, path) or {}
    for part in parts:
        if node.get("type") == "array":
            path += (0,)
            node = schemas.node(kind, path) or {}
            if part.isdigit():
                continue
        child = schemas.node(kind, (*path, part))
        if child is None or not part:
            raise FieldError("query.field_unknown", field=".".join(parts), kind=CLI_NAMES.get(kind, kind))
        path, node = (*path, part), child
    return path, node


def _schema_field(kind: str, path: str, schemas: SchemaSet) -> Field:
    parts = path.split(".")
    spath, node = schema_path(kind, parts, schemas)
    steps = [int(p) if p.isdigit() else p for p in parts]
    kind_type = _type_of(node, schemas, kind, spath)
    through_list = any(isinstance(p, int) for p in spath) and not any(isinstance(p, int) for p in steps)
    zh = _title(kind, spath, schemas) or path
    person = parts[-1] == "name" and len(parts) > 1 and parts[0] in ("leaders", "liaison", "three_heads")

    def getter(item: Item, qctx: QueryContext) -> Any:
        return convert(walk(item.record.data, steps), kind_type)

    labels = schemas.labels(kind, spath) or None
    if kind_type == "array":
        inner = _type_of(schemas.node(kind, (*spath, 0)) or {}, schemas, kind, (*spath, 0))
        labels = schemas.labels(kind, (*spath, 0)) or labels
        kind_type, through_list = inner, True
    return Field(path, zh, path, kind_type, getter, labels, person, through_list)


def _type_of(node: dict[str, Any], schemas: SchemaSet, kind: str, spath: tuple[str | int, ...]) -> str:
    kind_type = node.get("type")
    if node.get("format") == "date":
        return "date"
    if kind_type == "integer":
        return "int"
    if kind_type == "boolean":
        return "bool"
    if kind_type in ("array", "object"):
        return str(kind_type)
    return "str"


def _title(kind: str, spath: tuple[str | int, ...], schemas: SchemaSet) -> str | None:
    leaf = schemas.title(kind, spath)
    keys = [p for p in spath if isinstance(p, str)]
    if leaf is None or len(keys) < 2 or len(leaf) >= 4:
        return leaf
    parent = schemas.title(kind, spath[: len(spath) - 1 - (1 if isinstance(spath[-2], int) else 0)])
    return f"{parent}·{leaf}" if parent else leaf


def walk(data: Any, steps: list[str | int]) -> Any:
    """The value at ``steps``; a name step on a list maps over the entries (flattening)."""
    node = data
    for i, step in enumerate(steps):
        if isinstance(node, list) and isinstance(step, str):
            out: list[Any] = []
            for entry in node:
                found = walk(entry, steps[i:])
                if isinstance(found, list):
                    out.extend(found)
                elif found is not None:
                    out.append(found)
            return out
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def convert(value: Any, kind_type: str) -> Any:
    """Dates become ``datetime.date`` (unparseable dates stay as text); lists convert item by item."""
    if isinstance(value, list):
        return [convert(v, kind_type) for v in value]
    if kind_type == "date" and isinstance(value, str):
        return date(value) or value
    return value


def _leader_field(path: str, schemas: SchemaSet) -> Field:
    if path.startswith("org."):
        inner = path[4:]
        for kind in ORG_KINDS:
            try:
                base = resolve(kind, inner, schemas)
            except FieldError:
                continue
            getter = _org_getter(inner, schemas)
            return Field(path, base.zh, path, base.type, getter, base.labels, base.person, base.many)
        raise FieldError("query.field_unknown", field=path, kind=CLI_NAMES[LEADER])
    derived = LEADER_DERIVED.get(path)
    if derived is not None:
        if path == "age":
            return Field(path, derived.zh, derived.en, "int", _leader_age)
        get = derived.get
        labels = kinds.ZH_LABELS if path == "org_kind" else None
        return Field(path, derived.zh, derived.en, derived.type, lambda i, q: get(i.record, q), labels)
    if path == "current":
        return Field(path, "现任", "current", "bool", lambda i, q: True)
    if path not in LEADER_FIELDS:
        raise FieldError("query.field_unknown", field=path, kind=CLI_NAMES[LEADER])
    spath: tuple[str | int, ...] = ("leaders", 0, path)
    node = schemas.node("society", spath) or {}
    kind_type = _type_of(node, schemas, "society", spath)
    return Field(
        path,
        schemas.title("society", spath) or path,
        path,
        kind_type,
        _role_getter if path == "role" else lambda i, q: convert((i.leader or {}).get(path), kind_type),
        schemas.labels("society", spath) or None,
        person=path == "name",
    )


class RoleCode(str):
    """A leader's role code that remembers the kind of its record, so it reads 理事长, 主席 or 书记."""

    __slots__ = ("kind",)
    kind: str | None

    def __new__(cls, code: str, kind: str | None) -> RoleCode:
        made = super().__new__(cls, code)
        made.kind = kind
        return made


def _role_getter(item: Item, qctx: QueryContext) -> Any:
    code = (item.leader or {}).get("role")
    return RoleCode(code, item.record.kind) if isinstance(code, str) else code


def _org_getter(inner: str, schemas: SchemaSet) -> Callable[[Item, QueryContext], Any]:
    cache: dict[str, Field | None] = {}

    def getter(item: Item, qctx: QueryContext) -> Any:
        kind = item.record.kind or ""
        if kind not in cache:
            try:
                cache[kind] = resolve(kind, inner, schemas)
            except FieldError:
                cache[kind] = None
        field = cache[kind]
        return field.value(Item(item.record), qctx) if field is not None else None

    return getter


def _leader_age(item: Item, qctx: QueryContext) -> int | None:
    birth = integer((item.leader or {}).get("birth_year"))
    return age_in(qctx.today.year, birth) if birth is not None else None


def items(kind: str, records: list[Record], today: dt.date) -> Iterator[Item]:
    """The rows of ``kind``: records of that kind, or (leaders) current office-holders of live records."""
    for record in records:
        if not record.loaded or record.kind is None:
            continue
        if kind != LEADER:
            if record.kind == kind:
                yield Item(record)
            continue
        if not record.live:
            continue
        current = {ld.index for ld in current_leaders(record.data, today)}
        for index, entry in entries(record.get("leaders")):
            if index in current:
                yield Item(record, entry)


def field_names(kind: str, schemas: SchemaSet) -> list[tuple[str, Field]]:
    """Every field a query on ``kind`` can name: schema leaves (lists mapped), then derived fields."""
    out: list[tuple[str, Field]] = []
    if kind == LEADER:
        for name in (*LEADER_FIELDS, "current", *LEADER_DERIVED):
            out.append((name, resolve(kind, name, schemas)))
        return out
    for parts in _leaves(kind, [], schemas):
        name = ".".join(parts)
        out.append((name, resolve(kind, name, schemas)))
    for name, derived in DERIVED.items():
        if kind in derived.kinds:
            out.append((name, resolve(kind, name, schemas)))
    return out


def _leaves(kind: str, prefix: list[str], schemas: SchemaSet) -> Iterator[list[str]]:
    try:
        spath, node = schema_path(kind, prefix, schemas)
    except FieldError:
        return
    if node.get("type") == "array":
        item = schemas.node(kind, (*spath, 0)) or {}
        node = item if item.get("type") == "object" else node
    props = node.get("properties")
    if node.get("type") != "object" or not isinstance(props, dict):
        yield prefix
        return
    for key in props:
        yield from _leaves(kind, [*prefix, key], schemas)
