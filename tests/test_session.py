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


def test_the_language_of_one_command_is_not_the_next_ones() -> None:
    """``kexie --lang en`` once, then a command with no --lang: its errors are in Chinese again."""
    english = run_cli(["--lang", "en", "due-elections", "--as-of", "1800-01-01"], REPO)
    assert english.exit_code == 2 and "is out of range" in english.stderr
    chinese = run_cli(["due-elections", "--as-of", "1800-01-01"], REPO)
    assert chinese.exit_code == 2
    assert "超出可用范围" in chinese.stderr, chinese.stderr


def test_the_xlsx_title_row_names_this_commands_registry_and_day(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    run = run_cli(["list", "societies", "--as-of", AS_OF, "--format", "xlsx", "-o", str(out)], REPO)
    assert run.exit_code == 0, run.stderr
    title = str(openpyxl.load_workbook(out).worksheets[0]["A1"].value)
    assert AS_OF in title
