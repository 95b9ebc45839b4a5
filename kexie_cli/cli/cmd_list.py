"""kexie list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "list",
    help="""列出一类记录：KIND 为 societies、branches、party-cells 或 leaders（现任负责人）。

--where 按字段筛选（可重复，条件同时满足），字段用点号路径，含派生字段：
  level=municipal   discipline=医科   stars.latest>=4   term.ends<2027-01-01   name~水利
  level=municipal|district（或）  liaison.name=（为空）  covered=false
比较符：= != > >= < <= ~（包含）!~（不包含）。--sort 字段（前加 - 为降序），--columns 逗号分隔。
--fields 列出 KIND 的全部可用字段及中文名称。""",
)
@click.argument("kind")
@click.option("--where", "-w", "where", multiple=True, help="筛选条件 FIELD OP VALUE，可重复。")
@click.option("--sort", "-s", "sort", multiple=True, help="排序字段（逗号分隔或重复），前加 - 为降序；默认按名称。")
@click.option("--columns", "-c", "columns", multiple=True, help="输出列（逗号分隔的字段）。")
@click.option(
    "--order",
    type=click.Choice(["pinyin", "strokes"]),
    default="pinyin",
    help="文字排序方式：pinyin 拼音（默认），strokes 笔画（人名按姓氏笔画）。",
)
@click.option("--fields", "show_fields", is_flag=True, help="列出可用字段后退出。")
@click.option("--at", "at", default=None, metavar="REV", help="按 Git 版本 REV 时的台账查询（不改动工作区）。")
@opt.common
@opt.as_of_option
@opt.format_option(formats.LISTING)
@opt.output_option
@answered(unless=("at",))
def command(
    kind: str,
    where: tuple[str, ...],
    sort: tuple[str, ...],
    columns: tuple[str, ...],
    order: str,
    show_fields: bool,
    at: str | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    from kexie_cli.query.listing import ListRequest, field_table, list_records
    from kexie_cli.query.snapshot import snapshot

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    snap = snapshot(registry, opt.today(as_of), language, at)
    skipped = opt.warn_unreadable(snap.records, language)
    if show_fields:
        opt.emit_table(field_table(kind, snap.qctx), fmt, language, output)
        return
    request = ListRequest(kind, where, sort, columns or None, order)
    table = opt.noted(list_records(snap.records, snap.qctx, request), skipped, language)
    opt.emit_table(table, fmt, language, output)
