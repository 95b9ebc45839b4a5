"""kexie diff."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kexie_cli.cli import formats
from kexie_cli.cli import options as opt
from kexie_cli.cli.answered import answered


@click.command(
    "diff",
    help="""台账的语义差异：两个 Git 版本之间新增、删除、更名的记录，以及每条记录改了哪些字段
（如 理事长：张三 → 李四；当届：第7届 → 第8届；2025 年检：未录入 → 合格）。

不给 REV 时比较 HEAD 与工作区；给一个 REV 时比较该版本与工作区；给两个时比较两个版本。
--format md 生成可直接贴到合并请求的评论；--format json 供机器人使用。
--textconv FILE 把一个记录文件转成“字段：值”的行，用作 Git 的 textconv（见 docs/review.md）。""",
)
@click.argument("revs", nargs=-1, metavar="[REV [REV]]")
@click.option(
    "--textconv",
    "textconv_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="输出一个文件的“字段：值”文本（Git textconv 用）。",
)
@opt.common
@click.option("--format", "fmt", type=click.Choice(formats.CHANGES), default="plain", help="输出格式（默认 plain）。")
@answered(unless=("revs", "textconv_file"))
def command(revs: tuple[str, ...], textconv_file: Path | None, root: Path | None, lang: str | None, fmt: str) -> None:
    from kexie_cli.errors import KexieError

    language = opt.lang(lang)
    if textconv_file is not None:
        from kexie_cli.records.loader import DEFAULT_MAX_BYTES
        from kexie_cli.registry.readfile import FileTooLarge, read_record_bytes
        from kexie_cli.registry.schemas import SchemaSet
        from kexie_cli.review.diff import textconv

        limit = DEFAULT_MAX_BYTES
        try:
            registry = opt.open_registry(root)
            base: Path | None = registry.root
            limit = registry.settings.max_file_bytes
        except KexieError:
            base = None  # git may run the textconv outside a registry: the shipped schemas
        try:
            raw = read_record_bytes(textconv_file, limit)
        except FileTooLarge as exc:
            raise KexieError("edit.too_large", file=str(textconv_file), size=exc.size, limit=exc.limit) from exc
        except OSError as exc:
            raise KexieError("edit.unreadable", file=str(textconv_file), detail=exc.strerror or str(exc)) from exc
        sys.stdout.write(textconv(raw, SchemaSet(base), language))
        return
    if len(revs) > 2:
        raise click.UsageError("最多两个版本 / at most two revisions")
    from kexie_cli.review.diff import registry_diff, render

    registry = opt.open_registry(root)
    render(registry_diff(registry, revs, language), fmt, language, sys.stdout)
