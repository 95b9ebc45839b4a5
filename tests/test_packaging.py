"""The wheel ships every package, and every command has a smoke case.

The full proof is ``make smoke`` (run by ``.ci/run``): it installs the built
wheel into a fresh venv and runs each command. These tests catch the usual
causes early, inside ``make test``.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages

from kexie_cli.cli import cli
from tests.smoke_installed import cases

REPO = Path(__file__).resolve().parent.parent


def test_every_code_folder_is_a_package() -> None:
    shipped = set(find_packages(str(REPO), include=["kexie_cli", "kexie_cli.*"]))
    folders = {
        ".".join(path.parent.relative_to(REPO).parts)
        for path in (REPO / "kexie_cli").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert folders - shipped == set(), "folders with Python code but no __init__.py are left out of the wheel"


def test_every_command_has_a_smoke_case() -> None:
    commands = set(cli.list_commands(None))  # type: ignore[arg-type]
    covered = {case.command for case in cases()}
    assert commands - covered == set()
    assert covered - commands == set()


def test_developer_tools_stay_out_of_the_package() -> None:
    """A module run as a script (a generator, a checker) is a developer tool: it belongs in scripts/, not the wheel."""
    tools = [
        str(path.relative_to(REPO))
        for path in (REPO / "kexie_cli").rglob("*.py")
        if path.name != "__main__.py" and 'if __name__ == "__main__"' in path.read_text(encoding="utf-8")
    ]
    assert tools == []
