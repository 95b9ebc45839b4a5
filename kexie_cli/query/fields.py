"""Fields of a record by dotted path: resolving a name to a Field, and the fields a kind offers.

A field is either a path into the record (``level``, ``registration.uscc``,
``leaders.name`` — a step through a list maps over its entries, ``leaders.0.name``
picks one) checked against the kind's schema, or a derived field
(``query/derived.py``). Values are raw: codes, ``datetime.date``, ints, bools,
lists; :meth:`Field.display` shows Chinese labels from the schemas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from kexie_cli import kinds
from kexie_cli.query.context import CLI_NAMES, LEADER, ORG_KINDS, Field, Item, QueryContext, RoleCode
from kexie_cli.query.derived import DERIVED, HEAD_TITLES, LEADER_DERIVED, Derived
from kexie_cli.records.model import Record, current_leaders, date, entries, integer
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.terms import age_in

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
    return Field(
        path, zh, en, derived.type, lambda i, q: get(i.record, q), labels, derived.person, derived.many, derived.refs
    )


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
    refs = len(parts) == 1 and parts[0] in kinds.REFERENCES.get(kind, {})  # parent, covers, parent_society
    return Field(path, zh, path, kind_type, getter, labels, person, through_list, refs)


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
