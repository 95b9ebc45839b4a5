"""``kexie import --kind annual``: last year's 年报 summary sheet (one row per organisation) into annual records.

The sheet is read as every import reads it (header synonyms in ``annual_headers.py``, cells, rows, the
lock, validation and the all-or-nothing write of ``run.py``); only the planning differs: a row names an
organisation (matched by 统一社会信用代码, then by name, also without the city prefix, as ``import``
matches) and its figures, and becomes ``records/annual/<year>/<org>-<year>.yaml``. The year is
``--year``, else a 年度 column, else the year the figure headers name (``2025年学术活动场次``, or 2025年
over its figures); a sheet with years as columns makes one record per organisation and year.
A record that exists is updated in place (only the figures that differ; comments and order kept); a
new one is written with ``report: {status: submitted}``: its figures were reported (docs/import.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kexie_cli.edit import canonical, tree
from kexie_cli.errors import KexieError
from kexie_cli.figures.annual import KIND
from kexie_cli.importer.annual_headers import FIGURE_TARGETS, ORG_NAME, ORG_USCC, YEAR_TARGET
from kexie_cli.importer.apply import apply_fields, differs, new_node, open_existing
from kexie_cli.importer.columns import ColumnMap
from kexie_cli.importer.fields import index
from kexie_cli.importer.result import ImportResult, Plan, RowResult
from kexie_cli.importer.rows import RowValues
from kexie_cli.importer.sheets import Sheet
from kexie_cli.kinds import ORG_CODES
from kexie_cli.records.model import Record, text
from kexie_cli.registry.layout import record_path
from kexie_cli.registry.load import Registry
from kexie_cli.rules.integrity import compact_uscc

_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年|$)")


def title_year(sheet: Sheet) -> int | None:
    """The one year a sheet's title names (``2025年``, ``2025年度学会工作统计``, ``2025``), or None."""
    years = set(_YEAR_IN.findall(sheet.title.strip()))
    return int(years.pop()) if len(years) == 1 else None


def sheet_year(columns: ColumnMap) -> int | None:
    """The one year the sheet names outside its header: in its title, else in the rows above the header
    (a title row such as 2025年度各学会工作情况汇总表); None when it names none, or several (2024—2025年度)."""
    found = title_year(columns.sheet)
    if found is not None:
        return found
    years = {
        y
        for number, cells in columns.sheet.rows
        if number < columns.header_row
        for cell in cells
        if isinstance(cell.value, str)
        for y in _YEAR_IN.findall(cell.value)
    }
    return int(years.pop()) if len(years) == 1 else None


def year_sheets(sheets: list[Sheet], year: int | None) -> list[Sheet]:
    """The sheets to choose among: with ``--year``, those whose title names that year (when some do);
    without it, all. KexieError when sheets name different years and ``--year`` does not pick one."""
    named = {s.title: y for s in sheets if (y := title_year(s)) is not None}
    if year is not None:
        return [s for s in sheets if named.get(s.title) == year] or sheets
    if len(set(named.values())) > 1:
        raise KexieError("annual.import_sheet_years", sheets="、".join(named))
    return sheets


def year_splits(columns: ColumnMap, year: int | None) -> list[tuple[int | None, ColumnMap]]:
    """The sheet's columns once per year of figures: (year, the columns of that year's figures and the others).

    A sheet may keep years as columns (2024年 | 2025年 over 学术活动场次, or ``2025年学术活动场次``):
    each year goes to its own records. ``--year`` takes that year's columns (every figure column when the
    headers name no year); else the headers' years, else the one year of the sheet's title or title row;
    a year None means the rows say it (a 年度 column). KexieError when nothing says the year, when
    ``--year`` is not among the years the sheet names, or when the headers name several years and some
    figure column names none."""
    figures = [i for i, target in columns.columns.items() if target in FIGURE_TARGETS]
    years = sorted({columns.years[i] for i in figures if i in columns.years})
    named = sheet_year(columns) if not years else None  # 2025年 in the title: the year of every figure
    if named is not None:
        years = [named]
    shown = "、".join(map(str, years))
    if year is not None:
        if years and year not in years:
            raise KexieError("annual.import_year_absent", year=year, years=shown, sheet=columns.sheet.title)
        return [(year, _of_year(columns, year))]
    if not years:
        if YEAR_TARGET not in columns.columns.values():
            raise KexieError("annual.import_no_year")
        return [(None, columns)]
    loose = [columns.headers[i] for i in figures if i not in columns.years]
    if len(years) > 1 and loose:
        raise KexieError("annual.import_years", years=shown, columns="、".join(loose))
    return [(found, _of_year(columns, found)) for found in years]


