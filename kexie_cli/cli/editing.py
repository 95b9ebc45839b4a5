"""Shared parts of the edit commands (elect, extend, inspect, set, unset): options and output."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kexie_cli.cli import options as opt

F = TypeVar("F", bound=Callable[..., Any])


def edit_options(fn: F) -> F:
    """--root, --lang, --as-of (for validation) and --dry-run."""
    fn = click.option("--dry-run", "-n", is_flag=True, help="只显示将要做的修改（统一 diff），不写入。")(fn)
    fn = opt.as_of_option(fn)
    return opt.common(fn)


def run_edit(
    record_id: str, operation: Any, root: Path | None, lang: str | None, as_of: dt.date | None, dry_run: bool
) -> None:
    """Apply one edit operation to a record, report, and exit (1 when refused)."""
    from kexie_cli.edit.commands import edit_record

    language = opt.lang(lang)
    registry = opt.open_registry(root)
    outcome = edit_record(registry, record_id, operation, today=opt.today(as_of), write=not dry_run)
    report(outcome, language, dry_run)


def report(outcome: Any, language: str, dry_run: bool) -> None:
    from kexie_cli.edit.fmt import FileResult
    from kexie_cli.edit.tree import show_path
    from kexie_cli.i18n import tr
    from kexie_cli.reporters.findings import PlainReporter

    if outcome.refused:
        click.echo(tr("edit.refused", language, file=outcome.relpath), err=True)
        PlainReporter(language).render(outcome.new_errors, sys.stderr)
        sys.exit(1)
    if not outcome.changed:
        click.echo(tr("edit.unchanged", language, file=outcome.relpath), err=True)
        return
    if dry_run:
        click.echo(FileResult(outcome.relpath, outcome.old_text, outcome.new_text).diff(), nl=False)
        click.echo(tr("edit.dry_run", language), err=True)
        return
    if not outcome.old_text:
        click.echo(tr("edit.created", language, file=outcome.relpath), err=True)
    else:
        fields = ", ".join(dict.fromkeys(show_path(p) for p in outcome.paths)) or "-"
        click.echo(tr("edit.written", language, file=outcome.relpath, fields=fields), err=True)
    if outcome.reformatted:
        click.echo(tr("edit.reformatted", language, file=outcome.relpath), err=True)
