"""The check's worker processes die with the pool, whatever SIGTERM handler the forking process has.

``multiprocessing.Pool`` ends its workers with SIGTERM. A worker forked from a process with a SIGTERM
handler of its own (kexie run inside another program; the test runner) inherited it and could outlive
the signal while waiting on the task queue's lock; the pool's clean-up then joined it for ever (a check
that never ended, seen once in ``make test``). The pool's initializer restores the default action.
"""

from __future__ import annotations

import multiprocessing
import signal
from typing import Any

from kexie_cli.validate import pipeline


def _dispositions() -> tuple[Any, Any]:
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)


def test_a_worker_takes_the_default_sigterm_action_and_leaves_ctrl_c_to_the_parent() -> None:
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)  # the host's handler
    try:
        with multiprocessing.get_context("fork").Pool(1, initializer=pipeline._ignore_interrupts) as pool:
            term, interrupt = pool.apply(_dispositions)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert term == signal.SIG_DFL
    assert interrupt == signal.SIG_IGN
