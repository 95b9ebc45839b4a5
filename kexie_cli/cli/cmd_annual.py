"""kexie annual: the spring 年报 round (forms, collect, status, approve, return)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.helpfmt import KexieContext

YEAR = click.IntRange(1900, 2999)


class AnnualGroup(click.Group):
    context_class = KexieContext


@click.group(
    "annual",
    cls=AnnualGroup,
    help="""年报工作：每年春季向各组织下发上一年度的年报表，收回、核对、录入并审核（docs/annual.md）。

forms 生成预填的年报表（xlsx）；collect 读取交回的年报表，核对每个单元格并录入
records/annual/<年度>/<组织>-<年度>.yaml；status 列出各组织的报送情况（未报/已报/退回修改/已审核）；
approve 审核通过，return 退回修改。未报单位的催报函用 kexie letters annual 生成。""",
)
def command() -> None:
    """The group; each subcommand does the work."""


@command.command(
    "forms",
    short_help="生成预填的年报表（每个组织一个 xlsx）。",
    help="""生成某年度的年报表：每个需报送的组织（正常状态、当年年底前成立）一个 xlsx 文件，
文件名为 <组织全称>-<年度>年度年报.xlsx；--one-workbook 则全部放在一个工作簿里，每个组织一个工作表。

表中已预填台账掌握的信息：名称、统一社会信用代码、本年度已录入的数字、组织记录中的会员数，
以及上年度数字（供参考）；其余留空，附填表说明。枚举项（级别、类别）有下拉列表，数量和日期有数据验证；
工作表受保护，只有黄色的填写单元格可以改动；隐藏的工作表记着组织 ID 和年度，文件改名后仍能对应。
年报的项目取自年报记录的 schema（schemas/annual.schema.json），schema 增加的项目自动出现在表中。
要么全部写出，要么一个也不写。退出码：0 成功；2 用法或环境错误。""",
)
@click.option("--year", type=YEAR, required=True, help="年报年度，如 2026。")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="输出文件夹（不存在时创建）。",
)
@click.option("--one-workbook", "one_workbook", is_flag=True, help="所有组织放在一个工作簿中，每个组织一个工作表。")
@click.option("--id", "ids", multiple=True, metavar="ID", help="只为这些组织生成（可重复），如补发遗失的年报表。")
@opt.common
@opt.as_of_option
@opt.quiet_option
def forms(
    year: int,
    output: Path,
    one_workbook: bool,
    ids: tuple[str, ...],
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    quiet: bool,
) -> None:
    from kexie_cli.annual.forms import make_forms
    from kexie_cli.i18n import tr

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    loaded = opt.load(registry, language, opt.today(as_of))
    settings = registry.settings
    run = make_forms(loaded.records, registry.schemas, settings, year, output, one_workbook=one_workbook, ids=ids)
    for path in run.written:
        click.echo(str(path))
    if not quiet:
        key = "round.forms.written" if run.count else "round.forms.none"
        click.echo(tr(key, language, count=run.count, files=len(run.written), dir=str(output), year=year), err=True)


@command.command(
    "collect",
    short_help="读取交回的年报表，核对并录入。",
    help="""读取交回的年报表（任意顺序，文件可改名；Excel、WPS、LibreOffice 保存的均可），核对每个填写单元格，
录入 records/annual/<年度>/<组织>-<年度>.yaml，并把年报状态改为已报（report.status: submitted，
报送日期为今天，--as-of）。

