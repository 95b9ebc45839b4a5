"""From sheet rows to field values: one :class:`RowValues` per data row, and a note for every cell not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.importer import cells
from kexie_cli.importer.cells import Cell, Unreadable, blank, cell_text
from kexie_cli.importer.columns import ColumnMap, header_key, is_summary_row, list_targets
from kexie_cli.importer.ids import SLUG
from kexie_cli.importer.values import (
    ENUM_WORDS,
    ROLE_NOTES,
    STATUS_WORDS,
    party_total,
    person_note,
    placeholder,
    term_span,
)
from kexie_cli.importer.years import is_year_target, read_year_value
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
    flags: dict[str, dict[str, Any]] = field(default_factory=dict)  # leader role -> {full_time: …} from role notes
    coarse: dict[str, int] = field(default_factory=dict)  # date target -> length of the ISO prefix the cell gives
    also: dict[str, str] = field(default_factory=dict)  # role -> name a role note names (法定代表人)
    skip: tuple[str, dict[str, str]] | None = None  # (catalogue key, params): the row is not imported


@dataclass(slots=True)
class SheetRows:
    rows: list[RowValues] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (row, catalogue key): 合计 rows, footnotes …
    notes: list[Note] = field(default_factory=list)


def empty(cell: Cell) -> bool:
    """A blank cell, or a placeholder (``—``, ``（空缺）``, ``暂无``) that says the value is not there."""
    return blank(cell.value) or (isinstance(cell.value, str) and placeholder(cell.value))


def read_rows(columns: ColumnMap, kind: str, schemas: SchemaSet) -> SheetRows:
    out = SheetRows()
    for number, row in columns.sheet.rows:
        if number <= columns.last_header_row:
            continue
        if all(empty(c) for c in row):
            continue  # blank row
        ignored = not_a_record(row, columns)
        if ignored is not None:
            out.ignored.append((number, ignored))
            continue
        mapped = {i: row[i] for i in columns.columns if i < len(row) and not empty(row[i])}
        if not mapped:
            continue  # only columns that are not read
        values = RowValues(number)
        for index, cell in mapped.items():
            target = columns.columns[index]
            try:
                _read_into(values, cell, target, kind, schemas, out.notes, columns.headers[index])
            except Unreadable as exc:
                params = tuple((k, str(v)) for k, v in exc.params.items())
                out.notes.append(Note(number, columns.headers[index], cells.display(cell), exc.key, params))
                if target == "status":  # never created as active: a dissolved organisation would be counted
                    values.skip = ("import.skip.bad_status", {"value": cells.display(cell)})
        for role, name in values.also.items():
            values.values.setdefault(f"leaders.{role}", name)
        _party_total(values, out.notes)
        out.rows.append(values)
    return out


def _read_into(
    values: RowValues, cell: Cell, target: str, kind: str, schemas: SchemaSet, notes: list[Note], header: str
) -> None:
    """Read one cell into ``values`` (some cells give two fields: a term span, a role note)."""
    row = values.row
    if target.startswith("leaders."):
        name, words = person_note(cell_text(cell))
        person = cells.read_person(Cell(name))
        values.values[target] = person
        role = target.split(".", 1)[1]
        for word in words:
            meaning = ROLE_NOTES.get(word)
            if meaning is not None and meaning[0] == "full_time":
                values.flags.setdefault(role, {})["full_time"] = meaning[1]
            elif meaning is not None and meaning[0] == "legal-representative" and kind == "society":
                values.also.setdefault("legal-representative", person)
            else:
                notes.append(Note(row, header, cells.display(cell), "import.note.role_note", (("note", word),)))
        return
    if target in {"term.years", "term.started"} and (span := term_span(cell_text(cell))) is not None:
        start = cells.read_date(Cell(span[0]))
        end = cells.read_date(Cell(span[1]))
        if values.values.setdefault("term.started", start.day.isoformat()) == start.day.isoformat():
            values.coarse["term.started"] = {"day": 10, "month": 7}.get(start.precision, 4)
        if end.day.year > start.day.year:
            values.values.setdefault("term.years", end.day.year - start.day.year)
        params = (("started", start.day.isoformat()), ("years", str(end.day.year - start.day.year)))
        notes.append(Note(row, header, cells.display(cell), "import.note.span", params))
        return
    if target == "members.total":
        found = party_total(cell_text(cell))
        if found is None:
            raise Unreadable("import.value.not_int", value=cell_text(cell))
        values.values["members.total"] = found[0]
        if found[1] is not None:
            values.values.setdefault("members.probationary", found[1])
        return
    value, note = read_value(cell, target, kind, schemas)
    if note is not None:
        notes.append(Note(row, header, cells.display(cell), note[0], note[1]))
        if note[0] in {"import.note.month_only", "import.note.year_only"}:
            values.coarse[target] = 7 if note[0] == "import.note.month_only" else 4  # the ISO prefix it gives
    values.values[target] = value


def _party_total(values: RowValues, notes: list[Note]) -> None:
    """党员人数 is 正式 + 预备: 正式 is the total less 预备 when that is known, else not written."""
    total = values.values.pop("members.total", None)
    if total is None or "members.full" in values.values:
        return
    probationary = values.values.get("members.probationary")
    if isinstance(probationary, int) and probationary <= total:
        values.values["members.full"] = total - probationary
    else:
        notes.append(Note(values.row, "党员人数", str(total), "import.note.total_only"))


_FOOTNOTE = re.compile(
    r"^(填表说明|填报说明|说明|注|附注|备注|注意|制表|审核|填表人|填报人|联系人|负责人签字)\s*\d*\s*[:：]"
)
_HEADING = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十\d]+(部分|类|批))"
    r"|类\s*[（(]\s*\d+\s*个\s*[）)]$"
)


def not_a_record(row: list[Cell], columns: ColumnMap) -> str | None:
    """Why a row is not an organisation (a catalogue key), or None: totals, footnotes, headings, a header again."""
    texts = [cells.display(c) for c in row if not blank(c.value)]
    if is_summary_row([c.value for c in row]):
        return "import.ignored.total"
    if texts and _FOOTNOTE.match(texts[0].replace(" ", "")):
        return "import.ignored.footnote"
    same = sum(
        1
        for i, h in columns.headers.items()
        if i < len(row) and header_key(cells.display(row[i])) in {header_key(p) for p in (h, *h.split("/"))}
    )
    if same >= 2:
        return "import.ignored.header"
    if len(texts) == 1 and _HEADING.search(texts[0].replace(" ", "")):
        return "import.ignored.heading"
    return None


def read_value(
    cell: Cell, target: str, kind: str, schemas: SchemaSet
) -> tuple[Any, tuple[str, tuple[tuple[str, str], ...]] | None]:
    """(value, note) for one cell of column ``target``; raises Unreadable."""
    if is_year_target(target):
        return read_year_value(cell, target, schemas), None
    if target in list_targets(kind):
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
        labels = schemas.labels(kind, path) or {str(v): str(v) for v in node["enum"]}
        words = STATUS_WORDS if path == ("status",) else ENUM_WORDS.get((kind, ".".join(map(str, path))))
        return cells.read_enum(cell, labels, words), None
    if node.get("format") == "date":
        found = cells.read_date(cell)
        note = None
        if found.precision == "serial":
            note = ("import.note.serial", (("date", found.day.isoformat()),))
        elif found.precision != "day":
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
