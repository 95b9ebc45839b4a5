"""The records a query runs on: the work tree as it is, or the registry at a Git revision.

``--at REV`` reads ``records/`` and ``kexie.yaml`` of a revision with
``git ls-tree`` and ``git cat-file --batch``, in memory: the work tree, the
index and HEAD are never touched. The revision's own kexie.yaml applies (its
coverage denominators were those of that time); schemas are the registry's
current ones.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kexie_cli.errors import KexieError
from kexie_cli.query.context import QueryContext
from kexie_cli.records.file import RecordFile
from kexie_cli.records.index import Index
from kexie_cli.records.loader import Problem, load_bytes
from kexie_cli.records.model import Record
from kexie_cli.registry import gitio
from kexie_cli.registry.layout import FOLDER_KINDS, RECORDS_DIR, SETTINGS_FILE
from kexie_cli.registry.load import Registry
from kexie_cli.registry.settings import Settings, load_settings
from kexie_cli.validate.engine import check
from kexie_cli.validate.options import CheckOptions

if TYPE_CHECKING:
    from kexie_cli.validate.engine import CheckResult


@dataclass(slots=True)
class Snapshot:
    records: list[Record]
    qctx: QueryContext
    checked: CheckResult | None = None  # the check of the work tree the records came from (None: --at)


def snapshot(registry: Registry, today: dt.date, lang: str, at: str | None = None) -> Snapshot:
    """Load the registry (or its state at Git revision ``at``) for querying."""
    checked = None
    if at is None:
        checked = load_checked(registry, today, lang)
        records = list(checked.all_records)
        settings = registry.settings
    else:
        records, settings = load_revision(registry, at)
    qctx = QueryContext(today, settings, registry.schemas, Index(records), lang)
    return Snapshot(records, qctx, checked)


def load_checked(registry: Registry, today: dt.date, lang: str) -> CheckResult:
    """Every record file of the work tree, through the check engine and its cache.

    Loading goes through :func:`kexie_cli.validate.engine.check` so that a
    query after a ``kexie check`` (or a second query) reads the per-file
    outcomes from the cache instead of parsing every file again; the run
    leaves the cache ready for the ``check`` a query like ``show`` makes.
    """

    return check(registry, CheckOptions(today=today, lang=lang))


def load_revision(registry: Registry, rev: str) -> tuple[list[Record], Settings]:
    """Records and settings of the registry as committed at ``rev``.

    The listing is NUL-separated with sizes (:func:`~kexie_cli.registry.gitio.tree_blobs`): a file over the
    size limit is K001 without being read, contents are read by blob id, names need not be UTF-8.
    """
    root = registry.root
    try:
        prefix = gitio.git(root, "rev-parse", "--show-prefix").decode("utf-8", "backslashreplace").strip()
    except KexieError as exc:
        if exc.key == "git.missing":
            raise
        raise KexieError("at.not_repo", root=str(root)) from None
    if rev.startswith("-"):
        raise KexieError("at.bad_rev", rev=rev)
    try:
        commit = gitio.git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except KexieError:
        raise KexieError("at.bad_rev", rev=rev) from None
    try:
        entries = gitio.tree_blobs(root, commit, RECORDS_DIR, SETTINGS_FILE, full_name=True)
    except KexieError as exc:
        raise KexieError("at.failed", rev=rev, detail=str(exc.params.get("detail", ""))) from None
    limit = registry.settings.max_file_bytes
    settings_entry = next((e for e in entries if e.path == prefix + SETTINGS_FILE), None)
    if settings_entry is None:
        raise KexieError("at.no_settings", rev=rev)
    if settings_entry.size > limit:
        raise KexieError("at.settings_too_large", rev=rev, size=settings_entry.size, limit=limit)
    settings = _settings(gitio.cat_blobs(root, [settings_entry.sha]).get(settings_entry.sha, b""), registry)
    max_bytes = settings.max_file_bytes  # the revision's own limit
    blobs = gitio.cat_blobs(root, [e.sha for e in entries if e is not settings_entry and e.size <= max_bytes])
    records = []
    for entry in sorted(entries, key=lambda e: e.path):
        if entry is settings_entry or not entry.path.startswith(prefix):
            continue
        file = _record_file(root, entry.path[len(prefix) :])
        if file is not None:
            records.append(_record(file, blobs.get(entry.sha), entry.size, max_bytes))
    return records, settings


def _record_file(root: Path, rel: str) -> RecordFile | None:
    parts = PurePosixPath(rel).parts
    if not parts or parts[0] != RECORDS_DIR or any(p.startswith(".") for p in parts):
        return None
    inner = parts[1:]
    kind = FOLDER_KINDS.get(inner[0]) if len(inner) == 2 and rel.endswith(".yaml") else None
    return RecordFile(root.joinpath(*parts), rel, kind)


def _record(file: RecordFile, raw: bytes | None, size: int, max_bytes: int) -> Record:
    if file.kind is None:
        return Record(file, None)
    if raw is None or size > max_bytes:
        problem = Problem("K001", 1, 1, "load.too_large", (("size", str(size)), ("limit", str(max_bytes))))
        return Record(file, None, problems=[problem])
    loaded = load_bytes(raw, max_bytes)
    return Record(file, loaded.data, loaded.positions, loaded.problems, loaded.text)


def _settings(raw: bytes, registry: Registry) -> Settings:
    with tempfile.TemporaryDirectory(prefix="kexie-at-") as tmp:
        (Path(tmp) / SETTINGS_FILE).write_bytes(raw)
        return load_settings(Path(tmp), registry.schemas)
