"""Which column holds which field: header synonyms, the header row, and ``--map`` overrides.

A target is a dotted field path of the record (``registration.uscc``, ``term.number``), or
``leaders.<role>`` (the current holder's name), ``covers`` (names or ids of the records a
party cell covers), or ``None`` (ignore the column).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.importer.annual_headers import ANNUAL, FIGURE_TARGETS, leading_year, split_year
from kexie_cli.importer.cells import Cell, blank, display
from kexie_cli.importer.headers import BY_KIND, COMMON
from kexie_cli.importer.sheets import Sheet, read_bytes
from kexie_cli.importer.years import LIST_FIELDS, is_year_target, map_year_target, year_target
from kexie_cli.records.loader import load_text
from kexie_cli.records.roles import role_label
from kexie_cli.registry.kind_fields import shipped_fields, shipped_id_lists
from kexie_cli.registry.schemas import SchemaSet

HEADER_SCAN_ROWS = 30
MAX_MAP_BYTES = 1024 * 1024

LISTS = {"covers", "brand_events"}  # one cell, several values


def list_targets(kind: str) -> set[str]:
    """The targets whose cell holds several values: ``covers``, ``brand_events`` and the kind's lists of ids."""
    return LISTS | {f.name for f in shipped_id_lists(kind)}


def header_key(text: str) -> str:
    """A header as it is matched: NFKC, no spaces, no required-field stars, 全角 brackets."""
    key = re.sub(r"[\s*＊]", "", unicodedata.normalize("NFKC", text))
    return key.replace("(", "（").replace(")", "）")


def _bare(key: str) -> str:
    """``成立时间（年月）`` → ``成立时间``."""
    return re.sub(r"（[^）]*）$", "", key)


@dataclass(slots=True)
class ColumnMap:
    sheet: Sheet
    header_row: int  # sheet row number
    columns: dict[int, str] = field(default_factory=dict)  # column index -> target
    headers: dict[int, str] = field(default_factory=dict)  # column index -> header text
    unknown: list[str] = field(default_factory=list)  # headers nothing matched
    duplicate: list[str] = field(default_factory=list)  # a second column for the same target
    header_rows: int = 1  # 2: parents over children (负责人 → 理事长 | 秘书长)
    stale: list[str] = field(default_factory=list)  # 上届 / 原 / 曾任 columns: never the current holder
    hidden: list[str] = field(default_factory=list)  # hidden columns that lost to a visible one
    years: dict[int, int] = field(default_factory=dict)  # column index -> the year its header names (年报 sheets)

    @property
    def last_header_row(self) -> int:
        return self.header_row + self.header_rows - 1


@dataclass(slots=True)
class MapFile:
    """``--map MAP.yaml``: ``columns: {表头: field}`` (null ignores a column), optional ``sheet`` and ``header_row``."""

    columns: dict[str, str | None] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None


