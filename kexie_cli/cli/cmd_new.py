"""kexie new."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import click

from kexie_cli.cli import options as opt
from kexie_cli.cli.editing import edit_options
from kexie_cli.kinds import ORG_CODES


@click.command(
    "new",
    help="""按模板 templates/records/<KIND>.yaml 新建一条记录（模板中的中文注释说明各字段及可选值）。

逐项询问模板要求的字段（全称、成立日期、级别……）；id 由全称的拼音生成（--id 可指定）。
脚本中用 --no-input，并以 --set 字段=值 给出各项（字段可写模板占位名如 uscc，或点分路径如 registration.authority）。
写入前校验，有错误时拒绝写入（退出码 1）。台账中已有同类同名、或统一社会信用代码相同的组织时不新建
（退出码 2），确需再建一条时加 --allow-duplicate。""",
)
@click.argument("kind", type=opt.kind_choice(ORG_CODES))
@click.option("--name", default=None, help="全称。")
@click.option("--id", "record_id", default=None, help="记录 id（默认按全称拼音生成）。")
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE", help="字段值，可重复。")
@click.option("--no-input", is_flag=True, help="不询问：缺少的字段直接报错（供脚本使用）。")
@click.option("--allow-duplicate", is_flag=True, help="台账中已有同名或同一统一社会信用代码的组织时仍新建。")
@edit_options
def command(
    kind: str,
    name: str | None,
    record_id: str | None,
    assignments: tuple[str, ...],
    no_input: bool,
    allow_duplicate: bool,
    root: Path | None,
    lang: str | None,
    as_of: dt.date | None,
    dry_run: bool,
) -> None:
    from kexie_cli.cli.editing import report
    from kexie_cli.edit.commands import create_record
    from kexie_cli.edit.new import (
        check_id,
        check_not_registered,
        derive_id,
        find_parent,
        new_record_text,
        placeholders,
    )
    from kexie_cli.errors import KexieError
    from kexie_cli.i18n import tr
    from kexie_cli.validate.door import load_registry

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    values: dict[str, str] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise KexieError("edit.bad_set", value=item)
        values[key.strip()] = value
    if name is None and "name" not in values:
        if no_input:
            raise KexieError("new.missing", fields="name")
        name = click.prompt(tr("new.prompt_name", language), prompt_suffix=_suffix(language))
    if name is not None:
        values["name"] = name.strip()
    on_books = [] if allow_duplicate else load_registry(registry, opt.today(as_of), language).records
    check_not_registered(on_books, kind, name=values["name"], uscc=values.get("uscc", ""))
    if record_id is None and "id" not in values:
        taken = frozenset(f.stem_id for f in registry.files())
        record_id = derive_id(values["name"], registry.settings.registry, taken)
        if not no_input:
            record_id = click.prompt(tr("new.prompt_id", language), default=record_id, prompt_suffix=_suffix(language))
    if record_id is not None:
        values["id"] = record_id.strip()
    check_id(values["id"])
    for holder in placeholders(registry, kind):
        if holder.name in values:
            continue
        if no_input:
            continue  # new_record_text names every missing field at once
        for line in holder.menu(language):
            click.echo(line)
        values[holder.name] = _ask(holder.prompt(language), partial(_answer, holder=holder), language)
        if holder.path[-1:] == ("uscc",):  # the code as typed: stop before the remaining questions
            check_not_registered(on_books, kind, uscc=values[holder.name])
    if kind in ("branch", "party-cell") and "parent" not in values and not no_input:
        parent = _ask(
            tr(f"new.prompt_parent.{kind}", language),
            lambda raw: find_parent(registry, kind, raw, opt.today(as_of), language) if raw.strip() else "",
            language,
            optional=True,
        )
        if parent:
            values["parent"] = parent
    text = new_record_text(registry, kind, values)
    outcome = create_record(registry, kind, values["id"], text, today=opt.today(as_of), write=not dry_run)
    report(outcome, language, dry_run)


def _suffix(lang: str) -> str:
    """After a question: a full-width colon in Chinese."""
    return ": " if lang == "en" else "："


def _answer(raw: str, holder: Any) -> str:
    from kexie_cli.edit.new import read_answer

    return read_answer(raw, holder)


def _ask(text: str, check: Callable[[str], str], lang: str, optional: bool = False) -> str:
    """Ask until the answer passes ``check``; say in the user's language what was wrong with it."""
    from kexie_cli.errors import KexieError

    while True:
        raw = click.prompt(text, default="" if optional else None, show_default=False, prompt_suffix=_suffix(lang))
        try:
            return check(raw)
        except KexieError as exc:
            click.echo(exc.render(lang), err=True)
