"""The scalar fields of a kind, read from its schema: the generic columns of sql, export and import.

A kind without hand-written columns (``query/dataset_schema.py``) gets one column per scalar
field of its schema, in schema order: top-level fields, and the scalar fields of a top-level
object one level down (``filed.date`` → column ``filed_date``, header 备案日期). Lists (leaders,
past terms ...) have tables of their own or no column. The shipped schema is the one read, so
every registry has the same columns (a registry's own schema may add fields: they are checked,
not exported).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kexie_cli import kinds
from kexie_cli.registry.schemas import SchemaSet

SKIPPED = frozenset({"kind"})  # the table names the kind already


@dataclass(frozen=True, slots=True)
class ScalarField:
    path: tuple[str, ...]  # ("filed", "date")
    zh: str  # the schema's titles, parent first: 备案日期
    type: str  # TEXT, INTEGER, DATE or BOOLEAN (the dataset's column types)
    enum: bool  # an enumeration (shown with its x-labels)

    @property
    def column(self) -> str:
        return "_".join(self.path)

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    @property
    def en(self) -> str:
        return " ".join(self.path).replace("_", " ")


def column_type(node: dict[str, Any] | None) -> str | None:
    """The column type of a scalar schema node; None for an object, a list or a constant."""
    if not node or "const" in node:
        return None
    kind = node.get("type")
    if kind == "string" or (kind is None and "enum" in node):
        return "DATE" if node.get("format") == "date" else "TEXT"
    return {"integer": "INTEGER", "boolean": "BOOLEAN", "number": "TEXT"}.get(str(kind))


def scalar_fields(schemas: SchemaSet, kind: str) -> list[ScalarField]:
    """Every scalar field of ``kind``'s schema (and of its top-level objects), in schema order."""
    out: list[ScalarField] = []
    for name in schemas.key_order(kind, ()):
        node = schemas.node(kind, (name,))
        if name in SKIPPED or node is None:
            continue
        title = str(node.get("title") or name)
        found = column_type(node)
        if found is not None:
            out.append(ScalarField((name,), title, found, "enum" in node))
            continue
        for child in schemas.key_order(kind, (name,)) if node.get("type") == "object" else []:
            sub = schemas.node(kind, (name, child))
            found = column_type(sub)
            if sub is not None and found is not None:
                out.append(ScalarField((name, child), title + str(sub.get("title") or child), found, "enum" in sub))
    return out


@cache
def shipped_fields(kind: str) -> tuple[ScalarField, ...]:
    """:func:`scalar_fields` of the schema shipped with kexie (read once)."""
    return tuple(scalar_fields(shipped_schemas(), kind))


@cache
def shipped_schemas() -> SchemaSet:
    return SchemaSet(None)


@dataclass(frozen=True, slots=True)
class IdListField:
    """A reference field holding a list of record ids (an alliance's ``members``): one column of ids
    separated by ``；`` and one of the names in the kind's table, a link table in ``sql`` and ``export``."""

    name: str  # "members"
    zh: str  # the schema's title: 成员学会
    kinds: tuple[str, ...]  # the kinds its ids may name

    @property
    def item(self) -> str:
        """One entry's column in the link table: ``members`` → ``member``."""
        return self.name[:-1] if self.name.endswith("s") else f"{self.name}_item"


def id_list_fields(schemas: SchemaSet, kind: str) -> list[IdListField]:
    """The reference fields of ``kind`` (``Kind.refs``) whose schema is a list of strings, in refs order."""
    out = []
    for name, targets in kinds.REFERENCES.get(kind, {}).items():
        node = schemas.node(kind, (name,))
        item = schemas.node(kind, (name, 0))
        if node is not None and node.get("type") == "array" and item is not None and item.get("type") == "string":
            out.append(IdListField(name, str(node.get("title") or name), targets))
    return out


@cache
def shipped_id_lists(kind: str) -> tuple[IdListField, ...]:
    """:func:`id_list_fields` of the schema shipped with kexie (read once)."""
    return tuple(id_list_fields(shipped_schemas(), kind))
