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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.edit import canonical, tree
from kexie_cli.edit.atomic import LockTimeout, registry_lock
from kexie_cli.edit.new import WINDOWS_RESERVED
from kexie_cli.errors import KexieError
from kexie_cli.finding import Finding
from kexie_cli.importer.apply import apply_fields, differs, new_node
from kexie_cli.importer.cells import name_key
from kexie_cli.importer.columns import describe, load_map, pick_sheet, synonyms
from kexie_cli.importer.details import Details, read_details
from kexie_cli.importer.fill import apply_constants, missing_fields, parse_constants
from kexie_cli.importer.ids import new_id
from kexie_cli.importer.rows import Note, RowValues, read_rows
from kexie_cli.importer.sheets import full, read_file
from kexie_cli.importer.stage import remove_stale, write_all
from kexie_cli.importer.verify import verify
from kexie_cli.importer.years import is_year_target, merge_years
from kexie_cli.records.model import Record, text
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR
from kexie_cli.registry.load import Registry
from kexie_cli.rules.integrity import compact_uscc
from kexie_cli.terms import add_years, parse_date


@dataclass(slots=True)
class RowResult:
    row: int
    action: str  # created | updated | unchanged | skipped
    name: str | None = None
    id: str | None = None
    file: str | None = None
    fields: list[str] = field(default_factory=list)
    reason: str | None = None  # catalogue key when skipped
    params: dict[str, str] = field(default_factory=dict)
    errors: list[Finding] = field(default_factory=list)  # validation errors of the record after the import


@dataclass(slots=True)
class ImportResult:
    file: str
    kind: str
    sheet: str
    header_row: int
    columns: list[tuple[str, str]]
    unknown: list[str]
    duplicate: list[str]
    rows: list[RowResult] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # export detail sheets used
    unread: list[str] = field(default_factory=list)  # sheets of the workbook neither imported nor used
    stale: list[str] = field(default_factory=list)  # temporary files of a killed write, removed
    constants: dict[str, Any] = field(default_factory=dict)  # --set FIELD=VALUE
    missing: list[tuple[str, int]] = field(default_factory=list)  # required fields still missing: (field, records)
    stale_columns: list[str] = field(default_factory=list)  # 上届 / 原 / 曾任 columns, not read
    hidden_columns: list[str] = field(default_factory=list)  # hidden columns that lost to visible ones
    default_status: bool = False  # no 状态 column: new records are active
    dry_run: bool = False

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "skipped"]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


@dataclass(slots=True)
class _Plan:
    """What one row does: the file, its text before and after."""

    result: RowResult
    values: RowValues
    record: Record | None  # the existing record it updates
    path: Path | None = None
    old_text: str = ""
    new_text: str = ""


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
) -> ImportResult:
    overrides = load_map(map_file, kind, registry.schemas) if map_file is not None else None
    fixed = parse_constants(constants, kind, registry.schemas)
    sheets = read_file(path, upto=(overrides.header_row or 0) if overrides else 0)
    table = synonyms(kind, overrides)
    columns = pick_sheet(sheets, table, overrides, sheet)
    full(columns.sheet)
    details = read_details(sheets, registry.schemas)
    data = read_rows(columns, kind, registry.schemas)
    apply_constants(data.rows, fixed)
    result = ImportResult(
        str(path),
        kind,
        columns.sheet.title,
        columns.header_row,
        describe(columns.columns, columns.headers),
        columns.unknown,
        columns.duplicate,
        stale_columns=columns.stale,
        hidden_columns=columns.hidden,
        ignored=data.ignored,
        notes=data.notes + details.notes,
        details=sorted(details.present),
        unread=[s.title for s in sheets if s is not columns.sheet and s.title not in details.sheets],
        default_status="status" not in columns.columns.values(),
        dry_run=dry_run,
        constants=fixed,
    )
    with _lock(registry.root):
        records = registry.load()
        plans = _plan(registry, records, kind, data.rows, details, result)
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
) -> list[_Plan]:
    same_kind = [r for r in records if r.kind == kind]
    # the same code however it was typed (spaces, hyphens, case), as K206 compares them
    by_uscc = {compact_uscc(u): r for r in same_kind if (u := text(r.get("registration", "uscc"))) and u.strip()}
    by_name = {name_key(r.name): r for r in same_kind if r.loaded}
    taken = {f.file.stem_id for f in records}
    names_to_ids = {name_key(r.name): r.id for r in records if r.loaded}
    seen: dict[str, int] = {}
    plans: list[_Plan] = []
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
        record = (by_uscc.get(compact_uscc(uscc)) if uscc else None) or by_name.get(name_key(name))
        if record is not None and not record.loaded:
            row.reason, row.params = "import.skip.unloadable", {"file": record.relpath}
            continue
        if record is not None:
            old_uscc = text(record.get("registration", "uscc"))
            if uscc and old_uscc and compact_uscc(old_uscc) != compact_uscc(uscc):
                params = (("old", old_uscc),)
                result.notes.append(Note(values.row, "registration.uscc", uscc, "import.note.uscc_changed", params))
            row.id, row.file = record.id, record.relpath
            plans.append(_Plan(row, values, record, record.file.path))
            continue
        wanted = values.values.get("id")
        try:
            free = bool(wanted) and wanted not in taken and wanted not in WINDOWS_RESERVED
            record_id = str(wanted) if free else new_id(name, registry.settings.registry, taken)
        except KexieError:
            row.reason = "import.skip.no_id"
            continue
        taken.add(record_id)
        names_to_ids.setdefault(name_key(name), record_id)
        path = registry.root / RECORDS_DIR / KIND_FOLDERS[kind] / f"{record_id}.yaml"
        row.id, row.file = record_id, path.relative_to(registry.root).as_posix()
        plans.append(_Plan(row, values, None, path))
    known_ids = taken
    for plan in plans:
        _resolve_refs(plan, names_to_ids, known_ids, result)
        _render(registry, plan, kind, details, result)
    return plans


