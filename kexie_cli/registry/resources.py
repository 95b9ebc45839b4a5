"""Schemas and templates: the registry's own copies first, else those shipped with kexie."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from kexie_cli.registry.readfile import read_record_bytes

SHIPPED = Path(__file__).resolve().parent.parent / "_data"


def shipped_dir(name: str) -> Path:
    return SHIPPED / name


def resource_path(root: Path | None, folder: str, name: str) -> Path:
    """``<root>/<folder>/<name>`` when the registry has it, else kexie's own copy."""
    if root is not None:
        own = root / folder / name
        if own.is_file():
            return own
    return SHIPPED / folder / name


def resource_names(root: Path | None, folder: str, pattern: str) -> list[str]:
    """Names matching ``pattern`` in the registry's folder and in kexie's own."""
    names = {p.name for p in (SHIPPED / folder).glob(pattern)}
    if root is not None and (root / folder).is_dir():
        names.update(p.name for p in (root / folder).glob(pattern))
    return sorted(names)


class ResourceRefused(OSError):
    """A registry template that is a link to a file outside its folder (docs/security.md): never read."""


def read_resource(root: Path | None, folder: str, name: str, max_bytes: int) -> tuple[str, Path]:
    """The text of ``<folder>/<name>`` (the registry's copy first) and its path, read as record files are.

    A registry's file, with links followed, must stay inside the registry's ``<folder>`` (or be kexie's
    own copy), be a regular file (never a FIFO or a device) of at most ``max_bytes`` and be UTF-8.
    Raises :class:`ResourceRefused`, OSError (:class:`~kexie_cli.registry.readfile.FileTooLarge` ...)
    or UnicodeDecodeError.
    """
    own = root / folder / name if root is not None else None
    # the registry's entry when there is one at all (a FIFO or a dangling link is refused, not skipped)
    path = own if own is not None and os.path.lexists(own) else SHIPPED / folder / name
    real = path.resolve()
    allowed = [(SHIPPED / folder).resolve(), *([(root / folder).resolve()] if root is not None else [])]
    if not any(real.is_relative_to(base) for base in allowed):
        raise ResourceRefused(errno.EACCES, f"links outside {folder}/ ({real})")
    raw = read_record_bytes(path, max_bytes)
    return raw.decode("utf-8-sig"), path
