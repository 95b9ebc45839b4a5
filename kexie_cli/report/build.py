"""``kexie report``: the registry now, the registry at the comparison revision, and their figures.

The date of the report is ``--as-of`` (default today); ``--year Y`` for a past year means
its last day, 31 December, and the registry as committed at the last commit on or before it
(Git history, as ``summary --at``); without such history, today's records (the report says so).
The comparison is ``--compare REV`` (evaluated on the day of
that commit), ``--since DATE`` (the last commit on or before DATE, evaluated on DATE), or
by default the end of the previous year when the registry's Git history reaches back that
far; otherwise the report says that it has no comparison.
"""

from __future__ import annotations

import datetime as dt

from kexie_cli.errors import KexieError
from kexie_cli.figures.annual import work_year
from kexie_cli.query.snapshot import snapshot
from kexie_cli.registry import gitio
from kexie_cli.registry.load import Registry
from kexie_cli.report.changes import record_changes
from kexie_cli.report.figures import Base, ReportData, figures, summary_tables
from kexie_cli.report.work import work_summary


def report_day(today: dt.date, year: int | None) -> dt.date:
    if year is None or year == today.year:
        return today
    if year > today.year:
        raise KexieError("report.future_year", year=year, today=today.isoformat())
    return dt.date(year, 12, 31)


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def find_base(registry: Registry, compare: str | None, since: dt.date | None, default: dt.date) -> Base | None:
    """The comparison revision; None when there is no Git history to compare with (default only)."""
    root = registry.root
    if compare is not None:
        gitio.ensure_repo(root)
        commit = gitio.resolve(root, compare)
        day = dt.date.fromisoformat(gitio.git(root, "log", "-1", "--format=%cs", commit).decode().strip())
        return Base(commit, day, f"版本 {compare}（{zh_date(day)}）")
    wanted = since or default
    try:
        gitio.ensure_repo(root)
        found = gitio.git(root, "rev-list", "-1", f"--before={wanted.isoformat()}T23:59:59", "HEAD").decode().strip()
    except KexieError:
        if since is not None:
            raise
        return None
    if not found:
        if since is not None:
            raise KexieError("report.no_commit_before", date=wanted.isoformat())
        return None
    return Base(found, wanted, zh_date(wanted))


def commit_on_or_before(registry: Registry, day: dt.date) -> str | None:
    """The last commit on or before ``day`` (as ``--since``); None without Git history that early."""
    try:
        gitio.ensure_repo(registry.root)
        found = gitio.git(registry.root, "rev-list", "-1", f"--before={day.isoformat()}T23:59:59", "HEAD")
    except KexieError:
        return None
    return found.decode().strip() or None


def build_report(
    registry: Registry,
    today: dt.date,
    lang: str,
    *,
    year: int | None = None,
    compare: str | None = None,
    since: dt.date | None = None,
) -> ReportData:
    day = report_day(today, year)
    if since is not None and since >= day:
        raise KexieError("report.since_after", since=since.isoformat(), day=day.isoformat())
    source = None
    past = year is not None and day != today
    if past:  # a past year: the registry as committed at its end (as `summary --at`), when Git has it
        rev = commit_on_or_before(registry, day)
        source = Base(rev, day, zh_date(day)) if rev else None
    snap = snapshot(registry, day, lang, source.rev if source else None)
    tables = summary_tables(snap.records, snap.qctx)
    base = find_base(registry, compare, since, dt.date(day.year - 1, 12, 31))
    previous = None
    changes = None
    if base is not None:
        try:
            old = snapshot(registry, base.day, lang, base.rev)
        except KexieError:
            if compare is not None or since is not None:
                raise
            base = None  # the default comparison: a commit from before the registry existed there
        else:
            previous = summary_tables(old.records, old.qctx)
            changes = record_changes(old.records, snap.records, base.day, day)
    unloaded = [r.relpath for r in snap.records if not r.loaded and r.kind is not None]
    current = snapshot(registry, today, lang) if past else snap  # a year's 年报 arrive after it ended
    work_of = year if year is not None else work_year(current.records, today, current.qctx.settings)
    return ReportData(
        registry=registry.settings.registry,
        today=day,
        year=day.year,
        report_year=snap.qctx.report_year,
        tables=tables,
        figures=figures(tables, previous),
        base=base,
        unloaded=unloaded,
        scope=snap.qctx.settings.scope,  # kexie.yaml scope, else registry.settings.default_scope
        source=source,
        today_records=past and source is None,
        changes=changes,
        omit=snap.qctx.settings.report_omit,
        work=work_summary(current.records, current.qctx, work_of),
    )
