"""docs/ generated from the rule registry and --help must be current."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kexie_cli.cli import cli
from kexie_cli.query import _strokes
from scripts import strokes_gen
from scripts.docgen import generated


def test_generated_docs_are_current() -> None:
    stale = [p.name for p, text in generated().items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `make docs`: stale {stale}"


def test_every_command_has_help() -> None:

    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and command.help, f"kexie {name} has no help"


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
