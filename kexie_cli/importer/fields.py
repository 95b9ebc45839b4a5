"""The fields one row sets: values read from the sheet, references resolved, leaders, year lists."""

from __future__ import annotations

from typing import Any

from kexie_cli import kinds
from kexie_cli.importer.details import Details
from kexie_cli.importer.names import NameIndex, base_key
from kexie_cli.importer.result import ImportResult, Plan
from kexie_cli.importer.rows import Note, RowValues
from kexie_cli.importer.years import is_year_target, merge_years
from kexie_cli.records.model import Record, text
from kexie_cli.registry.kind_fields import shipped_id_lists
from kexie_cli.registry.load import Registry
from kexie_cli.rules.integrity import compact_uscc
from kexie_cli.terms import add_years, parse_date


def index(registry: Registry, records: list[Record]) -> NameIndex:
    """Records by name and 简称, with and without the registry's place name."""
    index = NameIndex(registry.settings.registry)
    for r in records:
        if r.loaded:
            index.add(r.id, [r.name, text(r.get("short_name"))])
    return index


def keep_full_name(record: Record, values: RowValues, result: ImportResult) -> None:
    """物理学会 matched to 星河市物理学会 by name: the record's full name stays (a code match may rename)."""
    name = str(values.values["name"])
    if base_key(name) != base_key(record.name):
        del values.values["name"]
        result.notes.append(Note(values.row, "name", name, "import.note.matched_as", (("name", record.name),)))


def uscc_changed(record: Record, values: RowValues, result: ImportResult) -> None:
    """A row matched by name that gives another 统一社会信用代码: written, and said."""
    uscc = values.values.get("registration.uscc")
    old_uscc = text(record.get("registration", "uscc"))
    if uscc and old_uscc and compact_uscc(old_uscc) != compact_uscc(uscc):
        params = (("old", old_uscc),)
        result.notes.append(Note(values.row, "registration.uscc", uscc, "import.note.uscc_changed", params))


def resolve_refs(
    plan: Plan,
    kind: str,
    names: NameIndex,
    kind_of: dict[str, str | None],
    result: ImportResult,
    headers: dict[str, str],
) -> None:
    """``parent``, ``covers`` and a list of ids (an alliance's ``members``) may name a record (名称, 简称,
    without the place) or give its id; unknown and ambiguous ones are listed (by the column's header), not
    written. A list of ids takes only records of the kinds its field may name (kinds.py ``refs``)."""
    values = plan.values.values
    lists = {f.name: f.kinds for f in shipped_id_lists(kind)}
    for target in dict.fromkeys(("parent", "covers", *lists)):
        if target not in values:
            continue
        allowed = lists.get(target) if target != "covers" else None
        wanted = values[target] if isinstance(values[target], list) else [values[target]]
        found = []
        column = headers.get(target, target)
        for item in wanted:
            candidates = [str(item)] if item in kind_of else names.find(str(item))
            if allowed is not None:
                candidates = [c for c in candidates if kind_of.get(c) in allowed]
            if len(candidates) == 1:
                found.append(candidates[0])
            elif candidates:
                ids = (("ids", "、".join(candidates)),)
                result.notes.append(Note(plan.values.row, column, str(item), "import.value.ambiguous_ref", ids))
            elif allowed is not None:
                labels = "、".join(kinds.ZH_LABELS[k] for k in allowed)
                where = (("kinds", labels), ("sheet", result.sheet))
                result.notes.append(Note(plan.values.row, column, str(item), "import.value.unknown_member", where))
            else:
                result.notes.append(Note(plan.values.row, column, str(item), "import.value.unknown_ref"))
        if target == "parent":
            if found:
                values[target] = found[0]
            else:
                del values[target]
        else:
            values[target] = list(dict.fromkeys(found))


def row_fields(plan: Plan, kind: str, details: Details, result: ImportResult) -> dict[tuple[str, ...], Any]:
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
            out[("leaders",)] = current_leaders(plan, leaders, values.get("term.started"), result)
            for entry in out[("leaders",)]:
                flags = plan.values.flags.get(str(entry.get("role")))
                if flags and entry.get("until") is None and entry.get("name") == values.get(f"leaders.{entry['role']}"):
                    entry.update((k, v) for k, v in flags.items() if entry.get(k) is None)
    return out


def current_leaders(
    plan: Plan, named: list[tuple[str, str]], started: str | None, result: ImportResult
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


def keep_precise(plan: Plan, fields: dict[tuple[str, ...], Any]) -> None:
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
