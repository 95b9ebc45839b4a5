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
from pathlib import Path
from typing import Any

from kexie_cli.records.bulk import gc_paused, pure
from kexie_cli.registry import state
from kexie_cli.registry.load import Registry
from kexie_cli.validate.cache import CACHE_DIR, SHARDS, _secret, _shard, code_fingerprint, read_pack, write_pack

FORMAT = 1

Data = dict[str, Any]


def data_fingerprint(registry: Registry) -> str:
    parts = [
        f"path={'pure' if pure() else 'fast'}",
        f"format={FORMAT}",
        f"code={code_fingerprint()}",
        f"python={sys.version_info[:2]} marshal={marshal.version}",
        f"max_bytes={registry.settings.max_file_bytes}",
    ]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


class DataCache:
    """The data packs of one registry, read whole on first use and written back when they changed."""

    def __init__(self, registry: Registry) -> None:
        self.root = registry.root
        self.folder = registry.root / CACHE_DIR
        self.fp = data_fingerprint(registry)
        self.paths = [self.folder / f"data-{self.fp}-{shard:x}.bin" for shard in range(SHARDS)]
        self.secret = _secret() if state.usable(registry.root, "cache") else None
        self._entries: dict[str, Data] | None = None
        self._loaded = [0] * SHARDS
        self._dirty = [False] * SHARDS
        self.used: set[str] = set()

    @property
    def entries(self) -> dict[str, Data]:
        if self._entries is None:
            entries: dict[str, Data] = {}
            with gc_paused():
                for shard, path in enumerate(self.paths):
                    found = self._read(path)
                    self._loaded[shard] = len(found)
                    entries.update(found)
            self._entries = entries
        return self._entries

    def _read(self, path: Path) -> dict[str, Any]:
        return read_pack(self.secret, path)

    def get(self, key: str) -> Data | None:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, data: Data) -> None:
        self.entries[key] = data
        self.used.add(key)
        self._dirty[_shard(key)] = True

    def save(self) -> None:
        """Write the shards that changed (entries this run did not use are dropped); errors are ignored."""
        if self.secret is None or self._entries is None:
            return
        try:
            if state.ensure(self.root, "cache") != self.folder:
                return
            keep: list[dict[str, Data]] = [{} for _ in range(SHARDS)]
            for key, value in self._entries.items():
                if key in self.used:
                    keep[_shard(key)][key] = value
            for shard, kept in enumerate(keep):
                if self._dirty[shard] or len(kept) != self._loaded[shard]:
                    write_pack(self.secret, self.paths[shard], kept)
                    self._loaded[shard] = len(kept)
                    self._dirty[shard] = False
            for old in self.folder.glob("data-*.bin"):
                if not old.name.startswith(f"data-{self.fp}-"):
                    with contextlib.suppress(OSError):
                        old.unlink()
        except (OSError, state.UnsafeState):
            return
