"""Where a form's inputs are, written into the form's hidden sheet so a returned workbook reads back alone.

The hidden sheet (``_kexie``) names the organisation and the year (so a renamed file still matches) and,
row by row, the cell of every figure and the rows and columns of every list block. ``collect`` reads the
inputs from these places only; a place it does not know (a field the schema no longer has) is refused,
never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kexie_cli.importer.workbook import MAX_ROWS  # no block reaches below the rows a workbook may hold

HIDDEN_SHEET = "_kexie"
MARK = "kexie annual form"
VERSION = 1
YEARS = (1900, 2999)  # the years a form may be for (as --year)
LIST_ROWS = 50  # input rows of a list block (an organisation with more events sends a second form)


@dataclass(slots=True)
class Block:
    """A list's input rows on one sheet: ``first``..``last`` (``last`` 0: to the end of the sheet)."""

    key: str  # events, funding.services
    sheet: str
    header: int  # the row of the column titles
    first: int
    last: int
    columns: dict[str, str] = field(default_factory=dict)  # item field -> column letter

    def rows(self, bottom: int) -> range:
        return range(self.first, (self.last or max(bottom, self.first)) + 1)


@dataclass(slots=True)
class Layout:
    """One organisation's form: its main sheet, the cell of each figure, its list blocks."""

    org: str
    year: int
    sheet: str
    cells: dict[str, str] = field(default_factory=dict)  # field key -> "B9"
    blocks: list[Block] = field(default_factory=list)


def to_rows(layouts: list[Layout]) -> list[list[object]]:
    """The hidden sheet's rows for these forms."""
    rows: list[list[object]] = [[MARK, VERSION]]
    for layout in layouts:
        rows.append(["form", layout.org, layout.year, layout.sheet])
        rows.extend(["field", layout.org, key, cell] for key, cell in layout.cells.items())
        for block in layout.blocks:
            columns = ";".join(f"{name}={letter}" for name, letter in block.columns.items())
            rows.append(["list", layout.org, block.key, block.sheet, block.header, block.first, block.last, columns])
    return rows


class BadLayout(ValueError):
    """The hidden sheet is missing or not one kexie wrote (the workbook is no 年报 form)."""


def from_rows(rows: list[list[object]]) -> list[Layout]:
    """The layouts the hidden sheet describes; :class:`BadLayout` when it is not a form's."""
    if not rows or not rows[0] or rows[0][0] != MARK:
        raise BadLayout("mark")
    forms: dict[str, Layout] = {}
    try:
        for row in rows[1:]:
            tag = row[0] if row else None
            if tag == "form":
                org, year, sheet = str(row[1]), int(str(row[2])), str(row[3])
                if not YEARS[0] <= year <= YEARS[1]:
                    raise BadLayout(f"year {year}")
                forms[org] = Layout(org, year, sheet)
            elif tag == "field":
                forms[str(row[1])].cells[str(row[2])] = str(row[3]).upper()
            elif tag == "list":
                layout = forms[str(row[1])]
                columns = dict(part.split("=", 1) for part in str(row[7] or "").split(";") if "=" in part)
                header, first, last = (int(str(v)) for v in row[4:7])
                if not 1 <= header < first <= MAX_ROWS or not (last == 0 or first <= last <= MAX_ROWS):
                    raise BadLayout(f"rows {header} {first} {last}")
                layout.blocks.append(Block(str(row[2]), str(row[3]), header, first, last, columns))
    except (IndexError, KeyError, ValueError, TypeError) as exc:
        raise BadLayout(str(exc)) from exc
    if not forms:
        raise BadLayout("empty")
    return list(forms.values())
