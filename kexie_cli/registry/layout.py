"""Folder layout (docs/registry.md, 台账与查找): where each kind lives, and how the root is found."""

from __future__ import annotations

import os
import re
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.records.file import RecordFile, Stat

SETTINGS_FILE = "kexie.yaml"
RECORDS_DIR = "records"
CONFIG_FOLDERS = ("schemas", "templates")  # a registry's own schemas and letter templates (beside kexie's)
#: the folders a registry's state covers, besides kexie.yaml (validate/answers.py, registry/monitor.py)
STATE_FOLDERS = (RECORDS_DIR, *CONFIG_FOLDERS)
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
    Each regular file carries the stat data the listing took (:attr:`RecordFile.stat`), so a run that
    trusts unchanged files (``validate/statindex.py``) makes one system call per file, not two.
    """
    base = root / RECORDS_DIR
    if base.is_symlink():
        return [RecordFile(base, RECORDS_DIR, None, link=link_target(str(base)))]
    if not base.is_dir():
        return []
    found: list[RecordFile] = []
    # one stat per entry, relative to an open folder, string paths: this runs on every check of
    # registries of 100,000 files (bench/commands.py --annual-years)
    _walk(str(base), (), found)
    return found


def _walk(folder: str, prefix: tuple[str, ...], found: list[RecordFile]) -> None:
    """Append every entry below ``folder`` that is not a folder to walk, in the order of its name parts.

    Hidden entries are skipped; a linked folder is listed with its target, never entered (it may loop
    or lead outside the registry, docs/security.md). Links, FIFOs, devices, dangling links and folders
    named *.yaml are listed too: K001 or K006, never opened unless they lead to a regular file (see
    registry/readfile.py).
    """
    names, stats = folder_stats(folder)  # an unreadable folder fails the run, as before
    kind = _folder_kind(prefix)  # every *.yaml here has the same kind (or none)
    rel = RECORDS_DIR + "/" + "".join(part + "/" for part in prefix)
    at = folder + os.sep
    for name, st in zip(names, stats, strict=True):
        if st is None:  # gone since it was listed: a run reports what it can read
            continue
        mode = st.st_mode
        is_yaml = name.endswith(".yaml")
        if S_ISREG(mode):
            stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            found.append(_file(at + name, rel + name, kind if is_yaml else None, True, None, stat))
        elif S_ISDIR(mode) and not (is_yaml and kind is not None):
            _walk(at + name, (*prefix, name), found)
        elif S_ISLNK(mode) and _linked_dir(at + name):
            found.append(_file(at + name, rel + name, None, False, link_target(at + name), None))
        else:
            found.append(_file(at + name, rel + name, kind if is_yaml else None, False, None, None))


def folder_stats(folder: str) -> tuple[list[str], list[os.stat_result | None]]:
    """The names in ``folder`` but hidden ones, sorted, and each one's own stat data (None: gone since it was
    listed): one ``stat`` per entry relative to the open folder, never through a link (about 4 µs an entry,
    most of it the kernel's). Raises OSError when ``folder`` cannot be opened as a folder (or is a link).

    The one folder walk of kexie's runs: the record listing (:func:`record_files`) and the registry's
    state (``validate/answers.py``).
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        names = [n for n in os.listdir(fd) if not n.startswith(".")]  # noqa: PTH208 - a folder handle (speed)
        names.sort()
        stat = os.stat
        try:
            return names, [stat(name, dir_fd=fd, follow_symlinks=False) for name in names]
        except OSError:  # one entry gone meanwhile: the others' stat data, None for each one gone
            return names, [_own_stat(name, fd) for name in names]
    finally:
        os.close(fd)


def _own_stat(name: str, fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=fd, follow_symlinks=False)
    except OSError:
        return None


def _file(path: str, rel: str, kind: str | None, regular: bool, link: str | None, stat: Stat | None) -> RecordFile:
    if not rel.isascii():
        rel = _text_name(rel)
    return RecordFile(path, rel, None if link is not None else kind, regular, link, stat)


def _folder_kind(prefix: tuple[str, ...]) -> str | None:
    """The kind of a ``*.yaml`` file directly in the folder ``records/<prefix>`` (as :func:`kind_of`)."""
    return kind_of((*prefix, "x.yaml"))


def kind_of(parts: tuple[str, ...]) -> str | None:
    """The kind a file's place implies: ``<folder>/<id>.yaml``, or ``<folder>/<YYYY>/<id>.yaml`` for a yearly kind."""
    if not parts[-1].endswith(".yaml"):
        return None
    if len(parts) == 2 and parts[0] not in YEARLY_FOLDERS:
        return FOLDER_KINDS.get(parts[0])
    if len(parts) == 3 and parts[0] in YEARLY_FOLDERS and YEAR_FOLDER.match(parts[1]):
        return FOLDER_KINDS[parts[0]]
    return None


def link_target(path: str) -> str:
    """Where the link ``path`` points (\"?\" when it cannot be read)."""
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
            raise LinkedFolder(here.relative_to(root).as_posix(), link_target(str(here)))


def _linked_dir(path: str) -> bool:
    try:
        return os.path.isdir(path)  # noqa: PTH112 - string paths (speed)
    except OSError:
        return False
