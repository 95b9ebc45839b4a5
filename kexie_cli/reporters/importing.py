"""The report of ``kexie import``: plain text lines, or one JSON document."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from kexie_cli import kinds
from kexie_cli.i18n import tr

ASSUMED = {"import.note.month_only", "import.note.year_only", "import.note.serial", "import.note.span"}
KIND_ZH = kinds.ZH_LABELS


def import_json(result: Any) -> dict[str, Any]:
    """``{file, kind, sheet, header_row, dry_run, columns, unknown_columns, counts, rows, ignored, notes}``."""
    return {
        "file": result.file,
        "kind": result.kind,
        "sheet": result.sheet,
        "header_row": result.header_row,
        "dry_run": result.dry_run,
        "columns": [{"header": h, "field": t} for h, t in result.columns],
        "unknown_columns": result.unknown,
        "detail_sheets": result.details,
        "joined_sheets": result.joined,
        "unread_sheets": result.unread,
        "other_kind_sheets": [{"sheet": s, "kind": k} for s, k in result.other_kinds.items()],
        "stale_removed": result.stale,
        "stale_columns": result.stale_columns,
        "constants": result.constants,
        "missing_required": [{"field": f, "records": n} for f, n in result.missing],
        "hidden_columns": result.hidden_columns,
        "counts": {a: result.count(a) for a in ("created", "updated", "unchanged", "skipped")},
        "rows": [
            {
                "row": r.row,
                "action": r.action,
                "name": r.name,
                "id": r.id,
                "file": r.file,
                "fields": r.fields,
                "reason": r.reason,
                "errors": [{"code": f.code, "line": f.line, "message": f.message} for f in r.errors],
            }
            for r in result.rows
        ],
        "ignored": [{"row": row, "reason": key} for row, key in result.ignored],
        "notes": [
            {"row": n.row, "column": n.column, "value": n.value, "reason": n.key, "params": dict(n.params)}
            for n in result.notes
        ],
    }


def render_import(result: Any, fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(import_json(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    lines = _head(result, lang)
    events: list[tuple[int, str]] = [(row, tr(key, lang, row=row)) for row, key in result.ignored]
    for r in result.rows:
        if r.action == "skipped":
            reason = tr(r.reason or "", lang, **r.params)
            events.append((r.row, tr("import.row.skipped", lang, row=r.row, reason=reason)))
        else:
            fields = "、".join(_label(result, f, lang) for f in r.fields)
            events.append(
                (r.row, tr(f"import.row.{r.action}", lang, row=r.row, file=r.file, name=r.name, fields=fields))
            )
        if r.errors and r.action != "skipped":
            codes = "、".join(f"{c}×{n}" if n > 1 else c for c, n in Counter(f.code for f in r.errors).items())
            events.append((r.row, tr("import.row.errors", lang, count=len(r.errors), codes=codes)))
    lines += [line for _, line in sorted(events, key=lambda e: e[0])]
    assumed = [n for n in result.notes if n.key in ASSUMED]
    unread = [n for n in result.notes if n.key not in ASSUMED and not n.key.startswith("import.note.")]
    remarks = [n for n in result.notes if n.key not in ASSUMED and n.key.startswith("import.note.")]
    for head, notes in (
        ("import.notes_head", unread),
        ("import.remarks_head", remarks),
        ("import.assumed_head", assumed),
    ):
        if notes:
            lines.append(tr(head, lang))
            for n in sorted(notes, key=lambda n: n.row):
                reason = tr(n.key, lang, **({"value": n.value} | dict(n.params)))
                lines.append(tr("import.note", lang, row=n.row, column=n.column, value=n.value, reason=reason))
    counts = {a: result.count(a) for a in ("created", "updated", "unchanged", "skipped")}
    lines.append(tr("import.total", lang, **counts))
    if result.missing:
        lines.append(tr("import.missing_head", lang))
        for name, records in result.missing:
            fill = f"kexie import {result.file} --kind {result.kind} --set {name}=…"
            key = "import.missing_each" if name.endswith("uscc") else "import.missing"
            lines.append(tr(key, lang, field=name, label=_label(result, name, lang), count=records, fill=fill))
    out.write("\n".join(lines) + "\n")


def _head(result: Any, lang: str) -> list[str]:
    """The lines before the rows: the sheet, its columns, and what the import assumed or left out."""
    mode = tr("import.dry_run", lang) if result.dry_run else ""
    kind = result.kind if lang == "en" else KIND_ZH.get(result.kind, result.kind)
    lines = [tr("import.head", lang, mode=mode, file=result.file, sheet=result.sheet, row=result.header_row, kind=kind)]
    columns = "，".join(f"{h}→{_label(result, t, lang)}" for h, t in result.columns)
    lines.append(tr("import.columns", lang, columns=columns))
    other_kinds = [tr("import.other_kind_sheet", lang, sheet=s, kind=k) for s, k in result.other_kinds.items()]
    sections: list[tuple[str, str, list[str], str]] = [  # (message, its field, the items, how they are joined)
        ("import.unknown_columns", "columns", result.unknown, "、"),
        ("import.duplicate_columns", "columns", result.duplicate, "、"),
        ("import.details", "tables", result.details, "、"),
        ("import.constants", "values", [f"{k}={v}" for k, v in result.constants.items()], "，"),
        ("import.stale_columns", "columns", result.stale_columns, "、"),
        ("import.hidden_columns", "columns", result.hidden_columns, "、"),
        ("import.stale_removed", "files", result.stale, "、"),
        ("import.joined_sheets", "sheets", result.joined, "、"),
        ("import.other_kind_sheets", "sheets", other_kinds, "、"),
        ("import.unread_sheets", "sheets", result.unread, "、"),
    ]
    lines += [tr(key, lang, **{name: sep.join(items)}) for key, name, items, sep in sections if items]
    if result.default_status and result.count("created"):
        lines.append(tr("import.default_status", lang))
    return lines


def _label(result: Any, target: str, lang: str) -> str:
    """A field in the report: its Chinese words in zh (importer/labels.py), its path in English."""
    return target if lang == "en" else result.labels.get(target, target)
