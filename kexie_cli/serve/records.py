"""The record page (``kexie show`` and ``kexie log``) and its edits (the form, 换届 steps, elect, extend, inspect).

Every edit goes through :func:`kexie_cli.edit.commands.edit_record`, the editor of
the edit commands: the record is checked with the change before anything is
written, the file keeps its comments, key order and quoting, and the write is
atomic. The form carries a digest of the file as it was opened (``base``); the
edit is refused when the file changed since (checked under the registry lock).
In a Git repository each save is then one commit of that file alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session

from kexie_cli import kinds
from kexie_cli.edit import canonical
from kexie_cli.edit.commands import EditOutcome, edit_record, find_record_file
from kexie_cli.edit.new import check_id
from kexie_cli.edit.operations import Elect, Extend, Inspect, RecordStep
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.query.show import show
from kexie_cli.records.election import PARTY_RECORD_STEPS, RECORD_STEPS
from kexie_cli.records.loader import load_text
from kexie_cli.registry.readfile import read_record_bytes
from kexie_cli.review.semdiff import diff_records
from kexie_cli.serve import form, gitsave
from kexie_cli.serve.state import current_state as state
from kexie_cli.serve.tables import views

blueprint = Blueprint("records", __name__)
LOG_ENTRIES = 30  # commits shown on a record page


class StaleForm(KexieError):
    """The file changed on disk since the form was opened."""

    def __init__(self, relpath: str) -> None:
        super().__init__("serve.stale", file=relpath)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_text(record_id: str) -> tuple[Any, str]:
    """(the record's file, its decoded text) — the id checked as the CLI checks it first."""
    check_id(record_id)
    registry = state().registry()
    file = find_record_file(registry, record_id)
    return file, canonical.decode_record(read_record_bytes(file.path, registry.settings.max_file_bytes))


@blueprint.route("/record/<record_id>")
def record(record_id: str) -> Any:
    current = state()
    check_id(record_id)
    snap = current.snapshot()
    registry = current.registry()
    shown = show(registry, snap.records, snap.qctx, record_id, snap.checked)
    history = []
    if current.in_git:
        from kexie_cli.review.log import record_log  # noqa: PLC0415 - only a record page reads the history

        entries = record_log(registry, record_id, current.lang)[:LOG_ENTRIES]
        history = [(e, gitsave.change_lines(e.changes, current.lang) if e.status != "A" else []) for e in entries]
    kind = shown.record.kind or ""
    steps = PARTY_RECORD_STEPS if kinds.process_of(kind) == kinds.PARTY_PROCESS else RECORD_STEPS
    step_labels = [(s, registry.schemas.title(kind, ("election", s)) or s) for s in steps]
    results = registry.schemas.labels(kind, ("inspections", 0, "result"))
    return render_template(
        "record.html",
        view=shown,
        sections=views(shown.sections, current.lang),
        history=history,
        record_id=record_id,
        steps=step_labels,
        results=list(results.items()),
        kind=kind,
        need_author=_need_author(),
    )


@blueprint.route("/record/<record_id>/edit", methods=["GET", "POST"])
def edit(record_id: str) -> Any:
    current = state()
    file, text = current_text(record_id)
    registry = current.registry()
    data = load_text(text).data
    if not isinstance(data, dict):
        raise KexieError("serve.unloadable", file=file.relpath)
    kind = str(file.kind)
    items = form.build(kind, data, registry.schemas, current.lang)
    context: dict[str, Any] = {"record_id": record_id, "name": data.get("name") or record_id, "file": file.relpath}
    if request.method == "GET" or current.options.read_only:
        return render_template("edit.html", items=items, base=digest(text), need_author=_need_author(), **context)
    if request.form.get("base") != digest(text):
        flash(tr("serve.stale", current.lang, file=file.relpath), "error")
        return render_template("edit.html", items=items, base=digest(text), need_author=_need_author(), **context), 409
    author, author_error = _author()
    planned = form.plan(items, request.form, kind, registry.schemas, current.lang)
    if author_error:
        planned.errors["author"] = author_error
    if planned.errors:
        _keep_posted(items, request.form, planned.errors)
        page = render_template(
            "edit.html", items=items, base=digest(text), need_author=_need_author(), errors=planned.errors, **context
        )
        return page, 400
    if not planned.operations:
        flash(tr("serve.unchanged", current.lang), "info")
        return redirect(f"/record/{record_id}")
    outcome = _save(record_id, form.Combined(planned.operations), text, author)
    if outcome.refused:
        _keep_posted(items, request.form, _by_field(outcome.new_errors))
        findings = [f"{f.code} {f.message}" for f in outcome.new_errors]
        page = render_template(
            "edit.html", items=items, base=digest(text), need_author=_need_author(), refused=findings, **context
        )
        return page, 400
    return redirect(f"/record/{record_id}")


ACTIONS = ("step", "elect", "extend", "inspect")


@blueprint.route("/record/<record_id>/<action>", methods=["POST"])
def act(record_id: str, action: str) -> Any:
    """The buttons of the record page: a 换届 step, 换届 (elect), 延期 (extend), 年检 (inspect)."""
    current = state()
    if action not in ACTIONS:
        raise KexieError("serve.no_action", action=action[:40])
    file, text = current_text(record_id)
    if request.form.get("base") not in {None, digest(text)}:
        raise StaleForm(file.relpath)
    author, author_error = _author()
    if author_error:  # the name is asked next to the buttons too (a registry whose Git has no identity)
        flash(author_error, "error")
        return redirect(f"/record/{record_id}")
    try:
        operation = _operation(action, request.form, current.today)
    except ValueError:
        raise KexieError("serve.bad_input") from None
    outcome = _save(record_id, operation, text, author)
    if outcome.refused:
        for finding in outcome.new_errors:
            flash(f"{finding.code} {finding.message}", "error")
        flash(tr("serve.refused", current.lang, file=file.relpath), "error")
    return redirect(f"/record/{record_id}")


def _operation(action: str, posted: Any, today: dt.date) -> Any:
    def day(name: str) -> dt.date:
        return dt.date.fromisoformat(posted.get(name, "").strip())

    def optional(name: str) -> str | None:
        value = posted.get(name, "").strip()
        return value or None

    if action == "step":
        return RecordStep(posted.get("step", ""), day("date"), today, optional("doc_no"))
    if action == "elect":
        roles = [(role, optional(role)) for role in ("chair", "secretary-general", "secretary")]
        years = optional("years")
        return Elect(day("date"), tuple((r, n) for r, n in roles if n), int(years) if years else None)
    if action == "extend":
        return Extend(day("until"), day("approved"))
    submitted = optional("submitted")
    return Inspect(
        int(posted.get("year", "")), posted.get("result", ""), dt.date.fromisoformat(submitted) if submitted else None
    )


def _save(record_id: str, operation: Any, base_text: str, author: tuple[str, str] | None) -> EditOutcome:
    """One edit: validated, written atomically, then (in Git) one commit of the file; the page says what changed."""
    current = state()
    registry = current.registry()

    def guard(text: str) -> None:
        if digest(text) != digest(base_text):
            raise StaleForm(record_id)

    outcome = edit_record(registry, record_id, operation, today=current.today, guard=guard)
    current.forget()
    if outcome.refused or not outcome.written:
        if not outcome.refused:
            flash(tr("serve.unchanged", current.lang), "info")
        return outcome
    old, new = load_text(outcome.old_text).data, load_text(outcome.new_text).data
    kind = str(new.get("kind")) if isinstance(new, dict) else None
    changes = diff_records(kind, old, new, registry.schemas, current.lang)
    lines = gitsave.change_lines(changes, current.lang)
    for line in lines or [tr("serve.commit.no_semantic", current.lang)]:
        flash(line, "change")
    if current.in_git:
        name = str(new.get("name") or record_id) if isinstance(new, dict) else record_id
        sha = gitsave.commit(registry.root, [outcome.relpath], gitsave.message(name, changes, current.lang), author)
        flash(tr("serve.committed", current.lang, commit=sha[:10], file=outcome.relpath), "info")
    else:
        flash(tr("serve.saved_no_git", current.lang, file=outcome.relpath), "info")
    return outcome


def _need_author() -> bool:
    current = state()
    if not current.in_git or current.options.author or session.get("author"):
        return False
    return gitsave.configured_name(current.options.root) is None


def _author() -> tuple[tuple[str, str] | None, str]:
    """The commit author: given in this form (kept for the session), earlier in the session, --author, or Git's."""
    current = state()
    given = request.form.get("author", "").strip()
    if given:
        parsed = gitsave.parse_author(given)
        if parsed is None:
            return None, tr("serve.author_bad", current.lang)
        session["author"] = given
        return parsed, ""
    for text in (session.get("author"), current.options.author):
        if isinstance(text, str) and gitsave.parse_author(text):
            return gitsave.parse_author(text), ""
    if _need_author():
        return None, tr("serve.author_needed", current.lang)
    return None, ""


def _by_field(findings: list[Any]) -> dict[str, str]:
    """New errors by the form name of the field they point at (``anchor``: ``$.leaders[2].name#variant``)."""
    out: dict[str, str] = {}
    for finding in findings:
        path = re.split(r"[#~]", finding.anchor, maxsplit=1)[0]
        if path.startswith("$") and len(path) > 1:
            dotted = re.sub(r"\[(\d+)\]", r".\1", path[1:]).lstrip(".")
            out.setdefault("f:" + dotted, f"{finding.code} {finding.message}")
    return out


def _keep_posted(items: list[Any], posted: Any, errors: dict[str, str]) -> None:
    """Show what the user typed (and the error next to its field) instead of the file's values."""
    for item in items:
        if isinstance(item, (form.Group,)):
            _keep_posted(item.children, posted, errors)
        elif isinstance(item, form.ListGroup):
            for row in item.rows:
                _keep_posted(row.children, posted, errors)
        elif isinstance(item, form.Widget) and item.kind != "readonly":
            if item.name in posted:
                item.value = posted[item.name]
            item.error = errors.get(item.name, "")
