"""A record's edit form, generated from its JSON Schema, and the edits a posted form asks for.

The form is a tree of :class:`Widget` (one field), :class:`Group` (a mapping) and
:class:`ListGroup` (a list, whose rows can be removed and added). A field's form
name is ``f:`` and its data path (``f:leaders.2.name``); a list posts the keys of
the rows it still has under ``r:`` and its path, in order (the original index of
an existing row, ``n1``, ``n2`` ... for new ones).

:func:`plan` compares what was posted with the record as it is and returns the
operations of the edit commands: ``SetField`` (the value parsed as ``kexie set``
parses it: enumerations by code or label, numbers, booleans) and ``UnsetField``
for an emptied field or a removed row, then :class:`AppendItem` for new rows.
Fields the form did not post are left alone, so the file changes only where the
user changed something.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.cells import safe_text
from kexie_cli.edit import tree
from kexie_cli.edit.commands import EditContext, Path_
from kexie_cli.edit.operations import SetField, UnsetField
from kexie_cli.errors import KexieError
from kexie_cli.registry.schemas import SchemaSet

MAX_DEPTH = 4  # deeper structures (an election inside a past term) are shown, not edited, in the form


@dataclass(slots=True)
class Widget:
    path: Path_
    title: str
    kind: str  # text | textarea | date | number | select | readonly
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    required: bool = False

    @property
    def name(self) -> str:
        return "f:" + tree.show_path(self.path) if self.path else "f:"

    @property
    def dom_id(self) -> str:
        return "w-" + tree.show_path(self.path).replace(".", "-")


@dataclass(slots=True)
class Group:
    path: Path_
    title: str
    children: list[Any] = field(default_factory=list)
    error: str = ""


@dataclass(slots=True)
class Row:
    key: str
    children: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class ListGroup:
    path: Path_
    title: str
    rows: list[Row] = field(default_factory=list)
    template: Row | None = None  # None: rows cannot be added here
    error: str = ""

    @property
    def name(self) -> str:
        return "r:" + tree.show_path(self.path)


def build(kind: str, data: dict[str, Any], schemas: SchemaSet, lang: str = "zh") -> list[Any]:
    """The form of a record: one entry per top-level field of the schema, then fields it does not know."""
    builder = _Builder(kind, schemas, lang)
    out = [builder.node((key,), data.get(key), key in data) for key in schemas.key_order(kind, ())]
    known = set(schemas.key_order(kind, ()))
    out += [Widget((key,), key, "readonly", _text(value)) for key, value in data.items() if key not in known]
    return out


class _Builder:
    def __init__(self, kind: str, schemas: SchemaSet, lang: str) -> None:
        self.kind, self.schemas, self.lang = kind, schemas, lang

    def title(self, path: Path_) -> str:
        if self.lang == "en":
            return str(path[-1])
        return self.schemas.title(self.kind, _norm(path)) or str(path[-1])

    def node(self, path: Path_, value: Any, present: bool) -> Any:
        schema = self.schemas.node(self.kind, _norm(path)) or {}
        kind = schema.get("type")
        if path in {("id",), ("kind",)}:
            return Widget(path, self.title(path), "readonly", _text(value))
        if kind == "object" or "properties" in schema:
            if present and not isinstance(value, dict):
                return Widget(path, self.title(path), "readonly", _text(value))
            if len(path) >= MAX_DEPTH:
                return Widget(path, self.title(path), "readonly", _text(value) if present else "")
            return self.group(path, value or {})
        if kind == "array":
            if (present and not isinstance(value, list)) or len(path) >= MAX_DEPTH:
                return Widget(path, self.title(path), "readonly", _text(value) if present else "")
            return self.listing(path, value or [])
        return self.leaf(path, schema, value, present)

    def group(self, path: Path_, value: dict[str, Any]) -> Group:
        order = self.schemas.key_order(self.kind, _norm(path))
        children = [self.node((*path, key), value.get(key), key in value) for key in order]
        children += [Widget((*path, k), str(k), "readonly", _text(v)) for k, v in value.items() if k not in order]
        return Group(path, self.title(path), children)

    def listing(self, path: Path_, value: list[Any]) -> ListGroup:
        group = ListGroup(path, self.title(path))
        for index, item in enumerate(value):
            group.rows.append(Row(str(index), self._row((*path, index), item, True)))
        group.template = Row("__i__", self._row((*path, "__i__"), None, False))
        return group

    def _row(self, path: Path_, item: Any, present: bool) -> list[Any]:
        made = self.node(path, item, present)
        return made.children if isinstance(made, Group) else [made]

    def leaf(self, path: Path_, schema: dict[str, Any], value: Any, present: bool) -> Widget:
        title = self.title(path)
        text = _text(value) if present else ""
        if present and (isinstance(value, (dict, list)) or safe_text(text) != text):
            # a structure where a scalar belongs, or control characters (a browser cannot hold them in a field):
            # shown escaped, not editable here (kexie set, or a text editor)
            return Widget(path, title, "readonly", text)
        codes = schema.get("enum")
        if isinstance(codes, list):
            labels = self.schemas.labels(self.kind, _norm(path))
            options = [(str(c), f"{labels.get(str(c), str(c))}（{c}）" if self.lang != "en" else str(c)) for c in codes]
            if present and text not in {o[0] for o in options}:
                options.append((text, text))  # a value outside the enumeration stays selectable (check reports it)
            return Widget(path, title, "select", text, [("", ""), *options])
        types = schema.get("type")
        if types == "boolean":
            yes, no = ("是", "否") if self.lang != "en" else ("yes", "no")
            return Widget(path, title, "select", text, [("", ""), ("true", yes), ("false", no)])
        if schema.get("format") == "date" and (not present or _is_date(text)):
            return Widget(path, title, "date", text)  # a malformed date is shown as text, never dropped by the browser
        if types in {"integer", "number"}:
            return Widget(path, title, "number", text)
        return Widget(path, title, "textarea" if path[-1] == "notes" else "text", text)


def _norm(path: Path_) -> Path_:
    return tuple(0 if not isinstance(p, str) or p == "__i__" or (p[:1] == "n" and p[1:].isdigit()) else p for p in path)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        import json  # noqa: PLC0415 - only for the rare structure the form shows read-only

        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- what a posted form asks for ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppendItem:
    """A new list entry, added after the last one (the list is made when absent)."""

    path: Path_
    value: Any

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        current = tree.get_node(doc, self.path) if _has(doc, self.path) else None
        index = len(current) if isinstance(current, list) else 0
        if current is None:
            tree.set_node(doc, self.path, [], tree.key_orders(ctx.schemas, ctx.kind, self.path))
        flow = isinstance(self.value, dict) and _flow_siblings(tree.get_node(doc, self.path))
        target = (*self.path, index)
        tree.set_node(doc, target, self.value, tree.key_orders(ctx.schemas, ctx.kind, target), flow=flow)
        return [target]


def _has(doc: Any, path: Path_) -> bool:
    try:
        tree.get_node(doc, path)
    except (KeyError, IndexError, TypeError, KexieError):
        return False
    return True


def _flow_siblings(seq: Any) -> bool:
    if not isinstance(seq, list) or not seq:
        return False
    return bool(getattr(getattr(seq[0], "fa", None), "flow_style", lambda: False)())


@dataclass(slots=True)
class Plan:
    operations: list[Any] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # form name -> message


class Combined:
    """Several operations applied in order as one edit (one validation, one write)."""

    def __init__(self, operations: list[Any]) -> None:
        self.operations = operations

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        paths: list[Path_] = []
        for operation in self.operations:
            paths += operation(doc, ctx)
        return paths


def plan(items: list[Any], posted: Any, kind: str, schemas: SchemaSet, lang: str) -> Plan:
    """The operations that turn the record the form was built from into what ``posted`` holds."""
    reader = _Reader(posted, kind, schemas, lang)
    reader.walk(items)
    out = reader.out
    out.operations += [UnsetField(p) for p in sorted(reader.removals, key=lambda p: (len(p), p[-1]), reverse=True)]
    out.operations += reader.appends
    return out


@dataclass(slots=True)
class _Reader:
    """One posted form read against the form it was built from: the operations, removals, new rows, errors."""

    posted: Any
    kind: str
    schemas: SchemaSet
    lang: str
    out: Plan = field(default_factory=Plan)
    removals: list[Path_] = field(default_factory=list)
    appends: list[Any] = field(default_factory=list)

    def walk(self, items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Group):
                self.walk(item.children)
            elif isinstance(item, ListGroup):
                self.listing(item)
            elif isinstance(item, Widget) and item.kind != "readonly":
                raw = self.posted.get(item.name)
                if raw is None or raw == item.value:
                    continue
                if not raw.strip():
                    if item.value:
                        self.out.operations.append(UnsetField(item.path))
                    continue
                if self.parsed(raw, item.path, item.name) is not _INVALID:
                    self.out.operations.append(SetField(item.path, raw))

    def listing(self, group: ListGroup) -> None:
        if group.name not in self.posted:
            return  # the form did not carry this list (an older page): leave it alone
        keys = [k for k in self.posted.getlist(group.name) if k]
        existing = {row.key for row in group.rows}
        for row in group.rows:
            if row.key not in keys:
                self.removals.append((*group.path, int(row.key)))
            else:
                self.walk(row.children)
        for key in keys:
            if key in existing or group.template is None or not (key[:1] == "n" and key[1:].isdigit()):
                continue
            value = self.new_row(group, group.template, key)
            if value is not None:
                self.appends.append(AppendItem(group.path, value))

    def parsed(self, raw: str, path: Path_, name: str) -> Any:
        """``raw`` parsed as ``kexie set`` parses the field at ``path``; _INVALID (and the error kept) if it is not."""
        try:
            return tree.parse_value(raw, self.schemas.node(self.kind, _norm(path)))
        except KexieError as exc:
            self.out.errors[name] = exc.render(self.lang)
            return _INVALID

    def new_row(self, group: ListGroup, template: Row, key: str) -> Any:
        entry: dict[str, Any] = {}
        scalar: Any = None
        for widget in _leaves(template.children):
            path = tuple(key if p == "__i__" else p for p in widget.path)
            name = "f:" + tree.show_path(path)
            raw = self.posted.get(name, "")
            value = self.parsed(raw, path, name) if raw.strip() else _INVALID
            if value is _INVALID:
                continue
            rest = path[len(group.path) + 1 :]
            if not rest:
                scalar = value
                continue
            node = entry
            for part in rest[:-1]:
                node = node.setdefault(str(part), {})
            node[str(rest[-1])] = value
        if scalar is not None:
            return scalar
        return entry or None


_INVALID = object()  # a posted value that does not parse (its message is in Plan.errors)


def _leaves(items: list[Any]) -> list[Widget]:
    found: list[Widget] = []
    for item in items:
        if isinstance(item, Widget) and item.kind != "readonly":
            found.append(item)
        elif isinstance(item, Group):
            found += _leaves(item.children)
    return found
