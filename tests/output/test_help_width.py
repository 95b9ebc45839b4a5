"""``--help`` fits an 80-column terminal although it is Chinese (display width, not len())."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kexie_cli.cli import cli
from kexie_cli.cli.helpfmt import wrap_help
from kexie_cli.reporters.layout import width

COMMANDS = cli.list_commands(None)  # type: ignore[arg-type]


def _help(args: list[str], columns: int) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], env={"COLUMNS": str(columns)}, catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("args", [[], *([c] for c in COMMANDS)], ids=lambda a: " ".join(a) or "kexie")
def test_help_fits_80_columns(args: list[str]) -> None:
    text = _help(args, 80)
    wide = [line for line in text.splitlines() if width(line) > 80]
    assert not wide
    assert "..." not in text.split("命令：")[-1] if not args else True  # the command list wraps, never cuts


def test_every_command_is_listed_with_its_first_sentence() -> None:
    text = _help([], 80)
    for name in COMMANDS:
        assert f"  {name} " in text


def test_wrap_keeps_words_and_joins_chinese_lines_without_space() -> None:
    text = wrap_help("换届提醒：列出任期已届满的学会、基层科协\n和党组织，截至 2026-11-23 的 due-elections。", 20)
    lines = text.splitlines()
    assert all(width(line) <= 20 for line in lines)
    joined = "".join(lines)
    assert "基层科协和党组织" in joined
    assert "2026-11-23" in text and "due-elections。" in text
