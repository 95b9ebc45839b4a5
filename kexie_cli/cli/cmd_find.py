"""kexie find."""

from __future__ import annotations

from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "find",
    help="""按文字查找记录：全称、简称、曾用名、负责人、三长、党建联络员、挂靠单位、所在单位。

不区分简繁体（濟寧 可找到 济宁），字母查询还匹配拼音首字母（slxh 找到 水利学会）、全拼和 id。""",
)
@click.argument("text")
@click.option(
    "--order",
    type=click.Choice(["pinyin", "strokes"]),
    default="pinyin",
    help="结果按名称排序的方式：pinyin 拼音（默认）或 strokes 笔画。",
)
@opt.common
@opt.format_option(formats.LISTING)
@opt.output_option
@answered()
def command(
    text: str,
    order: str,
    root: Path | None,
    lang: str | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    from kexie_cli.query.find import find_table

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    loaded = opt.load(registry, language, opt.today(None))
    table = find_table(loaded.records, text, language, order, registry.settings.registry or "", registry.root)
    opt.emit_table(opt.noted(table, len(loaded.unreadable), language), fmt, language, output)
