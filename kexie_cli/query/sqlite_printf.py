"""``printf``/``format`` in ``kexie sql`` with bounded widths (issue 28).

SQLite's own printf runs ``printf('%.*c', 2000000000, 'x')`` inside one C call that the progress
handler cannot stop, so the query ran past ``--timeout``. The two functions are replaced by a Python
function that refuses a width or precision over :data:`MAX_WIDTH` and hands everything else to
SQLite's printf on a private connection (same output as before).
"""

from __future__ import annotations

import math
import re
import sqlite3
from typing import Any

MAX_WIDTH = 10_000  # characters of one field's width or precision: far more than any table needs

# %[flags][width][.precision]type, as SQLite's printf reads it; %% takes no argument
_SPEC = re.compile(r"%([-+ 0#,!]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%]?)")


class WidthRefused(Exception):
    """A printf width or precision over :data:`MAX_WIDTH`."""


class BoundedPrintf:
    """The replacement of ``printf`` and ``format`` on one query's connection."""

    def __init__(self, max_value: int) -> None:
        self.refused = False
        self.inner = sqlite3.connect(":memory:")
        if max_value:
            self.inner.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max_value)

    def install(self, conn: sqlite3.Connection) -> None:
        for name in ("printf", "format"):
            conn.create_function(name, -1, self, deterministic=True)

    def __call__(self, *args: Any) -> Any:
        if not args or not isinstance(args[0], str):
            return self._inner(args)
        try:
            check_widths(args[0], args[1:])
        except WidthRefused:
            self.refused = True
            raise
        return self._inner(args)

    def _inner(self, args: tuple[Any, ...]) -> Any:
        marks = ", ".join("?" * len(args))
        return self.inner.execute(f"SELECT printf({marks})", args).fetchone()[0]

    def close(self) -> None:
        self.inner.close()


def check_widths(fmt: str, args: tuple[Any, ...]) -> None:
    """Raise :class:`WidthRefused` when a width or precision (literal or ``*``) of ``fmt`` exceeds MAX_WIDTH."""
    index = 0
    for match in _SPEC.finditer(fmt):
        _, width, precision, kind = match.groups()
        if kind == "%":
            continue
        for part in (width, precision):
            if part is None:
                continue
            if part == "*":
                value = args[index] if index < len(args) else 0
                index += 1
                part_value = _number(value)
            else:
                part_value = int(part) if len(part) <= 9 else MAX_WIDTH + 1
            if abs(part_value) > MAX_WIDTH:
                raise WidthRefused(part_value)
        index += 1


def _number(value: Any) -> int:
    """What SQLite reads as a ``*`` width: an integer, else 0 (a huge value counts as over the bound)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and abs(value) <= 1e9 else MAX_WIDTH + 1
    if isinstance(value, str):
        match = re.match(r"\s*[+-]?\d{1,12}", value)
        return int(match.group()) if match else 0
    return 0
