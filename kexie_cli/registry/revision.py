"""The registry at a Git revision: its record files, their bytes and its settings.

``--at REV`` reads ``records/`` and ``kexie.yaml`` of a revision with
``git ls-tree`` and ``git cat-file --batch``, in memory: the work tree, the
index and HEAD are never touched. The revision's own kexie.yaml applies (its
coverage denominators were those of that time); schemas are the registry's
current ones. The records are loaded by the door
(:func:`kexie_cli.validate.door.load_registry`), like those of the work tree.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kexie_cli.errors import KexieError
from kexie_cli.records.file import RecordFile
from kexie_cli.registry.layout import FOLDER_KINDS, RECORDS_DIR, SETTINGS_FILE
from kexie_cli.registry.load import Registry
from kexie_cli.registry.settings import Settings, load_settings


@dataclass(slots=True)
class Revision:
    registry: Registry  # the root and schemas of the registry, the settings of the revision
    files: list[RecordFile]  # every file under records/ at the revision
    contents: dict[str, bytes]  # relpath -> bytes


def _git(root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, input=data, capture_output=True, check=False)
    except OSError as exc:
        raise KexieError("at.not_repo", root=str(root)) from exc


def read_revision(registry: Registry, rev: str) -> Revision:
    """The record files, their bytes and the settings of the registry as committed at ``rev``."""
    root = registry.root
    prefix_run = _git(root, "rev-parse", "--show-prefix")
    if prefix_run.returncode != 0:
        raise KexieError("at.not_repo", root=str(root))
    prefix = prefix_run.stdout.decode("utf-8").strip()
    if rev.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode:
        raise KexieError("at.bad_rev", rev=rev)
    listing = _git(root, "ls-tree", "-r", "-z", "--full-name", "--name-only", rev, "--", RECORDS_DIR, SETTINGS_FILE)
    if listing.returncode != 0:
        raise KexieError("at.failed", rev=rev, detail=listing.stderr.decode("utf-8", "replace").strip())
    names = [n for n in listing.stdout.decode("utf-8").split("\0") if n]
    blobs = _cat(root, rev, names)
    settings_name = prefix + SETTINGS_FILE
    if settings_name not in blobs:
        raise KexieError("at.no_settings", rev=rev)
    settings = _settings(blobs[settings_name], registry)
    files: list[RecordFile] = []
    contents: dict[str, bytes] = {}
    for name in sorted(blobs):
        if name == settings_name:
            continue
        rel = name[len(prefix) :]
        file = _record_file(root, rel)
        if file is not None:
            files.append(file)
            contents[file.relpath] = blobs[name]
    return Revision(Registry(root, settings, registry.schemas), files, contents)


def _cat(root: Path, rev: str, names: list[str]) -> dict[str, bytes]:
    """Contents of every path at ``rev`` with one ``git cat-file --batch``."""
    if not names:
        return {}
    request = "".join(f"{rev}:{name}\n" for name in names).encode("utf-8")
    run = _git(root, "cat-file", "--batch", data=request)
    if run.returncode != 0:
        raise KexieError("at.failed", rev=rev, detail=run.stderr.decode("utf-8", "replace").strip())
    out: dict[str, bytes] = {}
    data, pos = run.stdout, 0
    for name in names:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            continue
        size = int(header[2])
        out[name] = data[pos : pos + size]
        pos += size + 1
    return out


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
