"""kexie letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "letters",
    help="""生成函件：每条记录一份 .docx（Word 文档）和一份 .md，文件名为 <组织全称>-<函件>.docx/.md
（如 示例市植物学会-换届提醒函.docx）。

elections：任期将届满的发换届提醒函（election-due），已逾期的发换届催办函（election-overdue）；
党组织的函件由上级党组织发出（模板 party-election-*.j2），党的工作小组不发。
inspections：年检未报送或未录入的发年检催报函（inspection-missing），连续两年未参检或不合格的
发解除资格预告知书（inspection-revoke）。
annual：某年度年报未报的组织（见 kexie annual status）发年报催报函（annual-missing），
写明报送截止日期（设置 annual.deadline，默认次年 03-31）及是否已逾期。
函件内容来自模板 templates/letters/*.j2（Jinja2），台账自带的同名模板优先；改措辞只需改模板。
id 不是合法 id（小写字母、数字、连字符）的记录不生成函件，并说明原因。
落款、文号、联系人、电话和解除资格依据取设置 letters.*，日期为今天（--as-of）。
退出码：0 成功；2 用法、模板或环境错误。""",
)
@click.argument("which", type=click.Choice(["elections", "inspections", "annual"]))
@opt.common
@opt.as_of_option
@click.option("--id", "ids", multiple=True, metavar="ID", help="只为这些记录生成（可重复）。")
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    default=None,
    help="inspections 的年检年度（默认：最近一个已过截止日的年度）；annual 的年报年度（默认：上一年）。",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="输出文件夹（不存在时创建）。",
)
@click.option(
    "--number-from",
    "number_from",
    type=click.IntRange(1, None),
    default=None,
    metavar="N",
    help="文号序号从 N 起依次编排（默认留空，登记时填写）。",
)
@opt.quiet_option
@answered()
def command(
    which: str,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    ids: tuple[str, ...],
    year: int | None,
    output: Path,
    number_from: int | None,
    quiet: bool,
) -> None:
    from kexie_cli.calendar.letters import make_letters
    from kexie_cli.i18n import tr

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    from kexie_cli.cells import safe_text

    today = opt.today(as_of)
    loaded = opt.load(registry, language, today)
    run = make_letters(registry, which, today, ids, year, output, number_from, loaded.records)
    for path in run.written:
        click.echo(str(path))
    for skip in run.skipped:  # said even with -q: a letter that is due was not written
        message = tr(skip.reason, language, id=safe_text(repr(skip.record_id)), file=safe_text(skip.file_stem))
        click.echo(message, err=True)
    if not quiet:
        message = tr("letters.written", language, count=run.count, files=len(run.written), dir=str(output))
        click.echo(message if run.count else tr("letters.none", language), err=True)
