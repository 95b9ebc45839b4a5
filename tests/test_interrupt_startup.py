"""Ctrl-C while kexie is still importing: 已取消, exit 130, no traceback (issue 25).

The child runs the entry point as the console script does (``from kexie_cli.cli import main``) under
an audit hook that stops at one import: it prints ``ready`` and waits on stdin. The test sends SIGINT
only after it has read ``ready``, so the signal lands inside the start-up at a known import, not after
a guessed sleep. Before, the handler went in after ``signal`` and ``threading`` were imported: a
Ctrl-C there was a ``KeyboardInterrupt`` traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests import waiting
from tests.conftest import REPO

CHILD = """
import os, sys
target, seen, done = sys.argv.pop(1), [], []
def hook(event, args):
    if event != "import" or done:
        return
    seen.append(args[0])
    first = target == "first" and "kexie_cli.cli" in seen and not args[0].startswith("kexie_cli")
    if first or args[0] == target:  # "first": the first import kexie_cli.cli makes (atexit, or signal before)
        done.append(args[0])
        os.write(1, ("ready " + args[0] + "\\n").encode())
        os.read(0, 1)  # until the test's SIGINT (or stdin closes)
sys.addaudithook(hook)
sys.argv[0] = "kexie"
from kexie_cli.cli import main
main()
"""


@pytest.mark.signals
@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
@pytest.mark.parametrize(
    ("stop_at", "lang", "said"),
    [("first", "", "已取消"), ("click", "", "已取消"), ("first", "en", "Cancelled")],
)
def test_ctrl_c_while_importing(tmp_path: Path, stop_at: str, lang: str, said: str) -> None:
    env = {**os.environ, "KEXIE_LANG": lang, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, stop_at, "check", "--root", str(REPO)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()  # the child is inside an import of kexie's start-up
    assert line.startswith(b"ready "), line + child.stderr.read()
    child.send_signal(signal.SIGINT)
    _, err = waiting.communicate(child)  # as long as it works; fails only if it blocks
    assert err.decode().strip() == said, err.decode()
    assert child.returncode == 130
