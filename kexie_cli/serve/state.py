"""What one ``kexie serve`` process keeps: the registry, its options, and the loaded registry while no file changes.

Every page asks :meth:`ServeState.snapshot`. It loads the registry through the
same :func:`kexie_cli.query.snapshot.checked_snapshot` `kexie show` uses (the check engine
and its cache) and keeps the result until the registry changes. Pages computed
from the snapshot (a list with its filters, the report, the summary) are kept
next to it (:meth:`ServeState.derived`) and dropped with it.

How a change is seen, cheaply enough for 10,000 files:

- every request stats ``kexie.yaml`` and the folders of ``records/`` and ``schemas/``: a
  file added, removed or replaced by a rename (kexie's own edits, ``git pull``, most
  editors) changes its folder;
- a file rewritten in place changes no folder: a walk over every file's size and
  mtime finds it. The walk runs in the background, at most every
  :data:`RESCAN_SECONDS` and only while pages are being asked for, so an idle server
  uses no CPU and no page waits for it.

On Linux the server holds an inotify watch over the registry (:mod:`kexie_cli.registry.monitor`, as
``kexie monitor``): then the watch's token is the fingerprint, a file rewritten in place is seen by
the next page at once, and no walk runs. The walk above is what is left where no watch can be kept
(another system, a network file system).

A save through the pages drops the snapshot at once (:meth:`ServeState.forget`);
the stale-form check compares the file itself, never the snapshot.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.query.snapshot import Snapshot, checked_snapshot
from kexie_cli.registry.gitio import git
from kexie_cli.registry.layout import RECORDS_DIR, SETTINGS_FILE
from kexie_cli.registry.load import Registry
from kexie_cli.registry.monitor import Watch

WATCHED = (RECORDS_DIR, "schemas")
MAX_DERIVED = 200  # pages kept per snapshot (lists with their filters, the report ...)
RESCAN_SECONDS = 3.0  # the longest a file rewritten in place (no rename) goes unnoticed while pages are asked for


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
    derived: dict[Hashable, Any] = field(default_factory=dict)


class ServeState:
    """The registry served, with the snapshot of its files (kept while nothing changes)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.lock = threading.RLock()  # one request at a time reads or writes the registry
        self._memo = _Memo()
        self._registry: Registry | None = None
        self._registry_key: tuple[Any, ...] = ()
        self.in_git = _in_git(options.root)
        self._files = ""  # the last walk's digest of every file (see the module docstring)
        self._epoch = 0  # bumped when a walk finds files changed in place
        self._walked = 0.0
        self._walking = False
        self.watch: Watch | None = None  # set by serve(): then its token tells every change

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
        """Cheap: the watch's token; without a watch kexie.yaml and the folders (not every file) and the
        in-place walk's epoch."""
        token = self.watch.token() if self.watch is not None else None
        if token is not None:
            return ("watch", self.today, token)
        root = self.options.root
        folders = tuple(_folder_stats(root / folder) for folder in WATCHED)
        return ("walk", self.today, _stat(root / SETTINGS_FILE), folders, self._epoch)

    def snapshot(self) -> Snapshot:
        key = self.fingerprint()
        memo = self._memo
        if memo.snap is None or memo.key != key:
            if not self._files and key[0] == "walk":
                self._files = _files_digest(self.options.root)
                self._walked = time.monotonic()
            snap = checked_snapshot(self.registry(), self.today, self.lang)
            self._memo = memo = _Memo(key, snap)
        elif key[0] == "walk" and time.monotonic() - self._walked > RESCAN_SECONDS and not self._walking:
            self._walking = True
            threading.Thread(target=self.rescan, daemon=True).start()
        assert memo.snap is not None
        return memo.snap

    def rescan(self) -> bool:
        """Walk every file (size, mtime); a difference from the last walk makes the next page load again."""
        try:
            digest = _files_digest(self.options.root)
            changed = digest != self._files
            if changed:
                self._files = digest
                self._epoch += 1
            return changed
        finally:
            self._walked = time.monotonic()
            self._walking = False

    def derived(self, name: Hashable, build: Callable[[], Any]) -> Any:
        """``build()`` kept with the current snapshot (computed again after any file changes)."""
        self.snapshot()
        memo = self._memo
        if name not in memo.derived:
            if len(memo.derived) >= MAX_DERIVED:  # many different filters: start again rather than grow
                memo.derived.clear()
            memo.derived[name] = build()
        return memo.derived[name]

    def forget(self) -> None:
        """Drop the snapshot (after a save: the next page loads the registry again)."""
        self._memo = _Memo()


def current_state() -> ServeState:
    """The state of the application handling the current request."""
    from flask import current_app  # noqa: PLC0415 - Flask only where a request is being handled

    found: ServeState = current_app.extensions["kexie"]
    return found


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _folder_stats(folder: Path) -> tuple[Any, ...]:
    """The folder and its sub-folders (one level: ``records/<kind>/``), by mtime and inode."""
    out: list[Any] = [_stat(folder)]
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return tuple(out)
    out += [(e.name, _stat(Path(e.path))) for e in entries if e.is_dir(follow_symlinks=False)]
    return tuple(out)


def _files_digest(root: Path) -> str:
    return "".join(_tree_stat(root / folder) for folder in WATCHED)


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
