"""The edit commands: one operation on one record, validated, written atomically under the registry lock.

Every operation works on the ruamel round-trip tree of a canonical file and
returns the paths it changed, so the rest of the file is written back byte
for byte. :func:`edit_record` refuses to write when the registry would have
errors it did not have before (the new errors are in the outcome).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.edit import canonical, tree
from kexie_cli.edit.atomic import LOCK_FILE, LockTimeout, registry_lock
from kexie_cli.edit.new import check_id
from kexie_cli.errors import KexieError
from kexie_cli.finding import Finding, Severity
from kexie_cli.i18n import tr
from kexie_cli.outfile import LinkedFolderError, replace_atomically
from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import load_text
from kexie_cli.registry.layout import KIND_FOLDERS, candidate_paths, record_path
from kexie_cli.registry.load import Registry
from kexie_cli.registry.readfile import FileTooLarge, read_record_bytes
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.validate.engine import check_change
from kexie_cli.validate.options import CheckOptions

Path_ = tree.Path_
Operation = Callable[[Any, "EditContext"], list[Path_]]


@dataclass(frozen=True, slots=True)
class EditContext:
    kind: str
    schemas: SchemaSet


@dataclass(slots=True)
class EditOutcome:
    """What an edit did (or would do): texts before and after, and why it was refused."""

    relpath: str
    old_text: str
    new_text: str
    paths: list[Path_] = field(default_factory=list)
    reformatted: bool = False  # the file was not canonical before the edit
    new_errors: list[Finding] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    @property
    def refused(self) -> bool:
        return bool(self.new_errors)


# --- the pipeline ------------------------------------------------------------------


def edit_text(text: str, kind: str, schemas: SchemaSet, operation: Operation) -> tuple[str, list[Path_], bool]:
    """Apply ``operation`` to a record's text: (new text, changed paths, was the old text canonical).

    Raises FormatError when the strict loader refuses ``text``: editing must not carry anchors,
    tags or duplicate keys (which the round-trip parser would keep) into a new version.
    """
    canonical.require_loadable(text)
    doc = canonical.load_document(text)
    before = canonical.dump_document(doc, kind, schemas, text)
    after, paths = apply_operation(doc, kind, schemas, operation, text)
    loaded = load_text(after)
    if loaded.data is None:  # the operation produced YAML the strict loader refuses
        raise KexieError("edit.broken", detail=loaded.problems[0].key if loaded.problems else "")
    return after, paths, before == text


def apply_operation(
    doc: Any, kind: str, schemas: SchemaSet, operation: Operation, original: str | None = None
) -> tuple[str, list[Path_]]:
    """Apply ``operation`` to a loaded document: (canonical text after, changed paths)."""
    paths = operation(doc, EditContext(kind, schemas))
    return canonical.dump_document(doc, kind, schemas, original), paths


def edit_record(
    registry: Registry,
    record_id: str,
    operation: Operation,
    *,
    today: dt.date,
    validate: bool = True,
    write: bool = True,
    guard: Callable[[str], None] | None = None,
) -> EditOutcome:
    """Edit one record by id under the registry lock; write only when no new errors arise.

    ``guard`` sees the file's current text under the lock, before anything is changed, and may
    raise to refuse the edit (``kexie serve`` refuses a form opened on an older version of the file).
    """
    check_id(record_id)  # an id becomes a file name: refuse before anything is touched (lock included)
    with locked(registry.root):
        file = find_record_file(registry, record_id)
        refuse_link(file)
        try:
            old = canonical.decode_record(_read(file, registry.settings.max_file_bytes))
            if guard is not None:
                guard(old)
            new, paths, was_canonical = edit_text(old, str(file.kind), registry.schemas, operation)
        except canonical.FormatError as exc:
            raise UnloadableRecord(file.relpath, exc) from exc
        outcome = EditOutcome(file.relpath, old, new, paths, reformatted=not was_canonical)
        if validate and outcome.changed:
            outcome.new_errors = new_errors(registry, file, new, today)
        if write and outcome.changed and not outcome.refused:
            with writing(file.relpath):
                replace_atomically(file.path, new.encode("utf-8"))
            outcome.written = True
        return outcome


def create_record(
    registry: Registry,
    kind: str,
    record_id: str,
    text: str,
    *,
    today: dt.date,
    write: bool = True,
) -> EditOutcome:
    """Write a new record file (text from :func:`new_record_text`) after validating it."""
    check_id(record_id)
    if kind not in KIND_FOLDERS:
        raise KexieError("query.kind_unknown", kind=kind, kinds=", ".join(KIND_FOLDERS))
    with locked(registry.root):
        path = record_path(registry.root, kind, record_id)  # refuses a linked folder on the way (K007)
        relpath = path.relative_to(registry.root).as_posix()
        if path.exists() or path.is_symlink():
            raise KexieError("edit.exists", file=relpath)
        outcome = EditOutcome(relpath, "", text, [()])
        outcome.new_errors = new_errors(registry, RecordFile(path, relpath, kind), text, today)
        if write and not outcome.refused:
            with writing(relpath):
                replace_atomically(path, text.encode("utf-8"))
            outcome.written = True
        return outcome


class locked:
    """The registry lock, with a timeout turned into a usage error."""

    def __init__(self, root: Path) -> None:
        self.manager = registry_lock(root)

    def __enter__(self) -> None:
        try:
            self.manager.__enter__()
        except LockTimeout as exc:
            raise KexieError("edit.locked", path=str(exc.path)) from exc
        except OSError as exc:  # the lock (or .kexie/) cannot be created: say why, and that no record changed
            key = "edit.lock_no_space" if exc.errno in _NO_SPACE else "edit.lock_failed"
            raise KexieError(key, path=LOCK_FILE, detail=exc.strerror or str(exc)) from exc

    def __exit__(self, *exc: Any) -> None:
        self.manager.__exit__(*exc)


class UnloadableRecord(KexieError):
    """The record file cannot be edited: the strict loader refuses it (the reason names line and code)."""

    def __init__(self, relpath: str, cause: canonical.FormatError) -> None:
        super().__init__("fmt.failed", file=relpath)
        self.cause = cause

    def render(self, lang: str) -> str:
        return tr(self.key, lang, file=self.params["file"], reason=self.cause.render(lang))


@contextlib.contextmanager
def writing(relpath: str) -> Iterator[None]:
    """An OSError while writing a record (a full disk above all) as one clear message, exit 2.

    :func:`~kexie_cli.outfile.replace_atomically` has removed its temporary file by then: the record is as it was.
    """
    try:
        yield
    except LinkedFolderError as exc:  # swapped for a link since the check: nothing was written (outfile.py)
        raise KexieError("records.linked_folder", folder=exc.folder.as_posix(), target="?") from exc
    except OSError as exc:
        key = "edit.no_space" if exc.errno in _NO_SPACE else "edit.write_failed"
        raise KexieError(key, file=relpath, detail=exc.strerror or str(exc)) from exc


_NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})


def refuse_link(file: RecordFile) -> None:
    """Edits refuse a record file that is a symbolic link (docs/editing.md): the rename would replace the link."""
    if file.path.is_symlink():
        raise KexieError("edit.symlink", file=file.relpath, target=str(file.path.readlink()))


def _read(file: RecordFile, max_bytes: int) -> bytes:
    try:
        return read_record_bytes(file.path, max_bytes)
    except FileTooLarge as exc:
        raise KexieError("edit.too_large", file=file.relpath, size=exc.size, limit=exc.limit) from exc
    except OSError as exc:
        raise KexieError("edit.unreadable", file=file.relpath, detail=exc.strerror or str(exc)) from exc


def find_record_file(registry: Registry, record_id: str) -> RecordFile:
    """The file of record ``record_id`` (``records/<folder>/<id>.yaml``); an id that is not a slug is refused."""
    for kind, path in candidate_paths(registry.root, record_id):
        if path.is_file() or path.is_symlink():
            return RecordFile(path, path.relative_to(registry.root).as_posix(), kind)
    raise KexieError("edit.unknown_id", id=record_id)


def new_errors(registry: Registry, file: RecordFile, new_text: str, today: dt.date) -> list[Finding]:
    """Errors the registry has with ``new_text`` in ``file`` that it does not have now.

    One listing and reading of the files, two evaluations through the cache:
    the registry as it is (usually answered by the run memo) and with
    ``new_text`` as an override.
    """

    options = CheckOptions(today=today, strict=False)
    now, changed = check_change(registry, options, {file.relpath: new_text})
    before, after = now.findings, changed.findings
    seen = Counter(_identity(f) for f in before if f.severity is Severity.ERROR)
    out: list[Finding] = []
    for finding in after:
        if finding.severity is not Severity.ERROR:
            continue
        key = _identity(finding)
        if seen[key]:
            seen[key] -= 1
        else:
            out.append(finding)
    return out


def _identity(finding: Finding) -> tuple[str, str, str]:
    """A finding apart from its position (lines move when a record is edited)."""
    return (finding.file, finding.code, finding.message)
