"""One session per command (cli/session.py): language, day and registry are passed down, never module globals."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from kexie_cli.cli import options
from kexie_cli.cli.session import Session, session
from tests.conftest import AS_OF, REPO, run_cli


def test_the_command_line_keeps_no_module_globals() -> None:
    mutable = [name for name in vars(options) if name.isupper() and name.startswith(("CURRENT", "GROUP"))]
    assert mutable == []


def test_outside_a_command_the_session_is_a_fresh_one() -> None:
    first, second = session(), session()
    assert first is not second and first == Session()


def test_an_option_error_is_in_the_sessions_language() -> None:
    """The DATE type reads the language from the command's session (no --lang: Chinese).

    (An in-process run with ``--lang en`` is left out on purpose: click caches its help option in the
    language of the first run, which would make ``tests/test_docs.py`` depend on the order of tests.)
    """
    chinese = run_cli(["due-elections", "--as-of", "1800-01-01"], REPO)
    assert chinese.exit_code == 2
    assert "超出可用范围" in chinese.stderr, chinese.stderr


def test_the_xlsx_title_row_names_this_commands_registry_and_day(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    run = run_cli(["list", "societies", "--as-of", AS_OF, "--format", "xlsx", "-o", str(out)], REPO)
    assert run.exit_code == 0, run.stderr
    title = str(openpyxl.load_workbook(out).worksheets[0]["A1"].value)
    assert AS_OF in title
