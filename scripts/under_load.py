"""Run a command beside N busy loops: proof that no test's verdict depends on machine speed.

    python -m scripts.under_load --loops 4 -- make test

Each busy loop is a Python process spinning on the CPU. The loops are always stopped when the command
ends, fails or is interrupted (Ctrl-C, SIGTERM), and each one also stops by itself after ``--limit``
seconds, so none outlives a run that was killed outright. The exit status is the command's.
Only the standard library is used (docs/testing.md, "Machine speed").
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from types import FrameType

# a loop that ends by itself after argv[1] seconds, whatever happens to its parent
SPIN = "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end: pass\n"


@contextlib.contextmanager
def busy_loops(count: int, limit: float) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``count`` busy loops for the duration of the block (at most ``limit`` seconds each)."""
    loops: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(count):
            loops.append(subprocess.Popen([sys.executable, "-c", SPIN, str(limit)], stdin=subprocess.DEVNULL))
        yield loops
    finally:
        for loop in loops:
            with contextlib.suppress(OSError):
                loop.kill()
        for loop in loops:
            loop.wait()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C, through the finally that stops the loops


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--loops", type=int, default=4, help="busy loops to start (default 4)")
    parser.add_argument("--limit", type=float, default=1800, help="seconds after which a loop stops by itself")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run (after --)")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command or args.loops < 0:
        parser.error("give a command after --, and a number of loops >= 0")
    signal.signal(signal.SIGTERM, _terminate)
    started = time.monotonic()
    status = 1
    try:
        with busy_loops(args.loops, args.limit) as loops:
            print(f"under_load: {len(loops)} busy loops on {os.cpu_count()} cores: {' '.join(command)}", flush=True)
            status = subprocess.call(command)
    except KeyboardInterrupt:
        status = 130
    took = time.monotonic() - started
    print(f"under_load: exit {status} after {took:.0f} s with {args.loops} busy loops (all stopped)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
