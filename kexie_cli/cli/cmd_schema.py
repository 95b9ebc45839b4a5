"""kexie schema."""

from __future__ import annotations

from pathlib import Path

import click

from kexie_cli import kinds
from kexie_cli.cli import options as opt

KIND_CHOICES = [*kinds.CODES, "settings", "defs"]


@click.command("schema", help="输出某类记录的 JSON Schema（台账自带 schemas/ 时优先使用台账的版本）。")
@click.argument("kind", type=click.Choice(KIND_CHOICES))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None, help="台账根目录。")
@opt.lang_option
def command(kind: str, root: Path | None, lang: str | None) -> None:
    from kexie_cli.registry.layout import find_root
    from kexie_cli.registry.resources import resource_path

    opt.lang(lang)
    try:
        base: Path | None = find_root(Path.cwd(), root)
    except Exception:  # outside a registry: the shipped schemas
        if root is not None:
            raise
        base = None
    path = resource_path(base, "schemas", f"{kind}.schema.json")
    click.echo(path.read_text(encoding="utf-8").rstrip("\n"))
