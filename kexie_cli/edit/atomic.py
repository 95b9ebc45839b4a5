"""The registry-wide edit lock.

Edits are written with :func:`kexie_cli.outfile.replace_atomically`: a temporary
file next to the target, fsynced, renamed over it (atomic on POSIX and on Windows
for files on one volume) and the folder fsynced, so a reader or a crash sees the
old file or the new one, never a torn mix.

``registry_lock`` serialises edits of one registry: an exclusive
``fcntl.flock`` on ``<root>/.kexie/lock`` (kexie's ignored working folder,
see :mod:`kexie_cli.registry.state`; a ``.kexie`` that is a link or not the
user's is refused) where available (released by the
kernel when the process dies, so a killed writer never leaves a stale lock);
elsewhere the lock file is created with ``O_CREAT | O_EXCL`` and a lock older
than ``STALE_SECONDS`` is taken over.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from kexie_cli.registry.state import ensure

LOCK_FILE = ".kexie/lock"  # relative to the registry root
STALE_SECONDS = 600.0


class LockTimeout(TimeoutError):
    """Another kexie process held the registry lock for too long."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


@contextlib.contextmanager
def registry_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the registry's edit lock for the duration of the block (raises UnsafeState for an unsafe .kexie/)."""

    path = ensure(root) / "lock"
    try:
        import fcntl  # noqa: PLC0415 - POSIX only (absent on Windows)
    except ImportError:  # pragma: no cover - not POSIX
        with _exclusive_file(path, timeout):
            yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(path) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive_file(path: Path, timeout: float) -> Iterator[None]:  # pragma: no cover - not POSIX
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            break
        except FileExistsError:
            with contextlib.suppress(OSError):
                if time.time() - path.stat().st_mtime > STALE_SECONDS:
                    path.unlink()
                    continue
            if time.monotonic() > deadline:
                raise LockTimeout(path) from None
            time.sleep(0.05)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
