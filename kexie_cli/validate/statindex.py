"""Stat trust, as Git's index does it: a file whose stat data is unchanged is not read again.

``.kexie/cache/stat.bin`` maps each record file's path to its stat data
(size, mtime_ns, ctime_ns, inode) and the content key its bytes had. A run
takes the key of a file from there, without opening it, when

- the file's stat data is exactly the one noted, and
- the file is not *racily clean*: its mtime is older than the second in
  which the index was written. A file changed in that same second (or
  later) may have been changed again after it was noted without its stat
  data showing it on a file system with coarse time stamps; such a file is
  read and hashed again, every run, until an index written in a later
  second notes it (Git's racy-git rule).

Anything else (a new, changed, linked or oversized file; no cache;
``--no-cache``) is read and hashed as before. Only the key is trusted: when
a run needs the file's bytes (its outcome is not cached, or the records are
built), they are read then. So a warm ``kexie check`` answered by its run
memo opens no record file at all. The decision and the old worry it answers
are in docs/performance.md ("Decided: stat data with the racy guard").
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from kexie_cli.records.file import Stat

FILE = "stat.bin"
SECOND_NS = 1_000_000_000


def racily_clean(mtime_ns: int, taken_ns: int) -> bool:
    """Git's racy rule: a file whose mtime is not older than the second its stat data was taken in could
    change again within the file system's time stamp resolution without its stat data showing it."""
    return mtime_ns >= taken_ns - taken_ns % SECOND_NS


class StatIndex:
    """The stat data and content keys noted by the last run, and those this run notes."""

    def __init__(self, content: dict[str, Any]) -> None:
        written = content.get("written_ns")
        entries = content.get("entries")
        self.written_ns = written if isinstance(written, int) else 0
        self.entries: dict[str, Any] = entries if isinstance(entries, dict) else {}
        self.noted: dict[str, tuple[Stat, str]] = {}
        self.racy = 0  # files read again because they were racily clean

    def trusted(self, relpath: str, stat: Stat | None, max_bytes: int) -> str | None:
        """The content key of an unchanged file, or None (changed, unknown, too large, or racily clean)."""
        entry = self.entries.get(relpath)
        if stat is None or entry is None or stat[0] > max_bytes:
            return None
        try:
            noted, key = tuple(entry[0]), entry[1]
        except (TypeError, IndexError):
            return None
        if noted != stat or not isinstance(key, str):
            return None
        if racily_clean(stat[1], self.written_ns):  # read it again
            self.racy += 1
            return None
        return key

    def note(self, relpath: str, stat: Stat | None, key: str) -> None:
        if stat is not None:
            self.noted[relpath] = (stat, key)

    def changed(self) -> bool:
        """Whether the index must be written again (anything new, gone or racily clean)."""
        return (
            self.racy > 0
            or len(self.noted) != len(self.entries)
            or any(self.entries.get(path) != value for path, value in self.noted.items())
        )

    def content(self) -> dict[str, Any]:
        """What to write: the time of writing comes first, before the file is written (a later file mtime only
        makes more entries racy, never fewer)."""
        return {"written_ns": time.time_ns(), "entries": dict(self.noted)}


def index_path(folder: Path) -> Path:
    return folder / FILE
