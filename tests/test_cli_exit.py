"""The ``kexie`` entry point ends the process at once (``cli.leave``), losing nothing.

Run as users run it, in a subprocess: complete output through a pipe, the
documented exit codes, exit handlers still run, and a reader that goes away
(``| head``) gives no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import waiting
from tests.conftest import REPO, copy_sample, run_cli

AS_OF = "2026-11-23"
pytestmark = pytest.mark.signals  # SIGPIPE from a reader that goes away, closed streams
ENTRY = "import sys; from kexie_cli.cli import main; sys.argv[0] = 'kexie'; main()"


def _kexie(*args: str, code: str = ENTRY, cwd: Path = REPO) -> subprocess.CompletedProcess[bytes]:
    return waiting.run([sys.executable, "-c", code, *args], cwd=cwd)


def test_output_is_complete_and_exit_codes_kept(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    for broken in (False, True):
        if broken:
            (root / "records" / "societies" / "zz-broken.yaml").write_text("id: [\n", encoding="utf-8")
        done = _kexie("check", "--as-of", AS_OF, "--format", "json", "--no-cache", cwd=root)
        in_process = run_cli(["check", "--as-of", AS_OF, "--format", "json", "--no-cache"], root)
        assert done.returncode == in_process.exit_code == (1 if broken else 0)
        assert json.loads(done.stdout) == in_process.json()
    assert _kexie("--version").returncode == 0
    usage = _kexie("check", "--as-of", "not-a-date")
    assert usage.returncode == 2 and usage.stderr


def test_exit_handlers_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    code = f"import atexit, pathlib; atexit.register(pathlib.Path({str(marker)!r}).touch); {ENTRY}"
    assert _kexie("--version", code=code).returncode == 0
    assert marker.exists()


def test_a_reader_that_goes_away_gives_no_traceback() -> None:
    shell = f'{sys.executable} -c "{ENTRY}" list societies --as-of {AS_OF} --format csv | head -c 10'
    done = waiting.run(shell, shell=True, cwd=REPO)
    assert len(done.stdout) == 10
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_closed_streams_keep_the_exit_code() -> None:
    for redirect, args, expected in (
        (">&-", "--version", 0),
        (">&- 2>&-", f"check --as-of {AS_OF}", 0),
        ("2>&-", "check --as-of not-a-date", 2),
    ):
        shell = f'{sys.executable} -c "{ENTRY}" {args} {redirect}'
        done = waiting.run(shell, shell=True, cwd=REPO)
        assert done.returncode == expected, (redirect, args, done.stderr)
        assert b"Traceback" not in done.stderr
