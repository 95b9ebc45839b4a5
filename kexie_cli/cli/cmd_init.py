"""kexie init."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kexie_cli.cli import options as opt


@click.command(
    "init",
    help="""在当前文件夹（或 --root 指定的文件夹）新建一个空台账：写入 kexie.yaml（台账名称 NAME 和辖区范围
scope）、records/ 下三类记录的文件夹和 .gitignore；不在 Git 仓库中时执行 git init。

NAME 缺省时取文件夹名；--scope 缺省时由名称推定（含“省”为全省，含“县”为全县，含“区”为全区，否则全市）。
已有 kexie.yaml（或位于另一台账之内）时不做任何改动，退出码 2。随后可用 kexie import 导入 Excel/WPS 台账。""",
)
@click.argument("name", required=False)
@click.option("--scope", default=None, help="辖区范围：全市、全省、全县、全区、全州、全盟或全旗。")
@click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None, help="新台账的文件夹（默认当前文件夹）。"
)
@opt.lang_option
def command(name: str | None, scope: str | None, root: Path | None, lang: str | None) -> None:
    from kexie_cli.i18n import tr
    from kexie_cli.registry.create import init_registry

    language = opt.lang(lang)
    result = init_registry(root if root is not None else Path.cwd(), name, scope)
    lines = [tr("init.done", language, root=result.root, name=result.name, scope=result.scope)]
    lines += [f"  {path}" for path in result.created]
    lines.append(tr(f"init.git.{result.git}", language))
    lines.append(tr("init.next", language))
    sys.stdout.write("\n".join(lines) + "\n")
