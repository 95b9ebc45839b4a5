"""Generate docs/rules.md and docs/commands.md; ``check`` fails when they are stale.

Run as ``python -m scripts.docgen write|check`` (``make docs`` / ``make docs-check``). A developer tool:
it is not part of the wheel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kexie_cli.cli import cli, clicktext
from kexie_cli.cli.helpfmt import KexieContext
from kexie_cli.rules.explain import rules_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


def commands_markdown() -> str:
    """Every command's ``--help`` (Chinese), as Markdown."""

    clicktext.use("zh")  # click's own words as a user sees them
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    ctx = KexieContext(cli, info_name="kexie", **settings)
    out = [
        "# 命令参考 / Command reference",
        "",
        "本文件由 `make docs` 根据各命令的 `--help` 自动生成，请勿手工编辑。",
        "",
        "```text",
        cli.get_help(ctx),
        "```",
        "",
    ]
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        sub = KexieContext(command, info_name=name, parent=ctx)
        out += [f"## kexie {name}", "", "```text", command.get_help(sub), "```", ""]
        if isinstance(command, click.Group):  # a command group (kexie annual): each subcommand's help
            for part in command.list_commands(sub):
                child = command.get_command(sub, part)
                assert child is not None
                inner = KexieContext(child, info_name=part, parent=sub)
                out += [f"### kexie {name} {part}", "", "```text", child.get_help(inner), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def generated() -> dict[Path, str]:
    return {DOCS / "rules.md": rules_markdown("zh"), DOCS / "commands.md": commands_markdown()}


def main(argv: list[str]) -> int:
    mode = argv[1] if len(argv) > 1 else "check"
    stale = []
    for path, text in generated().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            if mode == "write":
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            else:
                stale.append(path.name)
    if stale:
        print(f"docs out of date: {', '.join(stale)} — run `make docs`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
