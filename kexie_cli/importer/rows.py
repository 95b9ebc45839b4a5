"""From sheet rows to field values: one :class:`RowValues` per data row, and a note for every cell not read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kexie_cli.importer import cells
from kexie_cli.importer.cells import Cell, Unreadable, blank, cell_text
from kexie_cli.importer.columns import LISTS, ColumnMap, is_summary_row
from kexie_cli.importer.ids import SLUG
from kexie_cli.registry.schemas import SchemaSet


@dataclass(frozen=True, slots=True)
class Note:
    """A value left out (``import.value.*``) or read with a stated assumption (``import.note.*``)."""

    row: int
    column: str
    value: str
    key: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class RowValues:
    row: int
    values: dict[str, Any] = field(default_factory=dict)  # target -> value (dates as ISO text)


@dataclass(slots=True)
class SheetRows:
    rows: list[RowValues] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (row, catalogue key): 合计 rows
    notes: list[Note] = field(default_factory=list)


def read_rows(columns: ColumnMap, kind: str, schemas: SchemaSet) -> SheetRows:
    out = SheetRows()
    for number, row in columns.sheet.rows:
        if number <= columns.header_row:
            continue
        mapped = {i: row[i] for i in columns.columns if i < len(row)}
        if all(blank(c.value) for c in mapped.values()):
            continue  # blank row
        if is_summary_row([c.value for c in row]):
            out.ignored.append((number, "import.ignored.total"))
            continue
        values = RowValues(number)
        for index, cell in mapped.items():
            if blank(cell.value):
                continue
            target = columns.columns[index]
            try:
                value, note = read_value(cell, target, kind, schemas)
            except Unreadable as exc:
                params = tuple((k, str(v)) for k, v in exc.params.items())
                out.notes.append(Note(number, columns.headers[index], cells.display(cell), exc.key, params))
                continue
            if note is not None:
                out.notes.append(Note(number, columns.headers[index], cells.display(cell), note[0], note[1]))
            values.values[target] = value
        out.rows.append(values)
    return out


def read_value(
    cell: Cell, target: str, kind: str, schemas: SchemaSet
) -> tuple[Any, tuple[str, tuple[tuple[str, str], ...]] | None]:
    """(value, note) for one cell of column ``target``; raises Unreadable."""
    if target in LISTS:
        return cells.split_list(cell), None
    if target.startswith("leaders."):
        return cells.read_person(cell), None
    if target == "id":
        text = cells.half_width(cell_text(cell)).lower()

        if not SLUG.match(text):
            raise Unreadable("import.value.bad_id", value=text)
        return text, None
    if target in {"name", "short_name"}:
        return cells.read_name(cell), None
    if target == "registration.uscc":
        return cells.read_uscc(cell), None
    if target == "npo_grade.valid_until":
        return typed(cell, {"format": "date"}, kind, ("npo_grade", "expires"), schemas)
    if target == "term.number":
        return cells.read_term_number(cell), None
    return typed(cell, schemas.node(kind, tuple(target.split("."))) or {}, kind, tuple(target.split(".")), schemas)


def typed(
    cell: Cell, node: dict[str, Any], kind: str, path: tuple[str | int, ...], schemas: SchemaSet
) -> tuple[Any, tuple[str, tuple[tuple[str, str], ...]] | None]:
    """A cell read as the schema node's type: enumeration, date, integer, boolean or text."""
    if "enum" in node:
        return cells.read_enum(cell, schemas.labels(kind, path) or {str(v): str(v) for v in node["enum"]}), None
    if node.get("format") == "date":
        found = cells.read_date(cell)
        note = None
        if found.precision != "day":
            note = (f"import.note.{found.precision}_only", (("date", found.day.isoformat()),))
        return found.day.isoformat(), note
    kind_of = node.get("type")
    if kind_of == "integer":
        return cells.read_int(cell), None
    if kind_of == "boolean":
        return cells.read_bool(cell), None
    if str(path[-1]) == "name":
        return cells.read_person(cell), None
    return cells.read_text(cell), None
