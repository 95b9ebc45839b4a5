"""The progress bar of ``kexie check`` goes to stderr, only when stderr is a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import AS_OF, REPO
from tests.output.ptyrun import run_kexie

NO_DELAY = (
    "import sys; from kexie_cli.cli import cmd_check, main; cmd_check._Progress.DELAY = 0; "
    "sys.argv[0] = 'kexie'; main()"
)


def test_progress_bar_on_the_terminal_and_only_csv_in_the_file(tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    run = run_kexie(
        ["check", "--as-of", AS_OF, "--format", "csv", "--no-cache"], 100, cwd=REPO, stdout_file=out, prelude=NO_DELAY
    )
    assert run.returncode in (0, 1)
    assert "检查" in run.terminal  # the bar was drawn on stderr (the terminal) ...
    text = run.stdout.decode("utf-8")
    assert text.startswith("code,severity,file,line,column,id,message\n")  # ... and not into stdout
    assert "检查" not in text
    assert "\x1b" not in text


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:

    done = subprocess.run(
        [sys.executable, "-c", NO_DELAY, "check", "--as-of", AS_OF, "--format", "json", "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("[")
    assert "\x1b" not in done.stderr
    assert "检查 /" not in done.stderr
