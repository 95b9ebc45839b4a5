"""导入: upload an xlsx or csv, see the dry-run report of ``kexie import --dry-run``, then apply it.

The upload is limited in size (``MAX_CONTENT_LENGTH``, a 413 page past it) and in
type: the name must end in .xlsx or .csv and an xlsx must be a zip file. It is
kept in a private temporary folder under a random name the session knows until
it is applied or another file is uploaded. Applying runs the same import
without ``--dry-run``; in Git the written files are one commit.
"""

from __future__ import annotations

import io
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, flash, render_template, request, session

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.importer.run import import_file
from kexie_cli.reporters.importing import render_import
from kexie_cli.serve import gitsave
from kexie_cli.serve.state import current_state as state

blueprint = Blueprint("uploads", __name__)
SUFFIXES = (".xlsx", ".csv")
_FOLDERS: list[Path] = []  # the private folder of this process's uploads, made on the first upload


def upload_folder() -> Path:
    if not _FOLDERS:
        _FOLDERS.append(Path(tempfile.mkdtemp(prefix="kexie-serve-uploads-")))
    return _FOLDERS[0]


@blueprint.route("/import", methods=["GET", "POST"])
def upload() -> Any:
    current = state()
    if request.method == "GET":
        return render_template("import.html", kinds=kinds.ORG_CODES)
    sent = request.files.get("file")
    kind = request.form.get("kind", "")
    if kind not in kinds.ORG_CODES:
        raise KexieError("query.kind_unknown", kind=kind[:40], kinds=", ".join(kinds.ORG_CODES))
    if sent is None or not sent.filename:
        raise KexieError("serve.no_file")
    suffix = Path(sent.filename).suffix.lower()
    head = sent.stream.read(4)
    sent.stream.seek(0)
    if suffix not in SUFFIXES or (suffix == ".xlsx" and head != b"PK\x03\x04"):
        raise KexieError("serve.bad_upload", suffixes="、".join(SUFFIXES))
    token = secrets.token_hex(16)
    path = upload_folder() / f"{token}{suffix}"
    sent.save(path)
    _forget_upload()
    session["upload"] = {"token": token, "suffix": suffix, "kind": kind, "name": sent.filename[:200]}
    result = import_file(current.registry(), path, kind, dry_run=True, today=current.today)
    return render_template(
        "import.html", kinds=kinds.ORG_CODES, report=_text(result, current.lang), upload=session["upload"]
    )


@blueprint.route("/import/apply", methods=["POST"])
def apply() -> Any:
    current = state()
    upload = session.get("upload")
    if not isinstance(upload, dict) or upload.get("token") != request.form.get("token"):
        raise KexieError("serve.no_upload")
    path = upload_folder() / f"{upload['token']}{upload['suffix']}"
    if not path.is_file():
        raise KexieError("serve.no_upload")
    registry = current.registry()
    result = import_file(registry, path, upload["kind"], dry_run=False, today=current.today)
    current.forget()
    written = [r.file for r in result.rows if r.action in {"created", "updated"} and r.file]
    if written and current.in_git:
        from kexie_cli.serve.records import _author  # noqa: PLC0415 - the author of a save, as on the record page

        author, _ = _author()
        text = tr(
            "serve.commit.import",
            current.lang,
            file=upload["name"],
            created=result.count("created"),
            updated=result.count("updated"),
        )
        sha = gitsave.commit(registry.root, written, text + "\n", author)
        flash(tr("serve.committed", current.lang, commit=sha[:10], file=upload["name"]), "info")
    _forget_upload()
    return render_template("import.html", kinds=kinds.ORG_CODES, report=_text(result, current.lang), applied=True)


def _text(result: Any, lang: str) -> str:
    out = io.StringIO()
    render_import(result, "plain", lang, out)
    return out.getvalue()


def _forget_upload() -> None:
    upload = session.pop("upload", None)
    if isinstance(upload, dict):
        (upload_folder() / f"{upload.get('token', '')}{upload.get('suffix', '')}").unlink(missing_ok=True)


def remove_folder() -> None:
    """Remove the uploads not applied (when the server stops)."""
    for folder in _FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)
    _FOLDERS.clear()
