"""Crash-safe writes and a registry-wide edit lock.

``atomic_write`` writes a temporary file next to the target, fsyncs it,
renames it over the target (atomic on POSIX and on Windows for files on one
volume) and fsyncs the folder, so a reader or a crash sees the old file or
the new one, never a torn mix.

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
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".kexie/lock"  # relative to the registry root
STALE_SECONDS = 600.0


class LockTimeout(TimeoutError):
    """Another kexie process held the registry lock for too long."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temp file + fsync + rename)."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            tmp.chmod(_mode_of(path))
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def registry_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the registry's edit lock for the duration of the block (raises UnsafeState for an unsafe .kexie/)."""
    from kexie_cli.registry.state import ensure

    path = ensure(root) / "lock"
    try:
        import fcntl
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
