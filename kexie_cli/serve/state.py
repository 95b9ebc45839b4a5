"""What one ``kexie serve`` process keeps: the registry, its options, and the loaded registry while no file changes.

Every page asks :meth:`ServeState.snapshot`. It loads the registry through the
same :func:`kexie_cli.query.snapshot.snapshot` the commands use (the check engine
and its cache) and keeps the result until a file under ``records/``,
``kexie.yaml`` or ``schemas/`` changes: a walk of the folders' ``stat`` (no file is
read) tells. Pages computed from the snapshot (the report, the summary) are
kept next to it under the same fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.query.snapshot import Snapshot, snapshot
from kexie_cli.registry.gitio import git
from kexie_cli.registry.layout import RECORDS_DIR, SETTINGS_FILE
from kexie_cli.registry.load import Registry

WATCHED = (RECORDS_DIR, "schemas")


@dataclass(slots=True)
class Options:
    """The options of ``kexie serve`` (docs/serve.md)."""

    root: Path
    lang: str = "zh"
    as_of: dt.date | None = None  # None: the server's today, day by day
    read_only: bool = False
    token: str | None = None  # required on every request when set (a non-loopback --host)
    author: str | None = None  # commit author "Name <email>" given on the command line
    max_upload: int = 5 * 1024 * 1024


@dataclass(slots=True)
class _Memo:
    key: tuple[Any, ...] = ()
    snap: Snapshot | None = None
    derived: dict[str, Any] = field(default_factory=dict)


class ServeState:
    """The registry served, with the snapshot of its files (kept while nothing changes)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.lock = threading.RLock()  # one request at a time reads or writes the registry
        self._memo = _Memo()
        self._registry: Registry | None = None
        self._registry_key: tuple[Any, ...] = ()
        self.in_git = _in_git(options.root)

    @property
    def today(self) -> dt.date:
        return self.options.as_of or dt.date.today()

    @property
    def lang(self) -> str:
        return self.options.lang

    def registry(self) -> Registry:
        """The registry, opened again when kexie.yaml or the schemas changed."""
        key = (_stat(self.options.root / SETTINGS_FILE), _tree_stat(self.options.root / "schemas"))
        if self._registry is None or key != self._registry_key:
            self._registry = Registry.open(self.options.root, self.options.root)
            self._registry_key = key
        return self._registry

    def fingerprint(self) -> tuple[Any, ...]:
        root = self.options.root
        return (self.today, _stat(root / SETTINGS_FILE), *(_tree_stat(root / folder) for folder in WATCHED))

    def snapshot(self) -> Snapshot:
        key = self.fingerprint()
        memo = self._memo
        if memo.snap is None or memo.key != key:
            snap = snapshot(self.registry(), self.today, self.lang)
            self._memo = memo = _Memo(key, snap)
        assert memo.snap is not None
        return memo.snap

    def derived(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()`` kept with the current snapshot (computed again after any file changes)."""
        self.snapshot()
        memo = self._memo
        if name not in memo.derived:
            memo.derived[name] = build()
        return memo.derived[name]

    def forget(self) -> None:
        """Drop the snapshot (after a save: the next page loads the registry again)."""
        self._memo = _Memo()


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _tree_stat(folder: Path) -> str:
    """A digest of every file's name, size, mtime and inode under ``folder`` (hidden names left out)."""
    digest = hashlib.blake2b(digest_size=16)
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                st = entry.stat()
            except OSError:
                continue
            digest.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


def _in_git(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except KexieError:  # no git, or not a repository: either way no history is kept
        return False
