"""Writing a year's answers into ``records/annual/<year>/<org>-<year>.yaml``, round trip.

A filled cell sets its figure; a blank one leaves what the record holds (a form cannot erase a figure:
``kexie unset`` does). A list sheet with at least one row replaces the record's list; an empty one leaves
it. The round's ``report`` becomes ``submitted`` with the day of the collect (``--as-of``), unless nothing
changed and the report is already submitted or approved: then the file is not written at all (a second
collect of the same workbook is a no-op). Changed figures on an approved report make it submitted again
(its ``approved`` date goes: it needs a new approval); a returned one keeps ``returned`` and ``reason`` as
the history of the return. Comments, key order and quoting of the rest are kept
(``edit/canonical.py``); the write is atomic, under the registry lock, and refused when the registry
would have an error it does not have now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.annual.orgs import KIND, annual_id, annual_path, annual_relpath
from kexie_cli.annual.read import Returned
from kexie_cli.edit import canonical, tree
from kexie_cli.edit.commands import UnloadableRecord, locked, new_errors, writing
from kexie_cli.errors import KexieError
from kexie_cli.finding import Finding
from kexie_cli.outfile import replace_atomically
from kexie_cli.records.file import RecordFile
from kexie_cli.registry.readfile import FileTooLarge, read_record_bytes

DONE = ("submitted", "approved")


@dataclass(slots=True)
class Merged:
    """What merging one organisation's answers did (or would do)."""

    org: str
    year: int
    relpath: str
    created: bool = False
    changed: bool = False  # the file's text changes
    figures: bool = False  # a figure or list changed (else only the report's state, or nothing)
    errors: list[Finding] = field(default_factory=list)  # new errors: nothing written
    written: bool = False


def merged_text(old: str | None, answers: Returned, schemas: Any, today: dt.date) -> tuple[str, bool]:
    """The record's new text with ``answers`` in it, and whether a figure changed."""
    if old is None:
        doc = tree.to_node(
            {"kind": KIND, "id": annual_id(answers.org, answers.year), "org": answers.org, "year": answers.year}
        )
    else:
        canonical.require_loadable(old)
        doc = canonical.load_document(old)
    before = canonical.dump_document(doc, KIND, schemas, old)
    for key, value in answers.values.items():
        _set(doc, tuple(key.split(".")), value, schemas)
    for key, items in answers.lists.items():
        _set(doc, tuple(key.split(".")), items, schemas)
    after = canonical.dump_document(doc, KIND, schemas, old)
    figures = after != before or old is None
    status = tree.plain(doc.get("report", {}) or {}).get("status") if isinstance(doc.get("report"), dict) else None
    if figures or status not in DONE:
        _set(doc, ("report", "status"), "submitted", schemas)
        _set(doc, ("report", "submitted"), today.isoformat(), schemas)
        if status == "approved":  # changed figures need a new approval; a return's date and reason stay as history
            tree.delete_node(doc, ("report", "approved"))
        after = canonical.dump_document(doc, KIND, schemas, old)
    return after, figures


def _set(doc: Any, path: tuple[str, ...], value: Any, schemas: Any) -> None:
    current = tree.get_node(doc, path) if _has(doc, path) else None
    if current is not None and tree.plain(current) == value:
        return  # the same value: leave its quoting and comments alone
    tree.set_node(doc, path, value, tree.key_orders(schemas, KIND, path))


def _has(doc: Any, path: tuple[str, ...]) -> bool:
    node = doc
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def merge(registry: Any, answers: Returned, today: dt.date, *, write: bool = True) -> Merged:
    """Merge ``answers`` into the organisation's annual record of the year, under the registry lock."""
    relpath = annual_relpath(answers.org, answers.year)
    path = annual_path(registry.root, answers.org, answers.year)
    outcome = Merged(answers.org, answers.year, relpath)
    with locked(registry.root):
        if path.is_symlink():
            raise KexieError("edit.symlink", file=relpath, target=str(path.readlink()))
        old = _read(path, relpath, registry.settings.max_file_bytes) if path.exists() else None
        try:
            new, outcome.figures = merged_text(old, answers, registry.schemas, today)
        except canonical.FormatError as exc:
            raise UnloadableRecord(relpath, exc) from exc
        outcome.created = old is None
        outcome.changed = new != old
        if not outcome.changed:
            return outcome
        outcome.errors = new_errors(registry, RecordFile(path, relpath, KIND), new, today)
        if write and not outcome.errors:
            with writing(relpath):
                replace_atomically(path, new.encode("utf-8"))
            outcome.written = True
    return outcome


def _read(path: Any, relpath: str, limit: int) -> str:
    try:
        return canonical.decode_record(read_record_bytes(path, limit))
    except FileTooLarge as exc:
        raise KexieError("edit.too_large", file=relpath, size=exc.size, limit=exc.limit) from exc
    except OSError as exc:
        raise KexieError("edit.unreadable", file=relpath, detail=exc.strerror or str(exc)) from exc
    except canonical.FormatError as exc:
        raise UnloadableRecord(relpath, exc) from exc
