"""kexie serve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kexie_cli.cli import options as opt


@click.command(
    "serve",
    help="""在浏览器中使用台账：启动本机网页服务，打开显示的地址即可查看工作台、名录、检查、换届提醒、
年检、党建、统计和工作总结，修改记录（每次保存是一次只含该文件的 Git 提交）并导入表格。

默认只在本机（127.0.0.1）可访问；--host 为其他地址时必须用 --token 设置访问令牌（--token auto 自动生成）。
--read-only 只读：不显示表单，不接受修改。按 Ctrl+C 停止。""",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址；非本机地址须同时给出 --token。")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8420, show_default=True, help="端口（0 为任一空闲端口）。"
)
@click.option("--read-only", "read_only", is_flag=True, help="只读：不显示表单，不接受任何修改。")
@click.option("--token", default=None, help="访问令牌（至少 12 个字符；auto 为自动生成）；浏览器首次访问时输入一次。")
@click.option(
    "--author",
    default=None,
    metavar="'姓名 <邮箱>'",
    help="Git 提交的作者（默认由网页中填写的姓名或 git config 决定）。",
)
@opt.common
@opt.as_of_option
def command(
    host: str,
    port: int,
    read_only: bool,
    token: str | None,
    author: str | None,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
) -> None:
    from kexie_cli.i18n import tr
    from kexie_cli.serve.run import access_token, serve
    from kexie_cli.serve.state import Options

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    needed = access_token(host, token)
    options = Options(registry.root, language, as_of, read_only, needed, author)

    def announce(url: str) -> None:
        click.echo(
            tr("serve.started", language, registry=registry.settings.registry or registry.root, url=url), err=True
        )
        if needed is not None:
            click.echo(tr("serve.started_token", language, token=needed, url=f"{url}?token={needed}"), err=True)
        if read_only:
            click.echo(tr("serve.read_only_note", language), err=True)
        from kexie_cli.serve.state import _in_git

        if not _in_git(registry.root):
            click.echo(tr("serve.no_history_note", language, root=registry.root), err=True)

    serve(options, host, port, announce)
