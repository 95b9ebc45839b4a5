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
YEARLY_FOLDERS = kinds.YEARLY_FOLDERS  # records/<folder>/<YYYY>/<id>.yaml (the annual records)
YEAR_FOLDER = re.compile(r"^[0-9]{4}$")
ID_YEAR = re.compile(r"-([0-9]{4})$")  # a yearly record's id ends in its year: <org>-2026
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
    folder = root / RECORDS_DIR / KIND_FOLDERS[kind]
    if kind in kinds.BY_CODE and kinds.BY_CODE[kind].yearly:
        year = ID_YEAR.search(record_id)
        if year is None:
            raise KexieError("annual.bad_id", id=record_id)
        folder = folder / year.group(1)
    path = folder / f"{record_id}.yaml"
    refuse_linked(root, path)
    return path


def candidate_paths(root: Path, record_id: str) -> list[tuple[str, Path]]:
    """(kind, path) of every place a record ``record_id`` could be: each kind's folder; a yearly kind's only
    when the id ends in a year. An id that is not a slug is refused as in :func:`record_path`."""
    return [
        (kind, record_path(root, kind, record_id))
        for kind in KINDS
        if not kinds.BY_CODE[kind].yearly or ID_YEAR.search(record_id)
    ]


def name_text(raw: bytes) -> str:
    """A file name from Git or the file system as text: UTF-8, other bytes as ``\\xff`` (never fails).

    Display, JSON and cache keys need valid text; a name that is not UTF-8 cannot be a record's
    ``<id>.yaml`` anyway (K005), so its readable escape is enough to name it.
    """
    return raw.decode("utf-8", errors="backslashreplace")


def _text_name(name: str) -> str:
    """A name from ``os.scandir`` (undecodable bytes as surrogates) as valid text (see :func:`name_text`)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name_text(os.fsencode(name))
    return name


def record_files(root: Path) -> list[RecordFile]:
    """Every file below records/, sorted; hidden files and folders are skipped.

    A folder that is a symbolic link (``records/`` itself, a kind folder, any folder below) is never
    entered: it is listed as one entry with its ``link`` target, which every command reports as K007.
    """
    base = root / RECORDS_DIR
    if base.is_symlink():
        return [RecordFile(base, RECORDS_DIR, None, link=_target(str(base)))]
    if not base.is_dir():
        return []
    found: list[RecordFile] = []
    # os.scandir and string paths: this runs on every check of registries of 100,000 files
    prefix = str(base) + os.sep
    for parts, regular, link in sorted(_walk(str(base), ()), key=lambda item: item[0]):
        rel = _text_name(RECORDS_DIR + "/" + "/".join(parts))
        kind = kind_of(parts)
        path = prefix + os.sep.join(parts)  # noqa: PTH118 - speed
        found.append(RecordFile(path, rel, None if link is not None else kind, regular, link))
    return found


def _walk(folder: str, prefix: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool, str | None]]:
    """Every entry below ``folder`` that is not a folder to walk: (relative parts, regular file?, link target).

    Hidden entries are skipped; a linked folder is listed with its target, never entered (it may loop
    or lead outside the registry, docs/security.md).
    """
    out: list[tuple[tuple[str, ...], bool, str | None]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            record_place = entry.name.endswith(".yaml") and kind_of((*prefix, entry.name)) is not None
            if entry.is_dir(follow_symlinks=False) and not record_place:
                out.extend(_walk(entry.path, (*prefix, entry.name)))
            elif entry.is_file(follow_symlinks=False):  # the common case: no system call (d_type)
                out.append(((*prefix, entry.name), True, None))
            elif entry.is_symlink() and _linked_dir(entry):
                out.append(((*prefix, entry.name), False, _target(entry.path)))
            else:
                # links, FIFOs, devices, dangling links and folders named *.yaml are listed too: K001 or
                # K006, never opened unless they lead to a regular file (see registry/readfile.py)
                out.append(((*prefix, entry.name), False, None))
    return out


def kind_of(parts: tuple[str, ...]) -> str | None:
    """The kind a file's place implies: ``<folder>/<id>.yaml``, or ``<folder>/<YYYY>/<id>.yaml`` for a yearly kind."""
    if not parts[-1].endswith(".yaml"):
        return None
    if len(parts) == 2 and parts[0] not in YEARLY_FOLDERS:
        return FOLDER_KINDS.get(parts[0])
    if len(parts) == 3 and parts[0] in YEARLY_FOLDERS and YEAR_FOLDER.match(parts[1]):
        return FOLDER_KINDS[parts[0]]
    return None


def _target(path: str) -> str:
    try:
        return str(Path(path).readlink())
    except OSError:
        return "?"


class LinkedFolder(KexieError):
    """A folder between the registry root and a record file is a symbolic link: kexie does not write through it."""

    def __init__(self, folder: str, target: str) -> None:
        super().__init__("records.linked_folder", folder=folder, target=target)


def refuse_linked(root: Path, path: Path) -> None:
    """Raise :class:`LinkedFolder` when a folder from ``root`` down to ``path``'s folder is a symbolic link.

    The check every command that names a record file by id makes (``set`` and the other edits, ``new``,
    ``log``); writes also open each folder without following links (:func:`kexie_cli.outfile.replace_atomically`).
    """
    rel = path.relative_to(root).parts[:-1]
    here = root
    for part in rel:
        here = here / part
        if here.is_symlink():
            raise LinkedFolder(here.relative_to(root).as_posix(), _target(str(here)))


def _linked_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
