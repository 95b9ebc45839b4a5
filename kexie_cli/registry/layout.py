"""Folder layout (docs/registry.md, 台账与查找): where each kind lives, and how the root is found."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.records.file import RecordFile

SETTINGS_FILE = "kexie.yaml"
RECORDS_DIR = "records"
KIND_FOLDERS = kinds.FOLDERS  # kind -> folder under records/ (kexie_cli/kinds.py)
FOLDER_KINDS = kinds.FOLDER_KINDS
KINDS = kinds.CODES
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")  # what an id may be (docs/registry.md)


def is_slug(text: object) -> bool:
    """Whether ``text`` is a valid record id (and so safe as a file name: no ``/``, no ``..``)."""
    return isinstance(text, str) and SLUG.fullmatch(text) is not None


def find_root(start: Path, explicit: Path | None = None) -> Path:
    """The registry root: ``explicit``, or the first folder up from ``start`` with kexie.yaml."""
    if explicit is not None:
        root = explicit.resolve()
        if not (root / SETTINGS_FILE).is_file():
            raise KexieError("registry.no_settings", root=str(root))
        return root
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise KexieError("registry.not_found", start=str(here))


def record_path(root: Path, kind: str, record_id: str) -> Path:
    """``records/<folder>/<id>.yaml`` of a record id typed by a user; refuses an id that is not a slug.

    An id is a file name, never a path: ``../../kexie`` or ``/etc/passwd`` is a usage error (docs/registry.md).
    """
    if not is_slug(record_id):
        raise KexieError("new.bad_id", id=record_id)
    return root / RECORDS_DIR / KIND_FOLDERS[kind] / f"{record_id}.yaml"


def record_files(root: Path) -> list[RecordFile]:
    """Every file below records/, sorted; hidden files and folders are skipped."""
    base = root / RECORDS_DIR
    if not base.is_dir():
        return []
    found: list[RecordFile] = []
    # os.scandir and string paths: this runs on every check of registries of 100,000 files
    prefix = str(base) + os.sep
    for parts, regular in sorted(_walk(str(base), ())):
        rel = RECORDS_DIR + "/" + "/".join(parts)
        kind = FOLDER_KINDS.get(parts[0]) if len(parts) == 2 and parts[1].endswith(".yaml") else None
        found.append(RecordFile(prefix + os.sep.join(parts), rel, kind, regular))  # noqa: PTH118 - speed
    return found


def _walk(folder: str, prefix: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    """Relative parts of every entry below ``folder`` that is not a folder to walk, and whether it is a regular file.

    Hidden entries and linked folders are skipped (they may loop).
    """
    out: list[tuple[tuple[str, ...], bool]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            record_place = len(prefix) == 1 and prefix[0] in FOLDER_KINDS and entry.name.endswith(".yaml")
            if entry.is_dir(follow_symlinks=False) and not record_place:
                out.extend(_walk(entry.path, (*prefix, entry.name)))
            elif entry.is_file(follow_symlinks=False):  # the common case: no system call (d_type)
                out.append(((*prefix, entry.name), True))
            elif entry.is_file() or record_place or not _linked_dir(entry):
                # links, FIFOs, devices, dangling links and folders named *.yaml are listed too: K001 or
                # K006, never opened unless they lead to a regular file (see registry/readfile.py)
                out.append(((*prefix, entry.name), False))
    return out


def _linked_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
