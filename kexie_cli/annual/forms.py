"""``kexie annual forms``: one pre-filled 年报 workbook per organisation that reports (docs/annual.md).

What the registry knows is filled in (name, 统一社会信用代码, the figures of an annual record already
there, members from the organisation's record, last year's figures for reference); the rest is blank
under a 填表说明. Enumerations have dropdowns, counts and dates data validation; every sheet is
protected with only the input cells unlocked, and the workbook's structure is locked (no sheet renamed,
added or removed). The hidden sheet ``_kexie`` says whose form it is (``layout.py``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexie_cli.annual.layout import HIDDEN_SHEET, LIST_ROWS, Block, Layout, to_rows
from kexie_cli.annual.model import BOOLEAN_LABELS, Field, FormModel, ListSheet, form_model
from kexie_cli.annual.orgs import annual_records, deadline, reporting
from kexie_cli.errors import KexieError
from kexie_cli.numerals import cn_date
from kexie_cli.outfile import check_target, make_folder, safe_file_name, write_all
from kexie_cli.records.model import Record, get, text
from kexie_cli.registry.settings import Settings

HEAD = ("项目", "本年数（请填写）", "上年数（参考）", "填表说明")
FIGURES_ROW = 8  # the header row of the figures; inputs from the next row
INPUT_FILL = "FFF2CC"  # the cells to fill in: pale yellow
TITLE_LIMIT = 31  # characters of a sheet title (Excel)


@dataclass(frozen=True, slots=True)
class FormsRun:
    written: list[Path]
    count: int  # organisations with a form


@dataclass(frozen=True, slots=True)
class Org:
    record: Record
    this_year: Record | None
    last_year: Record | None


def make_forms(
    records: list[Record],
    schemas: Any,
    settings: Settings,
    year: int,
    out_dir: Path,
    *,
    one_workbook: bool = False,
    ids: Sequence[str] = (),
) -> FormsRun:
    """Write the forms of ``year`` into ``out_dir`` (only for ``ids`` when given): all files or none."""
    model = form_model(schemas)
    check_target(out_dir, folder=True)
    now, before = annual_records(records, year), annual_records(records, year - 1)
    chosen = reporting(records, year)
    if ids:
        unknown = sorted(set(ids) - {r.id for r in chosen})
        if unknown:  # a form lost and sent again: only for an organisation that reports
            raise KexieError("round.forms.no_form", ids=", ".join(unknown), year=year)
        chosen = [r for r in chosen if r.id in set(ids)]
    orgs = [Org(r, now.get(r.id), before.get(r.id)) for r in chosen]
    writer = _Writer(model, settings, year)
    files: list[tuple[Path, bytes]] = []
    if one_workbook:
        if orgs:
            book = writer.book([(org, _sheet_title(org.record, i)) for i, org in enumerate(orgs)])
            files.append((out_dir / f"{safe_file_name(f'{settings.registry}-{year}年度年报')}.xlsx", book))
    else:
        names = _file_names(orgs, year)
        files = [(out_dir / name, writer.book([(org, "年报")])) for org, name in zip(orgs, names, strict=True)]
    make_folder(out_dir)
    write_all(files)
    return FormsRun([path for path, _ in files], len(orgs))


def _file_names(orgs: list[Org], year: int) -> list[str]:
    stems = [safe_file_name(f"{org.record.name or org.record.id}-{year}年度年报") for org in orgs]
    seen: dict[str, int] = {}
    for stem in stems:
        seen[stem.casefold()] = seen.get(stem.casefold(), 0) + 1
    return [
        f"{safe_file_name(f'{stem}（{org.record.id}）') if seen[stem.casefold()] > 1 else stem}.xlsx"
        for stem, org in zip(stems, orgs, strict=True)
    ]


def _sheet_title(record: Record, number: int) -> str:
    """A sheet title per organisation: its number and name, without the characters Excel refuses."""
    name = "".join(c for c in (record.name or record.id) if c not in "[]:*?/\\'")
    return f"{number + 1}.{name}"[:TITLE_LIMIT]


class _Writer:
    def __init__(self, model: FormModel, settings: Settings, year: int) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill, Protection  # noqa: PLC0415 - openpyxl is slow to import; only for xlsx

        self.model, self.settings, self.year = model, settings, year
        self.fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.open = Protection(locked=False)
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.styles: dict[str, Any] = {}  # input type -> the style of its first cell (per workbook)
        self.validated: dict[tuple[Any, ...], tuple[Any, Field, list[str]]] = {}

    def book(self, sheets: list[tuple[Org, str]]) -> bytes:
        from openpyxl import Workbook  # noqa: PLC0415 - see above
        from openpyxl.workbook.protection import WorkbookProtection  # noqa: PLC0415 - see above

        book = Workbook()
        book.remove(book.active)
        self.styles.clear()
        layouts = []
        for org, title in sheets:
            ws = book.create_sheet(title)
            layout = Layout(org.record.id, self.year, title)
            row = self._figures(ws, org, layout)
            if len(sheets) == 1:  # a form of its own: each list on a sheet of its own
                for sheet in self.model.lists:
                    self._list(book.create_sheet(sheet.title[:TITLE_LIMIT]), sheet, org, layout, 1, last=0)
            else:  # one workbook: the lists below the figures
                for sheet in self.model.lists:
                    row = self._list(ws, sheet, org, layout, row + 2, last=None)
            layouts.append(layout)
        self._validate()
        hidden = book.create_sheet(HIDDEN_SHEET)
        for values in to_rows(layouts):
            hidden.append(values)
        hidden.sheet_state = "hidden"
        hidden.protection.sheet = True
        book.security = WorkbookProtection(lockStructure=True)
        book.properties.creator = "kexie"
        stamp = dt.datetime(self.year + 1, 1, 1)  # the same bytes for the same registry (no clock)
        book.properties.created = book.properties.modified = stamp
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def _figures(self, ws: Any, org: Org, layout: Layout) -> int:
        record = org.record
        due = cn_date(deadline(self.settings, self.year))
        ws.append([f"{self.settings.registry}{self.year}年度工作年报"])
        ws.append(["填报单位", record.name])
        ws.append(["统一社会信用代码", text(record.get("registration", "uscc")) or ""])
        ws.append(["记录 ID", record.id])
        ws.append(["年度", self.year])
        ws.append(["填表说明", _instructions(self.year, due)])
        ws.append([])
        ws.append(list(HEAD))
        ws["A1"].font = self.bold
        ws.merge_cells("B6:D6")
        ws["B6"].alignment = self.wrap
        ws.row_dimensions[6].height = 90
        for cell in ws[FIGURES_ROW]:
            cell.font = self.bold
        for width, letter in zip((34, 18, 16, 60), "ABCD", strict=True):
            ws.column_dimensions[letter].width = width
        row = FIGURES_ROW
        for item in self.model.fields:
            row += 1
            value = _current(org, item)
            ws.cell(row, 1, item.label)
            cell = ws.cell(row, 2, _shown(item, value))
            ws.cell(row, 3, _shown(item, _last(org, item)))
            ws.cell(row, 4, _hint(item, self.year))
            self._input(ws, cell, item)
            layout.cells[item.key] = cell.coordinate
        ws.protection.sheet = True
        ws.freeze_panes = f"A{FIGURES_ROW + 1}"
        return row

    def _list(self, ws: Any, sheet: ListSheet, org: Org, layout: Layout, top: int, last: int | None) -> int:
        """A list block: its title and 填表说明 at ``top``, column titles, then the input rows."""
        from openpyxl.utils import get_column_letter  # noqa: PLC0415 - see above

        ws.cell(top, 1, f"{sheet.title}（每行一项，空行不计）").font = self.bold
        header = top + 1
        block = Block(sheet.key, ws.title, header, header + 1, 0)
        for number, column in enumerate(sheet.columns, 1):
            letter = get_column_letter(number)
            title = f"{column.label}（必填）" if column.required else column.label
            ws.cell(header, number, title).font = self.bold
            block.columns[column.key] = letter
            if ws.column_dimensions[letter].width in (None, 13.0):
                ws.column_dimensions[letter].width = 20
        items = _items(org, sheet)
        bottom = header + max(LIST_ROWS, len(items) + 10)
        for row in range(header + 1, bottom + 1):
            item = items[row - header - 1] if row - header - 1 < len(items) else {}
            for number, column in enumerate(sheet.columns, 1):
                cell = ws.cell(row, number, _shown(column, get(item, column.path)))
                self._input(ws, cell, column)
        block.last = bottom if last is None else last
        layout.blocks.append(block)
        ws.protection.sheet = True
        return bottom

    def _input(self, ws: Any, cell: Any, item: Field) -> None:
        style = self.styles.get(item.type)
        if style is None:  # the first input of its type: styled once, its style copied to the others
            cell.protection = self.open
            cell.fill = self.fill
            if item.type == "date":
                cell.number_format = "yyyy-mm-dd"
            self.styles[item.type] = cell._style
        else:
            cell._style = copy(style)  # openpyxl's way to copy a style (setting each part re-indexes it)
        key = (ws.title, item.type, tuple(item.choices()), item.minimum, item.maximum)
        self.validated.setdefault(key, (ws, item, []))[2].append(cell.coordinate)

    def _validate(self) -> None:
        """One data validation per kind of input and sheet, over all its cells."""
        from openpyxl.worksheet.cell_range import MultiCellRange  # noqa: PLC0415 - see above

        for ws, item, cells in self.validated.values():
            validation = _validation(item, self.year)
            if validation is not None:
                validation.sqref = MultiCellRange(" ".join(cells))
                ws.add_data_validation(validation)
        self.validated.clear()


def _validation(item: Field, year: int) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415 - see above

    if item.type in ("enum", "boolean"):
        words = ",".join(item.choices())
        if len(words) > 250:  # Excel's limit on a list typed into the rule; collect checks the value anyway
            return None
        return DataValidation(type="list", formula1=f'"{words}"', allow_blank=True, showErrorMessage=True)
    if item.type == "integer":
        high = item.maximum if item.maximum is not None else 100_000_000
        return DataValidation(
            type="whole", operator="between", formula1=str(item.minimum or 0), formula2=str(high), allow_blank=True
        )
    if item.type == "date":
        return DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({year},1,1)",
            formula2=f"DATE({year},12,31)",
            allow_blank=True,
        )
    return None


def _instructions(year: int, due: str) -> str:
    return (
        f"1. 请在黄色单元格中填写{year}年度（{year}年1月1日至12月31日）的数字，没有的填 0，不清楚的留空；"
        "其余单元格已锁定，请勿改动。\n"
        "2. 数量填整数，金额以元为单位；带下拉箭头的单元格请从列表中选择；日期格式为 YYYY-MM-DD。\n"
        "3. “上年数”一栏供参考，与上年相差较大的请在备注中说明。活动、奖励等逐项填写在后面的表中，每行一项。\n"
        f"4. 请勿更改文件中的工作表，填好后于{due}前将本文件报送（文件可改名）。"
    )


def _hint(item: Field, year: int) -> str:
    words = {
        "integer": "整数，不小于 0",
        "date": f"{year}年内的日期，YYYY-MM-DD",
        "enum": "从下拉列表中选择：" + "、".join(item.choices()),
        "boolean": "是 或 否",
        "text": "文字",
    }
    return words.get(item.type, "")


def _current(org: Org, item: Field) -> Any:
    """This year's value: from the annual record if there is one, else members from the organisation's record."""
    if org.this_year is not None:
        return org.this_year.get(*item.path)
    if item.path[0] == "members":
        return org.record.get(*item.path)
    return None


def _last(org: Org, item: Field) -> Any:
    return org.last_year.get(*item.path) if org.last_year is not None else None


def _items(org: Org, sheet: ListSheet) -> list[dict[str, Any]]:
    found = org.this_year.get(*sheet.path) if org.this_year is not None else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def _shown(item: Field, value: Any) -> Any:
    """A record value as the cell shows it: the label of a code, 是/否, a date as a date."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if item.type == "enum":
        return item.labels.get(str(value), str(value))
    if item.type == "boolean" and isinstance(value, bool):
        return BOOLEAN_LABELS[str(value).lower()]
    if item.type == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
