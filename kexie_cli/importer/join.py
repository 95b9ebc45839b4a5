"""Several sheets of one workbook: 学会基本情况 / 年检情况 / 党建情况, joined to the imported sheet by code or name.

Every sheet's header rows are looked at (the first rows only, see :mod:`.workbook`). A sheet
other than the imported one whose header has a name column and at least one field the
imported sheet lacks (年检 years, 星级, 党建联络员, 负责人 …) is read in full and joined: each
of its rows fills the fields of the imported row with the same 统一社会信用代码, else the same
name (with or without the place name); a field the imported sheet has keeps its value there.
A row that matches no row, or several, is listed. Sheets neither imported nor joined are
listed as not read.
"""

from __future__ import annotations

from kexie_cli.importer.columns import ColumnMap, find_columns
from kexie_cli.importer.names import NameIndex
from kexie_cli.importer.rows import Note, RowValues, SheetRows, read_rows
from kexie_cli.importer.sheets import Sheet, full
from kexie_cli.registry.schemas import SchemaSet

KEYS = {"name", "registration.uscc", "id"}


def join_sheets(
    sheets: list[Sheet],
    main: ColumnMap,
    skip: set[str],
    table: dict[str, str | None],
    kind: str,
    schemas: SchemaSet,
    registry_name: str,
    data: SheetRows,
    cache: dict[int, ColumnMap | None],
) -> list[str]:
    """Join the sheets that add fields to ``data`` (in place); their titles."""
    joined: list[str] = []
    names = NameIndex(registry_name)
    codes: dict[str, RowValues] = {}
    by_row = {str(r.row): r for r in data.rows}
    for row in data.rows:
        names.add(str(row.row), [row.values.get("name")])
        if row.values.get("registration.uscc"):
            codes[str(row.values["registration.uscc"])] = row
    have = set(main.columns.values())
    for sheet in sheets:
        if sheet is main.sheet or sheet.title in skip:
            continue
        found = cache[id(sheet)] if id(sheet) in cache else find_columns(sheet, table)
        if found is None or not set(found.columns.values()) - have - KEYS:
            continue
        full(sheet)
        extra = read_rows(found, kind, schemas)
        joined.append(sheet.title)
        data.notes.extend(Note(n.row, f"{sheet.title}!{n.column}", n.value, n.key, n.params) for n in extra.notes)
        for row in extra.rows:
            name = str(row.values.get("name", ""))
            code = row.values.get("registration.uscc")
            candidates = [codes[code]] if code in codes else [by_row[i] for i in names.find(name)] if name else []
            if len(candidates) != 1:
                key = "import.note.join_ambiguous" if candidates else "import.note.join_unmatched"
                data.notes.append(Note(row.row, f"{sheet.title}!名称", name, key, (("sheet", main.sheet.title),)))
                continue
            target = candidates[0]
            for field, value in row.values.items():
                target.values.setdefault(field, value)
            for role, flags in row.flags.items():
                target.flags.setdefault(role, flags)
            for field, length in row.coarse.items():
                target.coarse.setdefault(field, length)
    return joined
