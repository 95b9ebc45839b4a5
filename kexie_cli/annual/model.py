"""The rows and sheets of a 年报 form, read from the annual schema (``schemas/annual.schema.json``).

Every leaf of the record's figure groups becomes one row of the main sheet (``academic.events`` →
学术活动 · 场次), every list of objects one sheet of its own (``events`` → 活动, its item fields the
columns). A field the schema gains later appears in the forms without code. Left out: what the
registry, not the organisation, fills in (``kind``, ``id``, ``org``, ``year``, the round's
``report``, ``sources``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.registry.schemas import SchemaSet

SCHEMA_FILE = "annual.schema.json"
NOT_ON_FORM = frozenset({"kind", "id", "org", "year", "report", "sources"})
BOOLEAN_LABELS = {"true": "是", "false": "否"}
TEXT_LIMIT = 2000  # characters of one text cell (a note longer than this is pasted by mistake)

Path_ = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """One input: a row of the main sheet, or a column of a list sheet."""

    path: Path_  # within the record (main sheet) or within one list item (list sheet)
    label: str  # 学术活动 · 场次
    type: str  # integer, text, date, enum, boolean
    labels: dict[str, str] = field(default_factory=dict)  # enum code -> Chinese label
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False  # within a list item
    help: str = ""  # the schema's description (填表说明)

    @property
    def key(self) -> str:
        return ".".join(self.path)

    def choices(self) -> list[str]:
        """The words a dropdown offers: the Chinese labels (是/否 for a yes-no column)."""
        if self.type == "boolean":
            return list(BOOLEAN_LABELS.values())
        return [self.labels.get(code, code) for code in self.labels]


@dataclass(frozen=True, slots=True)
class ListSheet:
    """A list of objects (``events``, ``awards``, ``funding.services``): one sheet, one row per item."""

    path: Path_
    title: str  # the sheet's title (活动)
    columns: tuple[Field, ...]

    @property
    def key(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True, slots=True)
class FormModel:
    fields: tuple[Field, ...]  # rows of the main sheet, in schema order
    lists: tuple[ListSheet, ...]

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def list_sheet(self, key: str) -> ListSheet | None:
        return next((s for s in self.lists if s.key == key), None)


def form_model(schemas: SchemaSet) -> FormModel:
    """The form of the registry's annual schema; a registry without one cannot run the round."""
    document = schemas.documents.get(SCHEMA_FILE)
    if document is None:
        raise KexieError("schema.missing", name=SCHEMA_FILE)
    walker = _Walker(schemas)
    root, base = schemas.resolve(document, SCHEMA_FILE)
    walker.walk(root, base, (), "")
    return FormModel(tuple(walker.fields), tuple(walker.lists))


class _Walker:
    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self.fields: list[Field] = []
        self.lists: list[ListSheet] = []

    def walk(self, node: dict[str, Any], base: str, path: Path_, label: str) -> None:
        props = node.get("properties")
        if not isinstance(props, dict):
            return
        for name, raw in props.items():
            if (not path and name in NOT_ON_FORM) or not isinstance(raw, dict):
                continue
            child, child_base = self.schemas.resolve(raw, base)
            title = _title(child, name)
            here = (*path, name)
            full = f"{label} · {title}" if label else title
            if _types(child) & {"object"} and isinstance(child.get("properties"), dict):
                self.walk(child, child_base, here, full)
            elif "array" in _types(child):
                self._list(child, child_base, here, full)
            else:
                leaf = leaf_field(child, here, full, False)
                if leaf is not None:
                    self.fields.append(leaf)

    def _list(self, node: dict[str, Any], base: str, path: Path_, title: str) -> None:
        raw = node.get("items")
        if not isinstance(raw, dict):
            return
        item, item_base = self.schemas.resolve(raw, base)
        props = item.get("properties")
        if not isinstance(props, dict):
            return  # a list of plain values has no sheet
        required = set(item.get("required") or ())
        columns = []
        for name, sub in props.items():
            if not isinstance(sub, dict):
                continue
            child, _ = self.schemas.resolve(sub, item_base)
            leaf = leaf_field(child, (name,), _title(child, name), name in required)
            if leaf is not None:
                columns.append(leaf)
        if columns:
            self.lists.append(ListSheet(path, title, tuple(columns)))


def leaf_field(node: dict[str, Any], path: Path_, label: str, required: bool) -> Field | None:
    """A form input for a schema leaf; None for a shape a cell cannot hold (a nested object in a list)."""
    types = _types(node)
    help_text = str(node.get("description") or "")
    if isinstance(node.get("enum"), list):
        found = node.get("x-labels")
        labels: dict[str, Any] = found if isinstance(found, dict) else {}
        codes = {str(c): str(labels.get(str(c), c)) for c in node["enum"] if c is not None}
        return Field(path, label, "enum", codes, required=required, help=help_text)
    if "integer" in types:
        low, high = node.get("minimum"), node.get("maximum")
        return Field(
            path,
            label,
            "integer",
            minimum=low if isinstance(low, int) else None,
            maximum=high if isinstance(high, int) else None,
            required=required,
            help=help_text,
        )
    if "boolean" in types:
        return Field(path, label, "boolean", required=required, help=help_text)
    if "string" in types:
        kind = "date" if node.get("format") == "date" else "text"
        return Field(path, label, kind, required=required, help=help_text)
    return None


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type")
    if isinstance(kind, str):
        return {kind}
    return {str(k) for k in kind} if isinstance(kind, list) else set()


def _title(node: dict[str, Any], name: str) -> str:
    title = node.get("title")
    return title if isinstance(title, str) and title.strip() else name