def load_map(path: Path, kind: str, schemas: SchemaSet) -> MapFile:
    raw = read_bytes(path, MAX_MAP_BYTES, "import.map_too_large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KexieError("import.map_unreadable", file=str(path), detail=str(exc)) from exc
    loaded = load_text(text)
    data = loaded.data
    if data is None or loaded.problems:
        raise KexieError("import.map_invalid", file=str(path), detail="YAML")
    columns = data.get("columns", {})
    sheet, header_row = data.get("sheet"), data.get("header_row")
    unknown_keys = set(data) - {"columns", "sheet", "header_row"}
    if (
        unknown_keys
        or not isinstance(columns, dict)
        or not (sheet is None or isinstance(sheet, str))
        or not (header_row is None or (isinstance(header_row, int) and header_row >= 1))
    ):
        detail = ", ".join(sorted(map(str, unknown_keys))) or "columns / sheet / header_row"
        raise KexieError("import.map_invalid", file=str(path), detail=detail)
    out = MapFile(sheet=sheet, header_row=header_row)
    for header, target in columns.items():
        if target is not None and not (isinstance(target, str) and valid_target(target, kind, schemas)):
            raise KexieError("import.map_target", file=str(path), header=str(header), target=str(target))
        out.columns[header_key(str(header))] = target
    return out


def valid_target(target: str, kind: str, schemas: SchemaSet) -> bool:
    """A scalar field of ``kind``, ``leaders.<role>``, ``id``, ``covers`` (party cells) or a list of ids
    of the kind (an alliance's ``members``)."""
    if target == "covers":
        return kind == "party-cell"
    if kind == "annual" and target in {"name", "registration.uscc"}:  # the organisation the row is about
        return True
    if target in {"brand_events", "npo_grade.valid_until", *LIST_FIELDS} or is_year_target(target):
        return kind == "society"
    if target == "id" or target in {f.name for f in shipped_id_lists(kind)}:
        return True
    parts = target.split(".")
    if parts[0] == "leaders" and len(parts) == 2:
        return parts[1] in schemas.labels(kind, ("leaders", 0, "role"))
    node = schemas.node(kind, tuple(parts))
    return node is not None and node.get("type") not in {"object", "array"} and "properties" not in node


def schema_headers(kind: str) -> dict[str, str | None]:
    """The headers of a kind without a table of its own in headers.py: its schema's titles and column names
    (what ``kexie export`` writes for it), its lists of ids (成员学会), and its head by the kind's word
    (主任委员) and as ``head``."""
    out: dict[str, str | None] = {}
    for found in shipped_fields(kind):
        out[found.zh] = out[found.column] = found.dotted
    for listed in shipped_id_lists(kind):  # 成员学会: ids or names; 成员学会名称 (the export's names) is not read
        out[listed.zh] = out[listed.name] = listed.name
        out[listed.zh + "名称"] = out[f"{listed.name}_names"] = None
    head = kinds.BY_CODE[kind].head if kind in kinds.BY_CODE else "chair"
    out[role_label(head, kind)] = out["head"] = f"leaders.{head}"
    return out


YEARS = "\x00years"  # a table entry (never a header) saying the kind has year columns
ANNUAL_YEARS = "\x00annual"  # headers may start with the year of their figures (importer/annual_headers.py)


def synonyms(kind: str, overrides: MapFile | None) -> dict[str, str | None]:
    if kind == "annual":  # a 年报 summary: figures of organisations, none of their own fields
        table = {header_key(k): v for k, v in ANNUAL.items()} | {ANNUAL_YEARS: None}
    else:
        own = BY_KIND[kind] if kind in BY_KIND else schema_headers(kind)
        table = {header_key(k): v for k, v in (COMMON | own).items()}
    if kind == "society":
        table[YEARS] = None
    if overrides is not None:
        table |= overrides.columns
    return table


def match_header(text: str, table: dict[str, str | None]) -> tuple[bool, str | None]:
    """(known, target) for one header cell; year columns (``2023年检``) where the kind has them."""
    key = header_key(text)
    for candidate in (key, _bare(key)):
        if candidate in table:
            target = table[candidate]
            if target in LIST_FIELDS:  # a map's `inspections` / `stars`: the year is in the header
                return True, map_year_target(target, text)
            return True, target
    if YEARS in table and (target := year_target(key)) is not None:
        return True, target
    if ANNUAL_YEARS in table and (rest := split_year(key))[0] is not None:  # 2025年学术活动场次
        return match_header(rest[1], {k: v for k, v in table.items() if k != ANNUAL_YEARS})
    return False, None


def find_columns(sheet: Sheet, table: dict[str, str | None], header_row: int | None = None) -> ColumnMap | None:
    """The header row (the first with a name column and another known column) and its column targets.

    A header of two rows (merged parents over their children: 负责人 → 理事长 | 秘书长) is read as
    ``parent/child``; ``header_row`` (from a map) may name either of the two rows.
    """
    rows = sheet.rows if header_row is not None else sheet.rows[:HEADER_SCAN_ROWS]
    for position, (number, cells) in enumerate(rows):
        if header_row is not None and number not in {header_row - 1, header_row}:
            continue
        below = rows[position + 1] if position + 1 < len(rows) else None
        options = []
        if header_row is None or number == header_row:
            options.append(_map_row(sheet, number, [(display_or_empty(c), "") for c in cells], table))
        pair = below is not None and below[0] == number + 1 and header_like(cells, below[1])
        if below is not None and pair and (header_row is None or header_row in {number, number + 1}):
            options.append(_map_row(sheet, number, two_rows(cells, below[1]), table, rows=2))
        good = [f for f in options if f is not None and "name" in f.columns.values() and len(f.columns) >= 2]
        if good:
            return max(good, key=lambda f: (len(f.columns), -f.header_rows))
    return None


def header_like(top: list[Cell], below: list[Cell]) -> bool:
    """Whether ``top`` can be the upper row of a two-row header: two or more short labels (no 填报单位：…),
    one of them over a blank cell (merged down, as 序号 or 学会名称 are) or fewer labels than the row below
    has (parents over several children each); a title row is one cell."""
    texts = [(i, display_or_empty(c)) for i, c in enumerate(top)]
    labels = [(i, t) for i, t in texts if t]
    if len(labels) < 2 or any(re.search(r"[:：]", t) or len(t) > 20 for _, t in labels):
        return False
    children = sum(1 for c in below if not blank(c.value))
    # merged down (序号, 学会名称 over a blank), or parents spanning several children each
    return any(i >= len(below) or blank(below[i].value) for i, _ in labels) or children > len(labels)


def display_or_empty(cell: Cell) -> str:
    return display(cell) if not blank(cell.value) else ""


def two_rows(parents: list[Cell], children: list[Cell]) -> list[tuple[str, str]]:
    """(header, parent) per column of a two-row header: a parent spans the blank cells right of it."""
    out: list[tuple[str, str]] = []
    parent = ""
    for index in range(max(len(parents), len(children))):
        top = display_or_empty(parents[index]) if index < len(parents) else ""
        child = display_or_empty(children[index]) if index < len(children) else ""
        if top:
            parent = top
        elif not child:
            parent = ""  # a gap ends a merged parent
        if child and parent:
            out.append((child, parent))
        else:
            out.append((top, ""))
    return out


STALE = re.compile(r"上届|往届|前任|曾任|历任|原任|^原(?!始)|[（(]原[）)]|[（(]旧[）)]")


def _map_row(
    sheet: Sheet, number: int, cells: list[tuple[str, str]], table: dict[str, str | None], rows: int = 1
) -> ColumnMap | None:
    if sum(1 for text, _ in cells if text) < 2:
        return None
    found = ColumnMap(sheet, number, header_rows=rows)
    taken: set[tuple[str, int | None]] = set()
    by_year = ANNUAL_YEARS in table  # a 年报 sheet: 2024年 | 2025年 columns of the same figure are not duplicates
    known_children = 0
    # visible columns first: a hidden column never wins over a visible one for the same field
    order = sorted(range(len(cells)), key=lambda i: (i in sheet.hidden, i))
    for index in order:
        text, parent = cells[index]
        if not text:
            continue
        shown = f"{parent}/{text}" if parent else text
        found.headers[index] = shown
        known, target = _match(text, parent, table)
        if parent and known:
            known_children += 1
        key = header_key(shown)
        if _stale(key, text, parent, target, table):
            found.stale.append(shown)  # 理事长（上届）, 原理事长: not the current holder
            continue
        if not known:
            found.unknown.append(shown)
        elif target is not None:
            year = _column_year(text, parent) if by_year and target in FIGURE_TARGETS else None
            if (target, year) in taken:
                (found.hidden if index in sheet.hidden else found.duplicate).append(shown)
                continue
            taken.add((target, year))
            found.columns[index] = target
            if year is not None:
                found.years[index] = year
    position = {h: i for i, h in sorted(found.headers.items(), reverse=True)}
    found.unknown.sort(key=lambda h: position[h])
    found.stale.sort(key=lambda h: position[h])
    if rows == 2 and known_children < 2:
        return None  # the row below is data, not a second header row
    return found


def _column_year(text: str, parent: str) -> int | None:
    """The year a column's header names: ``2025年学术活动场次``, or ``2025年`` over (or under) 学术活动场次."""
    for part in (text, parent):
        if part and (year := leading_year(header_key(part))) is not None:
            return year
    return None


def _stale(key: str, text: str, parent: str, target: str | None, table: dict[str, str | None]) -> bool:
    """A header marked 上届 / 原 / 曾任 of a field (unless the map names that very header)."""
    if not STALE.search(key) or key in table or header_key(text) in table:
        return False
    return target is not None or _match(STALE.sub("", header_key(text)), parent, table)[1] is not None


def _match(text: str, parent: str, table: dict[str, str | None]) -> tuple[bool, str | None]:
    """A child header under ``parent``: ``负责人/理事长``, then ``个人`` + ``会员数``, then the child alone."""
    if parent:
        for candidate in (f"{parent}/{text}", text + parent, parent + text):
            known, target = match_header(candidate, table)
            if known:
                return known, target
    return match_header(text, table)


def pick_sheet(
    sheets: list[Sheet],
    table: dict[str, str | None],
    wanted: MapFile | None,
    name: str | None,
    cache: dict[int, ColumnMap | None] | None = None,
) -> ColumnMap:
    """The sheet to import: the one named (``--sheet`` or the map's ``sheet``), else the best-matching one.

    ``cache`` gets each sheet's header match (by ``id``), so the join does not search again."""
    chosen = name or (wanted.sheet if wanted else None)
    header_row = wanted.header_row if wanted else None
    if chosen is not None:
        for sheet in sheets:
            if sheet.title == chosen:
                found = find_columns(sheet, table, header_row)
                if found is None:
                    raise KexieError("import.no_header", sheet=sheet.title)
                return found
        raise KexieError("import.no_sheet", sheet=chosen, sheets="、".join(s.title for s in sheets))
    best: ColumnMap | None = None
    for sheet in sheets:
        found = find_columns(sheet, table, header_row)
        if cache is not None:
            cache[id(sheet)] = found if header_row is None else None
        if found is not None and (best is None or len(found.columns) > len(best.columns)):
            best = found
    if best is None:
        raise KexieError("import.no_header", sheet="、".join(s.title for s in sheets))
    return best


def describe(columns: dict[int, str], headers: dict[int, str]) -> list[tuple[str, str]]:
    """(header, target) pairs in column order, for the report."""
    return [(headers[i], columns[i]) for i in sorted(columns)]


def is_summary_row(values: list[Any]) -> bool:
    """A 合计 / 总计 / 小计 row (its numbers are formulas or totals, not a record)."""
    for value in values[:4]:
        if isinstance(value, str) and re.sub(r"\s", "", value) in {"合计", "总计", "小计", "合计：", "总计："}:
            return True
    return False
