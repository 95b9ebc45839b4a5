"""kexie rules."""

from __future__ import annotations

import sys

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt


@click.command("rules", help="列出全部规则；给出代码（如 K402）则详细解释，并附不通过与通过的示例。")
@click.argument("code", required=False)
@opt.lang_option
@opt.format_option(formats.TABLE)
def command(code: str | None, lang: str | None, fmt: str | None) -> None:
    from kexie_cli.errors import KexieError
    from kexie_cli.reporters.tables import render_table
    from kexie_cli.rules.explain import explain, rules_table

    language = opt.lang(lang)
    if code is None:
        render_table(rules_table(language), opt.pick_format(fmt), language, sys.stdout, opt.use_color())
        return
    text = explain(code.upper(), language)
    if text is None:
        raise KexieError("rules.unknown", code=code)
    click.echo(text)
