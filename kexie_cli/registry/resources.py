"""Schemas and templates: the registry's own copies first, else those shipped with kexie."""

from __future__ import annotations

from pathlib import Path

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
