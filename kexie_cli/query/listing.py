"""``kexie list``: filter, sort and pick the columns of one kind of record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds
from kexie_cli.cells import text_width
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.query import names
from kexie_cli.query.context import CLI_NAMES, KIND_ALIASES, KIND_LABELS, LEADER, Field, Item, QueryContext
from kexie_cli.query.derived import DERIVED, LEADER_DERIVED
from kexie_cli.query.fields import FieldError, field_names, items, resolve
from kexie_cli.query.pinyin_cache import kept_pinyin
from kexie_cli.query.where import Condition, WhereError, parse
from kexie_cli.records.model import Record
from kexie_cli.tables import Column, TableData


def default_columns(kind: kinds.Kind) -> tuple[str, ...]:
    """A kind's columns without ``--columns``: id, name, its type, its references, status, head, term end."""
    refs = tuple(field for field, _ in kind.refs if field != "covers")  # a list of ids: no default column
    typed = (kind.type_field,) if kind.type_field else ()
    return ("id", "name", *typed, *refs, "status", "chair", *(("term.ends",) if kind.elections else ()))


DEFAULT_COLUMNS = {
    **{k.code: default_columns(k) for k in kinds.KINDS},
    "society": ("id", "name", "level", "discipline", "status", "chair", "term.ends"),
    "branch": ("id", "name", "type", "district", "status", "chair", "term.ends"),
    "party-cell": ("id", "name", "form", "status", "chair", "covers", "term.ends"),
    LEADER: ("org", "role", "name", "since", "party_member", "age"),
}


@dataclass(frozen=True, slots=True)
class ListRequest:
    kind: str
    where: Sequence[str] = ()
    sort: Sequence[str] = ()
    columns: Sequence[str] | None = None
    order: str = "pinyin"  # or strokes
    extra: dict[str, Any] = field(default_factory=dict)


def kind_of(name: str) -> str:
    kind = KIND_ALIASES.get(name.strip().lower())
    if kind is None:
        raise KexieError("query.kind_unknown", kind=name, kinds=", ".join(CLI_NAMES.values()))
    return kind


def caret_message(exc: WhereError, lang: str) -> KexieError:
    """A KexieError showing the expression with carets under the offending part."""
    pad = " " * text_width(exc.expr[: exc.start])
    marks = "^" * max(1, text_width(exc.expr[exc.start : exc.end]))
    reason = tr(exc.key, lang, **exc.params)
    return KexieError("query.where_invalid", reason=reason, expr=exc.expr, caret=pad + marks)


def conditions(kind: str, exprs: Sequence[str], qctx: QueryContext) -> list[Condition]:
    out = []
    for expr in exprs:
        try:
            out.append(parse(expr, kind, qctx.schemas))
        except WhereError as exc:
            raise caret_message(exc, qctx.lang) from None
    return out


def fields_for(kind: str, paths: Sequence[str], option: str, qctx: QueryContext) -> list[Field]:
    out = []
    for path in paths:
        try:
            out.append(resolve(kind, path, qctx.schemas))
        except FieldError as exc:
            reason = tr(exc.key, qctx.lang, **exc.params)
            raise KexieError("query.option_field", option=option, reason=reason) from None
    return out


def list_records(records: list[Record], qctx: QueryContext, request: ListRequest) -> TableData:
    kind = kind_of(request.kind)
    conds = conditions(kind, request.where, qctx)
    columns = fields_for(kind, _split(request.columns) or DEFAULT_COLUMNS[kind], "--columns", qctx)
    sort_specs = [(s[1:], True) if s.startswith("-") else (s, False) for s in _split(request.sort) or ["name"]]
    sort_fields = fields_for(kind, [p for p, _ in sort_specs], "--sort", qctx)
    rows: list[tuple[Item, dict[str, Any]]] = []
    cache: dict[str, Any] = {}
    for item in items(kind, records, qctx.today):
        cache.clear()
        if all(cond.holds(_value(cond.field, item, qctx, cache)) for cond in conds):
            rows.append((item, {f.path: _value(f, item, qctx, cache) for f in columns}))
    with kept_pinyin(qctx.root):
        for spec_field, (_, descending) in reversed(list(zip(sort_fields, sort_specs, strict=True))):
            present = [r for r in rows if _value(spec_field, r[0], qctx, {}) not in (None, [])]
            absent = [r for r in rows if _value(spec_field, r[0], qctx, {}) in (None, [])]
            present.sort(key=_sorter(spec_field, qctx, request.order), reverse=descending)
            rows = present + absent
    zh, en = KIND_LABELS[kind]
    title = en if qctx.lang == "en" else zh
    table_columns = [
        Column(
            f.path,
            f.zh,
            f.en,
            show=_shower(f, qctx),
            align="right" if f.type == "int" else "left",
            name=f.path in ("name", "short_name"),
            person=f.person,
        )
        for f in columns
    ]
    data = [row for _, row in rows]
    return TableData(title, table_columns, data, headline=tr("query.count", qctx.lang, count=len(data)))


def _shower(f: Field, qctx: QueryContext) -> Callable[[Any, str], str]:
    """How a column shows its values: a reference to other records by their names (the row keeps the ids)."""
    if not f.refs:
        return f.display
    return lambda value, lang: f.display(qctx.names_of(value), lang)


def _split(values: Sequence[str] | None) -> list[str]:
    if not values:
        return []
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _value(f: Field, item: Item, qctx: QueryContext, cache: dict[str, Any]) -> Any:
    if f.path not in cache:
        cache[f.path] = f.value(item, qctx)
    return cache[f.path]


def _sorter(f: Field, qctx: QueryContext, order: str) -> Callable[[tuple[Item, dict[str, Any]]], Any]:
    return lambda row: _key(f, row[0], qctx, order)


def _key(f: Field, item: Item, qctx: QueryContext, order: str) -> Any:
    """A sort key that never compares across types: numbers, then dates, then text, then anything else.

    A field can hold values of several types when some records are wrong (a malformed date stays
    text): those sort after the well-formed ones instead of stopping the command.
    """
    value = f.value(item, qctx)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (bool, int, float)):
        return (0, value)
    if isinstance(value, dt.date):
        return (1, value)
    if isinstance(value, str):
        shown = f.display(value, qctx.lang) if f.labels else value
        return (2, names.sort_key(shown, order, person=f.person))
    return (3, str(value))


def field_table(kind_name: str, qctx: QueryContext) -> TableData:
    """The fields a query on a kind can use (``kexie list KIND --fields``)."""
    kind = kind_of(kind_name)

    derived = set(DERIVED) | set(LEADER_DERIVED) | {"current"}
    rows = [
        {"field": name, "label": f.header(qctx.lang), "type": f.type, "many": f.many, "derived": name in derived}
        for name, f in field_names(kind, qctx.schemas)
    ]
    columns = [
        Column("field", "字段", "Field"),
        Column("label", "名称", "Label"),
        Column("type", "类型", "Type"),
        Column("many", "多值", "List"),
        Column("derived", "派生", "Derived"),
    ]
    zh, en = KIND_LABELS[kind]
    title = tr("query.fields_title", qctx.lang, kind=en if qctx.lang == "en" else zh)
    return TableData(title, columns, rows)