def _of_year(columns: ColumnMap, year: int) -> ColumnMap:
    """The columns without the figures of other years."""
    keep = {i: t for i, t in columns.columns.items() if t not in FIGURE_TARGETS or columns.years.get(i, year) == year}
    return replace(columns, columns=keep)


def plan_annual(
    registry: Registry,
    records: list[Record],
    rows: list[RowValues],
    year: int | None,
    result: ImportResult,
) -> list[Plan]:
    """One plan per row: the organisation's annual record of the row's year, created or updated."""
    orgs = [r for r in records if r.kind in ORG_CODES and r.loaded]
    by_uscc = {compact_uscc(u): r for r in orgs if (u := text(r.get("registration", "uscc"))) and u.strip()}
    by_id = {r.id: r for r in orgs}
    names = index(registry, orgs)
    annual = {r.id: r for r in records if r.kind == KIND}
    seen: dict[str, int] = {}
    plans: list[Plan] = []
    for values in rows:
        name, uscc = values.values.get(ORG_NAME), values.values.get(ORG_USCC)
        row = RowResult(values.row, "skipped", name=str(name or uscc or ""))
        result.rows.append(row)
        stated = values.values.get(YEAR_TARGET)  # the row's 年度 column
        found = year if year is not None else stated
        if values.skip is not None:
            row.reason, row.params = values.skip
            continue
        if not name and not uscc:
            row.reason = "import.skip.no_name"
            continue
        if not isinstance(found, int):
            row.reason = "annual.import.no_year"
            continue
        if isinstance(stated, int) and stated != found:  # 年度 2024 in a row of the 2025 figures
            row.reason, row.params = "annual.import.year_differs", {"row_year": str(stated), "year": str(found)}
            continue
        org = by_uscc.get(compact_uscc(str(uscc))) if uscc else None
        if org is None and name:
            candidates = names.find(str(name))
            if len(candidates) > 1:
                row.reason, row.params = "import.skip.ambiguous", {"ids": "、".join(candidates)}
                continue
            org = by_id[candidates[0]] if candidates else None
        if org is None:
            row.reason, row.params = "annual.import.no_org", {"name": str(name or uscc)}
            continue
        record_id = f"{org.id}-{found}"
        if record_id in seen:
            row.reason, row.params = "import.skip.duplicate", {"other": str(seen[record_id])}
            continue
        seen[record_id] = values.row
        row.name, row.id = org.name, record_id
        path = record_path(registry.root, KIND, record_id)
        row.file = path.relative_to(registry.root).as_posix()
        existing = annual.get(record_id)
        if existing is not None and not existing.loaded:
            row.reason, row.params = "import.skip.unloadable", {"file": existing.relpath}
            continue
        plan = Plan(row, values, existing, path)
        _render(registry, plan, org.id, found, _fields(values))
        plans.append(plan)
    return plans


def _fields(values: RowValues) -> dict[tuple[str, ...], Any]:
    """The row's figures by record path, in the order of figures/annual.py."""
    return {tuple(t.split(".")): v for t, v in values.values.items() if t in FIGURE_TARGETS and isinstance(v, int)}


def _render(registry: Registry, plan: Plan, org: str, year: int, fields: dict[tuple[str, ...], Any]) -> None:
    schemas, row = registry.schemas, plan.result
    if plan.record is None:
        doc = new_node({})
        head: dict[str, Any] = {"id": row.id, "kind": KIND, "org": org, "year": year}
        for key, value in head.items():
            tree.set_node(doc, (key,), value, tree.key_orders(schemas, KIND, (key,)))
        tree.set_node(doc, ("report", "status"), "submitted", tree.key_orders(schemas, KIND, ("report", "status")))
        apply_fields(doc, fields, KIND, registry, set_all=True)
        plan.new_text = canonical.dump_document(doc, KIND, schemas)
        row.action, row.fields = "created", sorted({p[0] for p in fields} | {"id", "kind", "org", "year", "report"})
        return
    if not differs(plan.record, fields):
        row.action, plan.path = "unchanged", None
        return
    doc = open_existing(plan)
    if doc is None:
        return
    row.fields = apply_fields(doc, fields, KIND, registry, set_all=False)
    plan.new_text = canonical.dump_document(doc, KIND, schemas, plan.old_text)
    row.action = "updated"