填写有误的单元格逐一列出（工作表、单元格、错在哪里、应填什么）；有任何一处错误的文件整份不录入，
并生成一份标出错误单元格（红色底色加批注）的副本 <文件名>-退回修改.xlsx，放在原文件旁或 --returns 文件夹，
供退回填报单位修改。空白单元格不改动台账中已有的数字；活动等列表表格有内容时整表替换。
再次收取同一份文件不作任何改动。录入会使台账出现新错误的文件也不录入。
退出码：0 全部录入（或无需更改）；1 有文件被退回或无法读取；2 用法或环境错误。""",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--returns",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="退回修改的副本写入此文件夹（默认：原文件旁）。",
)
@click.option("--dry-run", "-n", "dry_run", is_flag=True, help="只核对并报告，不录入，也不写退回副本。")
@opt.common
@opt.as_of_option
def collect(
    files: tuple[Path, ...],
    returns: Path | None,
    dry_run: bool,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
) -> None:
    from kexie_cli.annual.collect import collect as run_collect
    from kexie_cli.reporters.round import write_collect

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    today = opt.today(as_of)
    loaded = opt.load(registry, language, today)
    run = run_collect(registry, loaded.records, list(files), today, returns=returns, dry_run=dry_run)
    names = {r.id: r.name for r in loaded.records if r.loaded}
    write_collect(run, names, language, dry_run, sys.stdout, sys.stderr)
    sys.exit(1 if run.refused else 0)


@command.command(
    "status",
    short_help="各组织年报的报送情况。",
    help="""列出某年度每个需报送组织的年报情况：未报、已报、退回修改、已审核，以及报送、退回、审核日期和退回原因。
汇总行给出各状态的数量；已过报送截止日（设置 annual.deadline，默认次年 03-31）仍未报的单独计数。
退出码：0 成功；2 用法或环境错误。""",
)
@click.option("--year", type=YEAR, required=True, help="年报年度，如 2026。")
@opt.common
@opt.as_of_option
@opt.format_option(formats.LISTING)
@opt.output_option
def status(
    year: int, root: Path | None, lang: str | None, as_of: dt.date | None, fmt: str | None, output: Path | None
) -> None:
    from kexie_cli.annual.status import status_table

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    today = opt.today(as_of)
    loaded = opt.load(registry, language, today)
    data = status_table(loaded.records, registry.settings, year, today, language)
    opt.emit_table(opt.noted(data, len(loaded.unreadable), language), fmt, language, output)


def _move(action: str, record_id: str, reason: str | None, root: Path | None, lang: str | None, as_of: Any) -> None:
    from kexie_cli.annual.status import move
    from kexie_cli.cli.editing import report
    from kexie_cli.i18n import tr

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    today = opt.today(as_of)
    outcome = move(registry, record_id, action, today, reason)
    if outcome.changed and not outcome.refused:
        click.echo(tr(f"round.moved.{action}", language, id=record_id, date=today.isoformat()))
    elif not outcome.refused:
        click.echo(tr("round.moved.same", language, id=record_id))
        return
    report(outcome, language, dry_run=False)


@command.command(
    "approve",
    short_help="审核通过一份已报的年报。",
    help="""审核通过一份已报的年报：把年报记录 ID（<组织>-<年度>）的 report.status 改为 approved，
审核日期为今天（--as-of）。已审核的不再改动。退出码：0 成功；1 修改会带来新错误；2 用法错误（如年报未报或已退回）。""",
)
@click.argument("record_id", metavar="ID")
@opt.common
@opt.as_of_option
def approve(record_id: str, root: Path | None, lang: str | None, as_of: dt.date | None) -> None:
    _move("approve", record_id, None, root, lang, as_of)


@command.command(
    "return",
    short_help="退回一份年报修改，写明原因。",
    help="""退回一份已报（或已审核）的年报修改：report.status 改为 returned，写入退回日期（今天，--as-of）和原因。
填报单位改好后再交回，kexie annual collect 收取后状态回到已报。
退出码：0 成功；1 修改会带来新错误；2 用法错误（如没有原因，或年报未报）。""",
)
@click.argument("record_id", metavar="ID")
@click.option("--reason", required=True, help="退回原因，如 “学术活动参与人次与活动明细不符”。")
@opt.common
@opt.as_of_option
def return_(record_id: str, reason: str, root: Path | None, lang: str | None, as_of: dt.date | None) -> None:
    _move("return", record_id, reason, root, lang, as_of)
