"""Parsed record data kept per content hash: ``.kexie/cache/data-<fp>-<shard>.bin``.

The per-file outcomes of :mod:`kexie_cli.validate.cache` keep each record's
*facts* only (what the rules read of every record), so that a check after a
one-file edit stays small. The reading commands (``list``, ``find``, ``sql``,
``summary``, ``party``, ``report``, ``export`` ...) use the whole data of
every record; before, each run parsed every file again. The door
(:mod:`kexie_cli.validate.door`) keeps the data here for them, under the same
content key (a hash of the file's path and bytes), so an entry cannot be
stale. The fingerprint holds what the data depends on besides the bytes: the
loader (fast or pure), kexie's code, the Python and marshal versions and the
file size limit; not the as-of day, the language or the rules, so every query
shares one set of packs. Packs are signed and written atomically as the
outcome packs are (same key, same folder checks).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sys
from typing import Any

from kexie_cli.records.bulk import pure
from kexie_cli.registry import state
from kexie_cli.registry.load import Registry
from kexie_cli.validate.cache import CACHE_DIR, ProblemRow, Shards, _secret, code_fingerprint

FORMAT = 2  # 2: a file that does not load keeps its load problems (validate/reading.py)

#: a record's data, or the load problems (K0xx rows) of a file that does not load
Data = dict[str, Any] | list[ProblemRow]


def data_fingerprint(registry: Registry) -> str:
    parts = [
        f"path={'pure' if pure() else 'fast'}",
        f"format={FORMAT}",
        f"code={code_fingerprint()}",
        f"python={sys.version_info[:2]} marshal={marshal.version}",
        f"max_bytes={registry.settings.max_file_bytes}",
    ]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


class DataCache(Shards[Data]):
    """The data packs of one registry, read whole on first use and written back when they changed."""

    def __init__(self, registry: Registry) -> None:
        self.root = registry.root
        self.fp = data_fingerprint(registry)
        secret = _secret() if state.usable(registry.root, "cache") else None
        super().__init__(registry.root / CACHE_DIR, f"data-{self.fp}", secret)

    def save(self) -> None:
        """Write the shards that changed (entries this run did not use are dropped); errors are ignored."""
        if self.secret is None or self._entries is None:
            return
        try:
            if state.ensure(self.root, "cache") != self.folder:
                return
            self.save_shards()
            for old in self.folder.glob("data-*.bin"):
                if not old.name.startswith(f"data-{self.fp}-"):
                    with contextlib.suppress(OSError):
                        old.unlink()
        except (OSError, state.UnsafeState):
            return
