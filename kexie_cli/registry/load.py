"""Opening a registry and loading its record files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import Problem
from kexie_cli.records.model import Record
from kexie_cli.registry.layout import find_root, record_files
from kexie_cli.registry.readfile import read_bounded
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings, load_settings

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class Registry:
    """A registry root with its settings and schemas."""

    root: Path
    settings: Settings
    schemas: SchemaSet

    @classmethod
    def open(cls, start: Path, explicit: Path | None = None) -> Registry:
        root = find_root(start, explicit)
        schemas = SchemaSet(root)
        return cls(root, load_settings(root, schemas), schemas)

    def files(self) -> list[RecordFile]:
        return record_files(self.root)


def read_record(file: RecordFile, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """A record file's bytes, or the K001 problem that keeps it from being read (too large, unreadable).

    The one place where record files are read, for ``kexie check`` and every
    other command alike: regular files only, never blocking, never past
    ``max_bytes`` (:func:`kexie_cli.registry.readfile.read_bounded`).
    """
    try:
        raw, size = read_bounded(file.abspath, max_bytes, file.regular)
    except OSError as exc:
        return None, [Problem("K001", 1, 1, "load.unreadable", (("detail", exc.strerror or str(exc)),))]
    if raw is None:
        return None, [Problem("K001", 1, 1, "load.too_large", (("size", str(size)), ("limit", str(max_bytes))))]
    return raw, []


def linked_problem(file: RecordFile) -> Problem:
    """The K007 problem of a folder under records/ that is a symbolic link (never entered, docs/security.md)."""
    return Problem("K007", 1, 1, "load.linked_folder", (("target", str(file.link)),))


def unreadable(records: Iterable[Record]) -> list[Record]:
    """The record files that could not be loaded (each has its K0xx problems), and linked folders; reports name them."""
    return [r for r in records if (r.kind is not None or r.file.link is not None) and not r.loaded]
