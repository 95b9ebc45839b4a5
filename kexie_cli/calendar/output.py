"""A multi-table Report of the calendar commands, and their atomic file writes.

The Report is data; ``reporters/multitable.py`` renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.outfile import write_bytes
from kexie_cli.tables import TableData


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (checked target, temporary file renamed into place: :mod:`kexie_cli.outfile`)."""
    write_bytes(Path(path), data)


@dataclass(slots=True)
class Report:
    """Several tables shown one after the other, plus a summary line and a JSON document.

    ``json`` is what ``--format json`` prints; ``csv`` prints the first table only.
    """

    tables: Sequence[TableData]
    json: dict[str, Any]
    summary: str = ""
    sheet_names: Sequence[str] = field(default_factory=list)
