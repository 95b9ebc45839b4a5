"""``kexie import``: one canonical record per data row, matched to existing records by USCC, then name.

A new row becomes a new record file (pinyin id, unique). A row that matches a record
changes only the fields whose cells differ, through the round-trip editor, so comments,
key order and quoting of everything else are kept. Empty cells never delete anything.
Every file is written atomically under the registry lock; ``dry_run`` writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kexie_cli.edit import canonical, tree
from kexie_cli.edit.atomic import LockTimeout, registry_lock
from kexie_cli.edit.new import WINDOWS_RESERVED
from kexie_cli.errors import KexieError
from kexie_cli.figures.annual import KIND
from kexie_cli.importer.annual import plan_annual, year_sheets, year_splits
from kexie_cli.importer.apply import apply_fields, differs, new_node, open_existing
from kexie_cli.importer.cells import name_key
from kexie_cli.importer.columns import ColumnMap, describe, load_map, pick_sheet, synonyms
from kexie_cli.importer.details import Details, read_details
from kexie_cli.importer.fields import index, keep_full_name, keep_precise, resolve_refs, row_fields, uscc_changed
from kexie_cli.importer.fill import apply_constants, missing_fields, parse_constants
from kexie_cli.importer.ids import new_id
from kexie_cli.importer.join import join_sheets
from kexie_cli.importer.labels import target_labels
from kexie_cli.importer.result import ImportResult, Plan, RowResult
from kexie_cli.importer.rows import RowValues, read_rows
from kexie_cli.importer.sheets import full, read_file
from kexie_cli.importer.stage import remove_stale, write_all
from kexie_cli.importer.verify import verify
from kexie_cli.records.model import Record, text
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR
from kexie_cli.registry.load import Registry
from kexie_cli.rules.integrity import compact_uscc
from kexie_cli.validate.door import load_registry


def import_file(
    registry: Registry,
    path: Path,
    kind: str,
    *,
    map_file: Path | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    constants: tuple[str, ...] = (),
    today: dt.date,
    year: int | None = None,
) -> ImportResult:
    overrides = load_map(map_file, kind, registry.schemas) if map_file is not None else None
    fixed = parse_constants(constants, kind, registry.schemas)
    sheets = read_file(path, upto=(overrides.header_row or 0) if overrides else 0)
    table = synonyms(kind, overrides)
    headers: dict[int, ColumnMap | None] = {}
    candidates = year_sheets(sheets, year) if kind == KIND else sheets  # 年报 sheets by year: 2024年 | 2025年
    columns = pick_sheet(candidates, table, overrides, sheet, headers)
    full(columns.sheet)
    details = read_details(sheets, registry.schemas, kind)
    # a 年报 sheet: once per year of its figures (years as columns), each year's columns (importer/annual.py)
    splits = year_splits(columns, year) if kind == KIND else [(None, columns)]
    reads = [read_rows(part, kind, registry.schemas) for _, part in splits]
    data = reads[0]
    name = registry.settings.registry
    used = {*details.sheets, *details.other_kinds}
    joined = join_sheets(candidates, columns, used, table, kind, registry.schemas, name, data, headers)
    for read in reads:
        apply_constants(read.rows, fixed)
    read_columns = {i: t for _, part in splits for i, t in part.columns.items()}
    result = ImportResult(
        str(path),
        kind,
        columns.sheet.title,
        columns.header_row,
        describe(read_columns, columns.headers),
        columns.unknown,
        columns.duplicate,
        stale_columns=columns.stale,
        hidden_columns=columns.hidden,
        ignored=list(dict.fromkeys(i for read in reads for i in read.ignored)),
        notes=list(dict.fromkeys(n for read in reads for n in read.notes)) + details.notes,
        details=sorted(details.present),
        joined=joined,
        other_kinds=details.other_kinds,
        unread=[s.title for s in candidates if s is not columns.sheet and s.title not in {*used, *joined}],
        default_status="status" not in columns.columns.values(),
        dry_run=dry_run,
        constants=fixed,
    )
    with _lock(registry.root):
        records = load_registry(registry, today, "zh").records
        if kind == KIND:
            plans = [
                plan
                for (sheet_year, _), read in zip(splits, reads, strict=True)
                for plan in plan_annual(registry, records, read.rows, sheet_year, result)
            ]
        else:
            titles = {target: columns.headers[i] for i, target in columns.columns.items()}
            plans = _plan(registry, records, kind, data.rows, details, result, titles)
        _validate(registry, plans, today)
        if not dry_run:
            result.stale = remove_stale(registry.root)
            write_all(
                registry.root,
                [
                    (p.path, p.new_text, p.old_text if p.record is not None else None)
                    for p in plans
                    if p.path is not None and p.new_text != p.old_text
                ],
            )
    result.rows.sort(key=lambda r: r.row)
    written = [f for r in result.rows if r.action != "skipped" for f in r.errors]
    result.missing = missing_fields(written, kind, registry.schemas)
    shown = {t for _, t in result.columns} | {f for r in result.rows for f in r.fields} | {f for f, _ in result.missing}
    result.labels = target_labels(shown, kind, registry.schemas)
    return result


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[None]:
    """The registry's edit lock (as the edit commands take it); a timeout is a usage error."""
    try:
        with registry_lock(root):
            yield
    except LockTimeout as exc:
        raise KexieError("edit.locked", path=str(exc.path)) from exc


# --- planning ------------------------------------------------------------------------


