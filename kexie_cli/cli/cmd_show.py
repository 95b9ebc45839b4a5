"""kexie show."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered

SHOW_UNREADABLE = 5  # unreadable files named by `show` before it only gives their number


@click.command(
    "show",
    help="""显示一条记录：各字段（中文名称和标签）、派生信息（届满日期、换届状态、最近星级、覆盖党组织等）、
关联记录（上级、覆盖它的党组织、下级组织）和 kexie check 对该文件的检查发现。""",
)
@click.argument("record_id", metavar="ID")
@opt.common
@opt.as_of_option
@opt.format_option(formats.RECORD)
@answered()
def command(record_id: str, root: Path | None, lang: str | None, as_of: dt.date | None, fmt: str | None) -> None:
    from kexie_cli.query.show import show
    from kexie_cli.query.snapshot import checked_snapshot
    from kexie_cli.reporters.tables import render_table

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    snap = checked_snapshot(registry, opt.today(as_of), language)
    view = show(registry, snap.records, snap.qctx, record_id, snap.checked)  # the record unloadable: says why, exit 2
    # others: its references may be incomplete; the first few are named, then the number
    opt.warn_unreadable(snap.records, language, limit=SHOW_UNREADABLE)
    chosen = opt.pick_format(fmt)
    if chosen == "json":
        json.dump(view.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for i, section in enumerate(view.sections):
        if i:
            sys.stdout.write("\n")
        render_table(section, chosen, language, sys.stdout, opt.use_color())
