"""docs/ generated from the rule registry and --help must be current."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from kexie_cli.cli import cli
from kexie_cli.query import _strokes
from scripts import strokes_gen
from tests import waiting
from tests.conftest import REPO


def test_generated_docs_are_current() -> None:
    """In a fresh interpreter, as `make docs-check` runs it: no state left by other tests in this worker
    (click's translations, the session's language) can change the help text."""
    done = waiting.run([sys.executable, "-m", "scripts.docgen", "check"], cwd=REPO, text=True)
    assert done.returncode == 0, f"run `make docs`: {done.stderr}"


def test_every_command_has_help() -> None:

    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and command.help, f"kexie {name} has no help"
        if isinstance(command, click.Group):
            for part in command.list_commands(ctx):
                child = command.get_command(ctx, part)
                assert child is not None and child.help, f"kexie {name} {part} has no help"


def test_the_stroke_table_is_what_its_generator_writes() -> None:
    counts = {
        first + i: ord(char) - _strokes.OFFSET
        for first, text in _strokes.BLOCKS.items()
        for i, char in enumerate(text)
        if char != chr(_strokes.OFFSET)
    }
    assert strokes_gen.module_text(counts) == strokes_gen.TARGET.read_text(encoding="utf-8")


def test_references_point_into_the_repository() -> None:
    """Users' registries have no copy of the product SPEC: code and docs cite docs/, schemas/ or README.md."""
    repo = Path(__file__).resolve().parent.parent
    texts = [*(repo / "kexie_cli").rglob("*.py"), *(repo / "docs").glob("*.md"), repo / "README.md"]
    texts += [*(repo / "schemas").glob("*.json"), *(repo / "kexie_cli" / "_data").rglob("*.json")]
    cited = [str(p.relative_to(repo)) for p in texts if re.search(r"\bSPEC\b", p.read_text(encoding="utf-8"))]
    assert cited == []
