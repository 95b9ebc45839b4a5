"""K401–K403: annual inspections (年检 / 年度报告)."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.figures.books import on_books
from kexie_cli.figures.inspections import candidate_streak, inspection_years
from kexie_cli.finding import Severity
from kexie_cli.records.model import Record, date, entries, integer
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.terms import inspection_exempt, report_deadline, report_year

E, W = Severity.ERROR, Severity.WARNING


@rule("K401", W, "缺少上一年度年检/年报记录", "No 年检 entry for the last report year")
def inspection_missing(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A society has no inspection entry for the last year whose deadline has
    passed (settings ``inspections.deadline``, default 05-31: the report for
    2025 is due 2026-05-31). A society founded after 30 June of that year is
    exempt. Revoked and dissolved societies are not checked.

    中文：科技社团缺少最近一个已过截止日的年度的年检/年报记录（设置
    inspections.deadline，默认 05-31：2025 年度报告截止于 2026-05-31）。
    当年 6 月 30 日以后成立的社团免于该年度年检。已解除资格或注销的不检查。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        founded: 2010-04-01
        inspections:
          - {year: 2024, result: pass}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        founded: 2025-07-15
        inspections: []
    """
    if record.kind != "society" or not record.live:
        return
    year = report_year(ctx.today, ctx.settings.deadline)
    founded = date(record.get("founded"))
    if founded is not None and inspection_exempt(founded, year):
        return
    if year not in inspection_years(record):
        where = ("inspections",) if record.get("inspections") is not None else ()
        yield Hit(where, {"year": year, "deadline": report_deadline(year, ctx.settings.deadline)})


@rule("K402", W, "连续两年年检不合格或未参检", "年检 missing or failed two years running")
def inspection_streak(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The two most recent inspection entries of the report years that were due
    (up to the last year whose deadline has passed) are for consecutive years
    and both are ``missing`` or ``fail``: the society is a candidate for
    解除资格. Reported at the entry that completes the streak. A streak
    broken by a later passing year is history and is not reported; a report
    for a year whose deadline has not passed yet does not end it
    (docs/figures.md: the same candidacy as ``kexie inspections`` and its letters).

    中文：截止日已过的各年度中，最近两个年度的年检结果均为未参检（missing）或不合格（fail），
    且年份相连：该社团可列为解除资格候选。在构成连续两年的第二个条目处报告。
    之后已有合格年度的旧记录不再报告；截止日未到的年度报告不终止候选。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        inspections:
          - {year: 2024, result: missing}
          - {year: 2025, result: fail}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        inspections:
          - {year: 2023, result: missing}
          - {year: 2024, result: fail}
          - {year: 2025, result: pass}
    """
    if record.kind != "society" or not on_books(record, ctx.today):
        return
    streak = candidate_streak(record, ctx.today, ctx.settings.deadline)
    if streak:
        index = inspection_years(record)[streak[-1]][0]
        yield Hit(("inspections", index), {"first": streak[-2], "last": streak[-1]})


@rule("K403", E, "年检年度重复或在未来", "Two entries for one year, or a future year")
def inspection_year_invalid(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    Two inspection entries name the same year (the second is reported), or
    an entry names a year after the current one.

    中文：两个年检条目的年份相同（在第二个处报告），或年份晚于当前年份。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        inspections:
          - {year: 2025, result: pass}
          - {year: 2025, result: basic-pass}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        inspections:
          - {year: 2024, result: pass}
          - {year: 2025, result: basic-pass}
    """
    seen: set[int] = set()
    for i, item in entries(record.get("inspections")):
        year = integer(item.get("year"))
        if year is None:
            continue
        if year in seen:
            yield Hit(("inspections", i, "year"), {"year": year}, variant="twice")
        elif year > ctx.today.year:
            yield Hit(("inspections", i, "year"), {"year": year}, variant="future")
        seen.add(year)
