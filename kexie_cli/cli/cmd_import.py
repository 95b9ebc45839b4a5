"""kexie import."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt


@click.command(
    "import",
    help="""从 Excel/WPS 台账（.xlsx）或 CSV 导入记录：每个数据行一条记录，写入 records/<类别>/。

按表头识别各列（学会名称/单位名称/名称、统一社会信用代码、成立时间、挂靠单位/业务主管单位、
理事长/主席、秘书长、届次、本届换届时间、任期、个人会员数、备注等，详见 docs/import.md），
--map 可指定或改写对应关系。表头不必在第一行，可为两行（负责人 → 理事长 | 秘书长）；标题行、填报单位行、
序号列、空行、合计行、表注和分类标题行自动跳过。2023年检、2024年星级等年度列读入年检和星级；同一工作簿中
补充字段的其他工作表（年检情况、党建情况等）按统一社会信用代码或名称并入。--set 为表中没有的字段统一赋值。
日期可写作 1980.05、2005.7、1981年3月、2023年1月8日、2022/04/15、1990-12、单独年份或 Excel 日期；
只到月份的记为当月1日、只有年份的记为1月1日，并在报告中逐项列出。读不懂的值列出而不写入。

按统一社会信用代码、再按名称（可省略本地地名、可用简称）匹配已有记录：重复导入不产生新记录，只改动
表中不同的字段，保留注释；不会用较粗的日期或校验位错误的代码覆盖已有数据。全部写入或全部不写。
新记录的 id 由名称拼音生成，重名自动加序号。
退出码：0 全部行已导入；1 有行被跳过（报告列出行号和原因）；2 文件或用法错误。""",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    required=True,
    type=opt.kind_choice(),
    metavar="类别",
    help="记录类别：代码或中文，如 society、科技社团（kexie new --help 列出全部类别）。",
)
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="列映射文件（YAML：columns: {表头: 字段路径}，可另给 sheet、header_row）。",
)
@click.option(
    "--set",
    "constants",
    multiple=True,
    metavar="字段=值",
    help="表中没有的字段，对每一行填入（可重复）：--set level=市级（枚举可写中文标签或代码）。",
)
@click.option("--sheet", default=None, help="工作表名称（默认取表头最匹配的一张）。")
@click.option(
    "--year",
    type=click.IntRange(1900, 2100),
    default=None,
    help="--kind annual：表中数字的年度（默认取“年度”列，或表头开头的年份，如 2025年学术活动场次）。",
)
@click.option("--dry-run", "-n", is_flag=True, help="只报告将要做的导入，不写入。")
@click.option("--format", "fmt", type=click.Choice(formats.IMPORT_REPORT), default="plain", help="报告格式。")
@opt.common
@opt.as_of_option
def command(
    file: Path,
    kind: str,
    map_file: Path | None,
    sheet: str | None,
    year: int | None,
    constants: tuple[str, ...],
    dry_run: bool,
    fmt: str,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
) -> None:
    from kexie_cli.importer.run import import_file
    from kexie_cli.reporters.importing import render_import

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    result = import_file(
        registry,
        file,
        kind,
        map_file=map_file,
        sheet=sheet,
        dry_run=dry_run,
        constants=constants,
        today=opt.today(as_of),
        year=year,
    )
    render_import(result, fmt, language, sys.stdout)
    if result.skipped:
        sys.exit(1)
