"""Waiting without a clock: tests wait for events, and fail on a hang only when nothing makes progress.

No test's verdict may depend on how fast the machine is (docs/testing.md, "Machine speed"). So a test
never says "this must finish within N seconds of wall time". Instead:

- it waits for an event (a byte on a pipe, a line the child prints) before it acts;
- where a bound is the point (a query stops at its timeout, Ctrl-C cancels at once), it bounds CPU
  time, which a busy machine does not inflate: :func:`cpu_seconds`, :func:`process_cpu_seconds`;
- where a child might hang, it waits for as long as the child keeps working and fails only once the
  child (and everything it started) has used no CPU at all for ``STALL`` seconds: a blocked child,
  not a slow one (:func:`communicate`, :func:`run`, :func:`no_stall`).

This module imports nothing from kexie (``tests/smoke_installed.py`` uses it beside an installed wheel).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

STALL = 120.0  # seconds of wall time without any CPU used: the child is blocked, not slow
STEP = 2.0  # how often the watch looks
_PROC = Path("/proc")
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class Blocked(AssertionError):
    """A process made no progress at all (no CPU used) for ``STALL`` seconds."""


def cpu_seconds() -> float:
    """CPU time of this process (all threads), the measure of in-process bounds."""
    return time.process_time()


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, CPU ticks) of a live process from /proc, or None."""
    try:
        text = (_PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": state ppid ... utime stime (14, 15)
    return int(fields[1]), int(fields[11]) + int(fields[12])


def process_cpu_seconds(pid: int) -> float:
    """CPU time used so far by the live process ``pid`` (Linux /proc)."""
    stat = _stat(pid)
    if stat is None:
        raise ProcessLookupError(pid)
    return stat[1] / _TICK


def has_proc() -> bool:
    """Whether /proc tells the CPU time of other processes (Linux)."""
    return (_PROC / "self" / "stat").is_file()


def _family(root: int) -> tuple[tuple[int, int], ...]:
    """(pid, CPU ticks) of ``root`` and all its live descendants; empty without /proc."""
    if not has_proc():
        return ()
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents[int(entry.name)], ticks[int(entry.name)] = stat
    family = {root}
    grown = True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grown = True
    return tuple(sorted((pid, ticks[pid]) for pid in family if pid in ticks))


class Watch:
    """Progress of a child process and its descendants: any change of their CPU ticks (or of who they are)."""

    def __init__(self, pid: int, stall: float = STALL) -> None:
        self.pid = pid
        self.stall = stall
        self.last = _family(pid)
        self.since = time.monotonic()

    def check(self) -> None:
        """Kill the process and its descendants and raise :class:`Blocked` when nothing changed for ``stall`` s.

        Never raises without /proc (the test then waits as long as the child lives).
        """
        now = time.monotonic()
        seen = _family(self.pid)
        if seen != self.last or not seen:
            self.last, self.since = seen, now
        elif now - self.since > self.stall:
            for member, _ in seen:
                with contextlib.suppress(OSError):
                    os.kill(member, signal.SIGKILL)
            raise Blocked(f"process {self.pid} used no CPU for {self.stall:g} s: it is blocked")


def communicate(proc: subprocess.Popen[Any], data: Any = None, stall: float = STALL) -> tuple[Any, Any]:
    """``proc.communicate(data)`` for as long as the child works; kill it and raise :class:`Blocked` if it hangs."""
    watch = Watch(proc.pid, stall)
    first = True
    while True:
        try:
            return proc.communicate(data if first else None, timeout=STEP)
        except subprocess.TimeoutExpired:
            first = False
            try:
                watch.check()
            except Blocked:
                proc.communicate()  # reap the killed child
                raise


def wait(proc: subprocess.Popen[Any], stall: float = STALL) -> int:
    """``proc.wait()`` for as long as the child works (its pipes are not read: see :func:`communicate`)."""
    watch = Watch(proc.pid, stall)
    while True:
        try:
            return proc.wait(timeout=STEP)
        except subprocess.TimeoutExpired:
            try:
                watch.check()
            except Blocked:
                proc.wait()  # reap the killed child
                raise


def run(
    args: Sequence[str] | str, *, data: Any = None, stall: float = STALL, **popen: Any
) -> subprocess.CompletedProcess[Any]:
    """``subprocess.run(args, input=data, capture_output=True)`` without a wall-clock timeout (:func:`communicate`)."""
    stdin = subprocess.PIPE if data is not None else popen.pop("stdin", None)
    with subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen) as proc:
        out, err = communicate(proc, data, stall)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def fetch(url: str, server: subprocess.Popen[Any], stall: float = STALL) -> tuple[int, str, bytes]:
    """(status, content type, body) of ``GET url`` from the local ``server``, however long it takes.

    The request has no timeout of its own: it runs in a thread while :class:`Watch` looks at the
    server, which is killed (ending the request) only when it used no CPU for ``stall`` seconds.
    """
    answer: list[tuple[int, str, bytes]] = []
    failure: list[BaseException] = []

    def get() -> None:
        try:
            with urllib.request.urlopen(url) as response:
                answer.append((response.status, response.headers.get_content_type(), response.read()))
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=get, daemon=True)
    thread.start()
    watch = Watch(server.pid, stall)
    while True:
        thread.join(STEP)
        if not thread.is_alive():
            break
        watch.check()  # kills a blocked server: the request then fails at once
    if failure:
        raise failure[0]
    return answer[0]


@contextlib.contextmanager
def no_stall(stall: float = STALL, least: float = 0.05) -> Iterator[None]:
    """Raise :class:`Blocked` in the block when this process uses under ``least`` s of CPU in ``stall`` s.

    For calls that might block in this process (opening a FIFO, say): a slow call always uses CPU,
    a blocked one does not. Main thread only (SIGALRM).
    """
    window = [time.process_time(), time.monotonic()]

    def tick(signum: int, frame: FrameType | None) -> None:
        cpu, now = time.process_time(), time.monotonic()
        if cpu - window[0] >= least:
            window[:] = [cpu, now]
        elif now - window[1] > stall:
            raise Blocked(f"no CPU used for {stall:g} s: the call is blocked")

    previous = signal.signal(signal.SIGALRM, tick)
    signal.setitimer(signal.ITIMER_REAL, STEP, STEP)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