def _plan(
    registry: Registry,
    records: list[Record],
    kind: str,
    rows: list[RowValues],
    details: Details,
    result: ImportResult,
    headers: dict[str, str],
) -> list[Plan]:
    same_kind = [r for r in records if r.kind == kind]
    # the same code however it was typed (spaces, hyphens, case), as K206 compares them
    by_uscc = {compact_uscc(u): r for r in same_kind if (u := text(r.get("registration", "uscc"))) and u.strip()}
    by_id = {r.id: r for r in same_kind}
    by_name = index(registry, same_kind)
    taken = {f.file.stem_id for f in records}
    names_to_ids = index(registry, records)
    seen: dict[str, int] = {}
    plans: list[Plan] = []
    for values in rows:
        name = values.values.get("name")
        row = RowResult(values.row, "skipped", name=name)
        result.rows.append(row)
        if not name:
            row.reason = "import.skip.no_name"
            continue
        if values.skip is not None:
            row.reason, row.params = values.skip
            continue
        uscc = values.values.get("registration.uscc")
        keys = [k for k in (f"uscc:{uscc}" if uscc else "", f"name:{name_key(name)}") if k]
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            row.reason, row.params = "import.skip.duplicate", {"other": str(earlier)}
            continue
        for key in keys:
            seen[key] = values.row
        record = by_uscc.get(compact_uscc(uscc)) if uscc else None
        by_code = record is not None
        if record is None:
            candidates = by_name.find(name)
            if len(candidates) > 1:
                row.reason, row.params = "import.skip.ambiguous", {"ids": "、".join(candidates)}
                continue
            record = by_id[candidates[0]] if candidates else None
        if record is not None and not record.loaded:
            row.reason, row.params = "import.skip.unloadable", {"file": record.relpath}
            continue
        if record is not None:
            uscc_changed(record, values, result)
            if not by_code:
                keep_full_name(record, values, result)
            row.id, row.file = record.id, record.relpath
            plans.append(Plan(row, values, record, record.file.path))
            continue
        created = _new_record(registry, kind, values, row, taken)
        if created is not None:
            names_to_ids.add(str(row.id), [name])
            plans.append(created)
    kind_of = {f.file.stem_id: f.kind for f in records} | {p.result.id: kind for p in plans if p.result.id}
    for plan in plans:
        resolve_refs(plan, kind, names_to_ids, kind_of, result, headers)
        _render(registry, plan, kind, details, result)
    return plans


def _new_record(registry: Registry, kind: str, values: RowValues, row: RowResult, taken: set[str]) -> Plan | None:
    """A new record's plan: the 标识符 cell when a free slug (not a Windows device name), else the pinyin id."""
    wanted = values.values.get("id")
    try:
        free = bool(wanted) and wanted not in taken and wanted not in WINDOWS_RESERVED
        record_id = str(wanted) if free else new_id(str(values.values["name"]), registry.settings.registry, taken)
    except KexieError:
        row.reason = "import.skip.no_id"
        return None
    taken.add(record_id)
    path = registry.root / RECORDS_DIR / KIND_FOLDERS[kind] / f"{record_id}.yaml"
    row.id, row.file = record_id, path.relative_to(registry.root).as_posix()
    return Plan(row, values, None, path)


def _render(registry: Registry, plan: Plan, kind: str, details: Details, result: ImportResult) -> None:
    fields = row_fields(plan, kind, details, result)
    if plan.record is not None:
        keep_precise(plan, fields)
    schemas = registry.schemas
    row = plan.result
    if plan.record is None:
        data: dict[str, Any] = {"id": row.id, "kind": kind, "name": plan.values.values["name"], "status": "active"}
        doc = new_node({})
        for key, value in data.items():
            tree.set_node(doc, (key,), value, tree.key_orders(schemas, kind, (key,)))
        apply_fields(doc, fields, kind, registry, set_all=True)
        plan.new_text = canonical.dump_document(doc, kind, schemas)
        row.action = "created"
        row.fields = sorted({".".join(p[:1]) for p in fields} | {"id", "kind", "name", "status"})
        return
    if not differs(plan.record, fields):  # the common case of a re-import: no round trip needed
        row.action = "unchanged"
        plan.path = None
        return
    doc = open_existing(plan)
    if doc is None:
        return
    changed = apply_fields(doc, fields, kind, registry, set_all=False)
    after = canonical.dump_document(doc, kind, schemas, plan.old_text)  # the modeline comment is kept
    if not changed:
        plan.new_text = plan.old_text  # nothing differs: the file is left as it is, even if not canonical
        row.action = "unchanged"
        return
    plan.new_text = after
    row.action = "updated"
    row.fields = changed


def _validate(registry: Registry, plans: list[Plan], today: dt.date) -> None:
    """Errors each record has after the import; an update that would add errors is refused (the row skipped)."""
    texts: dict[str, str] = {}
    updates: set[str] = set()
    for plan in plans:
        if plan.path is None or plan.new_text == plan.old_text:
            continue
        relpath = plan.path.relative_to(registry.root).as_posix()
        texts[relpath] = plan.new_text
        if plan.record is not None:
            updates.add(relpath)
    errors, added = verify(registry, texts, updates, today)
    for plan in plans:
        file = plan.result.file
        if file in added:
            codes = "、".join(sorted({f.code for f in added[file]}))
            plan.result.action, plan.result.reason = "skipped", "import.skip.refused"
            plan.result.params = {"codes": codes, "fields": "、".join(plan.result.fields)}
            plan.result.errors = added[file]
            plan.path = None
        elif file in errors:
            plan.result.errors = errors[file]