def _resolve_refs(plan: _Plan, names: dict[str, str], ids: set[str], result: ImportResult) -> None:
    """``parent`` and ``covers`` may name a record (名称) or give its id; unknown ones are listed, not written."""
    values = plan.values.values
    for target in ("parent", "covers"):
        if target not in values:
            continue
        wanted = values[target] if isinstance(values[target], list) else [values[target]]
        found = []
        for item in wanted:
            ref = item if item in ids else names.get(name_key(str(item)))
            if ref is None:
                result.notes.append(Note(plan.values.row, target, str(item), "import.value.unknown_ref"))
            else:
                found.append(ref)
        if target == "parent":
            if found:
                values[target] = found[0]
            else:
                del values[target]
        else:
            values[target] = list(dict.fromkeys(found))


def _fields(plan: _Plan, kind: str, details: Details, result: ImportResult) -> dict[tuple[str, ...], Any]:
    """Scalar paths and whole lists the row sets."""
    values = plan.values.values
    out: dict[tuple[str, ...], Any] = {}
    from_details = details.fields_for(values.get("id", ""), kind) if values.get("id") else {}
    for target, value in values.items():
        if target == "id" or target.startswith("leaders.") or is_year_target(target):
            continue
        if target == "npo_grade.valid_until":
            granted = values.get("npo_grade.granted") or (plan.record and text(plan.record.get("npo_grade", "granted")))
            start = parse_date(granted) if granted else None
            if start is not None and add_years(start, 5).isoformat() == value:
                continue  # the regular 5 years: no expires needed
            out[("npo_grade", "expires")] = value
            continue
        out[tuple(target.split("."))] = value
    for key, value in from_details.items():
        if key == "term":
            if value:
                out |= {("term", k): v for k, v in value.items()}
            continue
        if value or key == "covers" or (plan.record is not None and plan.record.get(key) is not None):
            out[(key,)] = value
    record = plan.record
    for name, merged in merge_years(lambda f: record.get(f) if record is not None else None, values).items():
        out.setdefault((name,), merged)  # an export's detail sheet, when present, gives the whole list
    if "leaders" not in from_details:
        leaders = [(t.split(".", 1)[1], v) for t, v in values.items() if t.startswith("leaders.")]
        if leaders:
            out[("leaders",)] = _leaders(plan, leaders, values.get("term.started"), result)
            for entry in out[("leaders",)]:
                flags = plan.values.flags.get(str(entry.get("role")))
                if flags and entry.get("until") is None and entry.get("name") == values.get(f"leaders.{entry['role']}"):
                    entry.update((k, v) for k, v in flags.items() if entry.get(k) is None)
    return out


def _leaders(
    plan: _Plan, named: list[tuple[str, str]], started: str | None, result: ImportResult
) -> list[dict[str, Any]]:
    """The leaders list with the 台账's current holders (new ones since the current term's start)."""
    existing = plan.record.get("leaders") if plan.record is not None else None
    current = [dict(e) for e in existing if isinstance(e, dict)] if isinstance(existing, list) else []
    started = started or (text(plan.record.get("term", "started")) if plan.record is not None else None)
    for role, name in named:
        holders = [e for e in current if e.get("role") == role and e.get("until") is None]
        if any(e.get("name") == name for e in holders):
            continue
        if holders:
            other = "、".join(str(e.get("name")) for e in holders)
            result.notes.append(Note(plan.values.row, role, name, "import.note.leader_changed", (("current", other),)))
            continue
        entry: dict[str, Any] = {"role": role, "name": name}
        if started:
            entry["since"] = started
        else:
            result.notes.append(Note(plan.values.row, role, name, "import.note.leader_no_since"))
        current.append(entry)
    return current


def _render(registry: Registry, plan: _Plan, kind: str, details: Details, result: ImportResult) -> None:
    fields = _fields(plan, kind, details, result)
    if plan.record is not None:
        _keep_precise(plan, fields)
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
    try:
        plan.old_text = canonical.decode_record(plan.record.file.path.read_bytes())
        canonical.require_loadable(plan.old_text)
        doc = canonical.load_document(plan.old_text)
    except (OSError, canonical.FormatError):
        row.action, row.reason, row.params = "skipped", "import.skip.unloadable", {"file": row.file or ""}
        plan.path = None
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


def _keep_precise(plan: _Plan, fields: dict[tuple[str, ...], Any]) -> None:
    """A date the sheet gives to the month or year only never replaces a full date of the record that agrees.

    ``1965年3月`` leaves ``1965-03-20`` as it is; ``1966年3月`` changes it (the sheet says something else).
    """
    assert plan.record is not None
    for target, length in plan.values.coarse.items():
        path = tuple(target.split("."))
        current = text(plan.record.get(*path))
        value = fields.get(path)
        if isinstance(value, str) and current and len(current) > length and current[:length] == value[:length]:
            del fields[path]


def _validate(registry: Registry, plans: list[_Plan], today: dt.date) -> None:
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
