"""Run kexie in a child process under a pseudo-terminal of a given width."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

from tests.waiting import STEP, Blocked, Watch, wait

ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][A-Z0-9])")
# The progress bar of `check` shows after a second of wall time: never, here, so that what a screen shows
# does not depend on how busy the machine is (tests/output/test_progress.py shows it at once instead).
NO_BAR = "from kexie_cli.cli import cmd_check; cmd_check._Progress.DELAY = float('inf'); "
PRELUDE = NO_BAR + "import sys; from kexie_cli.cli import main; sys.argv[0] = 'kexie'; main()"


@dataclass
class PtyRun:
    terminal: str  # everything written to the terminal (ANSI sequences removed)
    raw: str  # the same with the sequences
    stdout: bytes  # what went to stdout when it was redirected to a file (else b"")
    returncode: int


def run_kexie(
    args: list[str],
    columns: int,
    *,
    cwd: Path,
    stdout_file: Path | None = None,
    env: dict[str, str] | None = None,
    prelude: str = PRELUDE,
) -> PtyRun:
    """``kexie ARGS`` with stdin/stderr (and stdout unless ``stdout_file``) on a pty ``columns`` wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "KEXIE_LANG")}
    full_env.update({"COLUMNS": str(columns), "LINES": "50", "TERM": "xterm-256color", **(env or {})})
    out_handle = stdout_file.open("wb") if stdout_file is not None else None
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", prelude, *args],
            stdin=slave,
            stdout=out_handle if out_handle is not None else slave,
            stderr=slave,
            cwd=cwd,
            env=full_env,
            close_fds=True,
        )
        os.close(slave)
        chunks = []
        watch = Watch(proc.pid)
        while True:  # until the child closes the terminal; a child that stops using CPU fails (blocked)
            ready, _, _ = select.select([master], [], [], STEP)
            if not ready:
                try:
                    watch.check()
                except Blocked:
                    proc.wait()  # reap the killed child
                    raise
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        returncode = wait(proc)
    finally:
        os.close(master)
        if out_handle is not None:
            out_handle.close()
    raw = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    stdout = stdout_file.read_bytes() if stdout_file is not None else b""
    return PtyRun(ANSI.sub("", raw), raw, stdout, returncode)


SEPARATOR = "=====8<=====kexie=====8<====="
MANY = f"""
{NO_BAR}
import json, sys
from kexie_cli.cli import cli
for args in json.loads(sys.argv[1]):
    try:
        cli.main(args, prog_name="kexie", standalone_mode=False)
    except SystemExit:
        pass
    sys.stdout.flush()
    print({SEPARATOR!r}, flush=True)
"""


def run_many(commands: list[list[str]], columns: int, *, cwd: Path) -> list[str]:
    """Several ``kexie`` commands in one process on one pty: each one's terminal text, ANSI removed."""

    run = run_kexie([json.dumps(commands)], columns, cwd=cwd, prelude=MANY)
    parts = run.terminal.split(SEPARATOR + "\n")
    assert len(parts) == len(commands) + 1, run.terminal[-2000:]
    return parts[:-1]
