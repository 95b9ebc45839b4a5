"""Time and memory bounds for work driven by untrusted input (registry templates, ``kexie sql``).

- :func:`memory_limit` lowers the process's address-space limit (``RLIMIT_AS``)
  to what it uses now plus a budget for the duration of a block, so a runaway
  allocation fails with ``MemoryError`` (or SQLite's "out of memory") instead
  of exhausting the machine; the old limit is restored afterwards. Where the
  limit cannot be set (not POSIX), the block runs unbounded.
- :func:`time_limit` raises :class:`TimeLimit` in the main thread when a block
  runs past its time (``SIGALRM``); elsewhere it does nothing, and callers
  that can check the clock themselves (SQLite's progress handler) do so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

MB = 1024 * 1024


class TimeLimit(Exception):
    """A bounded block ran past its time."""


def _address_space() -> int | None:
    """Bytes of address space this process uses now (Linux ``/proc``), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:  # noqa: PTH123
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def memory_limit(budget: int) -> Iterator[None]:
    """Allow the block ``budget`` more bytes of address space than the process uses now."""
    try:
        import resource  # noqa: PLC0415 - POSIX only (absent on Windows)
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    used = _address_space()
    if used is None:  # pragma: no cover - no /proc
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield  # already stricter
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - refused by the system
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimit` inside the block once it has run ``seconds`` (main thread only)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
