"""kexie export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "export",
    help="""导出整个台账：xlsx（每类记录一张工作表，另有负责人、年检、星级、党组织覆盖、届次表）、
csv（--output 为文件夹，每表一个 UTF-8 BOM 文件，Excel 可直接打开）、json（结构见 docs/queries.md）
或 sqlite（即 kexie sql 所用数据库）。表头为中文，代码显示为中文标签（json、sqlite 保留英文代码）。""",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats.EXPORT),
    required=True,
    help="导出格式。",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    required=True,
    help="输出文件（csv 为输出文件夹）。",
)
@click.option("--at", "at", default=None, metavar="REV", help="导出 Git 版本 REV 时的台账（不改动工作区）。")
@opt.common
@opt.as_of_option
@answered(unless=("at",))
def command(fmt: str, output: Path, at: str | None, root: Path | None, lang: str | None, as_of: dt.date | None) -> None:
    from kexie_cli.i18n import tr
    from kexie_cli.query import dataset
    from kexie_cli.query.snapshot import snapshot
    from kexie_cli.reporters.export import export, export_meta

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    today = opt.today(as_of)
    snap = snapshot(registry, today, language, at)
    opt.warn_unreadable(snap.records, language)
    tables = dataset.build(snap.records, snap.qctx)
    meta = export_meta(snap.qctx.settings.registry, today)
    if fmt == "json":
        from kexie_cli.reporters.unreadable import as_json

        meta["unreadable"] = as_json(snap.records, language)
    written = export(tables, fmt, output, registry.schemas, language, meta)
    for path in written:
        click.echo(tr("export.written", language, path=str(path)), err=True)
