"""The registry at a Git revision: its record files, their bytes and its settings.

``--at REV`` reads ``records/`` and ``kexie.yaml`` of a revision with
``git ls-tree`` and ``git cat-file --batch``, in memory: the work tree, the
index and HEAD are never touched. The revision's own kexie.yaml applies (its
coverage denominators were those of that time); schemas are the registry's
current ones. The records are loaded by the door
(:func:`kexie_cli.validate.door.load_registry`), like those of the work tree.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kexie_cli.errors import KexieError
from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import Problem
from kexie_cli.registry import gitio
from kexie_cli.registry.layout import FOLDER_KINDS, RECORDS_DIR, SETTINGS_FILE, name_text
from kexie_cli.registry.load import Registry, linked_problem
from kexie_cli.registry.settings import Settings, load_settings


@dataclass(slots=True)
class Revision:
    registry: Registry  # the root and schemas of the registry, the settings of the revision
    files: list[RecordFile]  # the files under records/ at the revision that were read
    contents: dict[str, bytes]  # relpath -> bytes
    not_read: dict[RecordFile, Problem] = field(default_factory=dict)  # too large (K001), linked folders (K007)


def read_revision(registry: Registry, rev: str) -> Revision:
    """The record files, their bytes and the settings of the registry as committed at ``rev``.

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
    revision = Revision(Registry(root, settings, registry.schemas), [], {})
    for entry in sorted(entries, key=lambda e: e.path):
        if entry is settings_entry or not entry.path.startswith(prefix):
            continue
        file = _record_file(root, entry.path[len(prefix) :])
        if file is None:
            continue
        raw = blobs.get(entry.sha)
        if entry.link and file.kind is None:  # a committed linked folder: K007, never followed
            linked = RecordFile(file.path, file.relpath, None, link=name_text(raw or b"?"))
            revision.not_read[linked] = linked_problem(linked)
            continue
        if file.kind is not None and (raw is None or entry.size > max_bytes):
            params = (("size", str(entry.size)), ("limit", str(max_bytes)))
            revision.not_read[file] = Problem("K001", 1, 1, "load.too_large", params)
            continue
        revision.files.append(file)
        if raw is not None:
            revision.contents[file.relpath] = raw
    return revision


def _record_file(root: Path, rel: str) -> RecordFile | None:
    parts = PurePosixPath(rel).parts
    if not parts or parts[0] != RECORDS_DIR or any(p.startswith(".") for p in parts):
        return None
    inner = parts[1:]
    kind = FOLDER_KINDS.get(inner[0]) if len(inner) == 2 and rel.endswith(".yaml") else None
    return RecordFile(root.joinpath(*parts), rel, kind)


def _settings(raw: bytes, registry: Registry) -> Settings:
    with tempfile.TemporaryDirectory(prefix="kexie-at-") as tmp:
        (Path(tmp) / SETTINGS_FILE).write_bytes(raw)
        return load_settings(Path(tmp), registry.schemas)
