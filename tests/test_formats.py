"""Every command takes its --format choices from kexie_cli/cli/formats.py."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kexie_cli.cli import cli, formats
from kexie_cli.reporters.tables import TABLE_FORMATS, TABLE_RENDERERS

CLI = Path(__file__).resolve().parents[1] / "kexie_cli" / "cli"
NAMED = {v for k, v in vars(formats).items() if k.isupper() and isinstance(v, tuple)}


def test_no_command_types_its_own_format_list() -> None:
    for path in sorted(CLI.glob("cmd_*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^FORMATS\s*=", text, re.M), path.name
        assert not re.search(r"format_option\(\s*[\[(]", text), path.name


def test_every_format_option_is_a_named_set() -> None:
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        for param in command.params:
            if isinstance(param, click.Option) and "--format" in param.opts:
                assert isinstance(param.type, click.Choice)
                assert tuple(param.type.choices) in NAMED, (name, param.type.choices)


def test_render_table_dispatches_on_a_dict() -> None:
    assert TABLE_FORMATS == tuple(TABLE_RENDERERS) == ("table", "plain", "json", "csv", "md")
