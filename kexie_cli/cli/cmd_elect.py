"""kexie elect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt
from kexie_cli.cli.editing import edit_options, run_edit


@click.command(
    "elect",
    help="""记录一次换届：当届移入 past_terms（写明 ended），届次加一，换届日期为 --date；
延期信息清除；任期年数沿用原值，或按 --years（分支机构未写任期年数的，仍随所属社团本届）。

--chair / --secretary-general 给出学会、基层科协新当选的人：同职务的现任者若是他人，写入 until（离任）；
新人以 since 加入 leaders。党组织用 --secretary、--deputy-secretary、--member（可重复）给出新一届委员会：
原书记、副书记、委员中未在同一职务连任的，一律写入 until。其他职务不变，请用 kexie set / unset 修改。

拒绝写入（文件不变，退出码 2）：换届日期晚于今天（--as-of）、不晚于本届开始日期（同一天换届两次）、
党的工作小组（不换届）、党组织用 --chair / --secretary-general。""",
)
@click.argument("record_id", metavar="ID")
@click.option("--date", "date", type=opt.DATE, required=True, help="换届（选举）日期（YYYY-MM-DD）。")
@click.option("--chair", default=None, help="新一届理事长 / 主席姓名。")
@click.option("--secretary-general", "secretary_general", default=None, help="新一届秘书长姓名。")
@click.option("--secretary", default=None, help="党组织新一届书记姓名。")
@click.option("--deputy-secretary", "deputies", multiple=True, help="党组织新一届副书记姓名（可重复）。")
@click.option("--member", "members", multiple=True, help="党组织新一届委员姓名（可重复；不含书记、副书记）。")
@click.option("--years", type=click.IntRange(1, 10), default=None, help="新一届任期年数（默认沿用当届）。")
@edit_options
def command(
    record_id: str,
    date: dt.date,
    chair: str | None,
    secretary_general: str | None,
    secretary: str | None,
    deputies: tuple[str, ...],
    members: tuple[str, ...],
    years: int | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    dry_run: bool,
) -> None:
    from kexie_cli.edit.operations import Elect

    opt.lang(lang)
    roles = [("chair", chair), ("secretary-general", secretary_general), ("secretary", secretary)]
    roles += [("deputy-secretary", n) for n in deputies] + [("committee-member", n) for n in members]
    leaders = tuple((role, name.strip()) for role, name in roles if name and name.strip())
    run_edit(record_id, Elect(date, leaders, years, opt.today(as_of)), root, lang, as_of, dry_run)
