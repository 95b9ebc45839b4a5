"""kexie report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "report",
    help="""起草年度工作总结的统计部分：主要数据（公文语句，各附数字及与对比版本相比的变化）和统计表。

主要数据：在册社团数、星级学会数与占比、两个覆盖、换届完成数、年检结果与合格率、基层组织覆盖、三长、会员；
各数字与 kexie summary 同一口径（同一代码计算）。
--format md、docx（A4，仿宋正文、黑体标题）或 html（单个自包含文件：内嵌 SVG 图表，不联网，手机可读，可按 A4 打印）。
对比：--compare REV（该 Git 版本提交当日的台账）或 --since DATE（该日或之前最后一个版本）；
默认与上年末对比（台账有 Git 历史时）。--year Y 统计 Y 年（往年按 12 月 31 日）。
未能加载的文件在标准错误中逐个列出。""",
)
@click.option("--format", "fmt", type=click.Choice(formats.REPORT), required=True, help="输出格式。")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="输出文件。")
@click.option("--year", type=click.IntRange(1900, 2100), default=None, help="统计年度（默认为统计日期所在年度）。")
@click.option("--compare", default=None, metavar="REV", help="与 Git 版本 REV 对比。")
@click.option("--since", type=opt.DATE, default=None, help="与该日（YYYY-MM-DD）的台账对比。")
@opt.common
@opt.as_of_option
@answered(unless=("compare",))
def command(
    fmt: str,
    output: Path,
    year: int | None,
    compare: str | None,
    since: dt.date | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
) -> None:
    from kexie_cli.calendar.output import atomic_write_bytes
    from kexie_cli.errors import KexieError
    from kexie_cli.i18n import tr
    from kexie_cli.report.build import build_report
    from kexie_cli.reporters.report import render

    language = opt.lang(lang)
    if compare is not None and since is not None:
        raise KexieError("report.compare_and_since")
    registry = opt.open_registry(root)
    report = build_report(registry, opt.today(as_of), language, year=year, compare=compare, since=since)
    for file in report.unloaded:
        click.echo(tr("report.unloaded", language, file=file), err=True)
    atomic_write_bytes(output, render(report, fmt, language, registry.settings.lead_months))
    click.echo(tr("report.written", language, file=str(output)), err=True)
