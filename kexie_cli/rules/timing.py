"""K301–K305: terms (换届), extensions and dates (K309–K312, the steps of a 换届: rules/elections.py)."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli import kinds
from kexie_cli.figures.books import on_books
from kexie_cli.figures.terms import current_term, state_of
from kexie_cli.finding import Severity
from kexie_cli.numerals import term_label
from kexie_cli.party.forms import WORKING_GROUP, form_of
from kexie_cli.records.model import (
    Record,
    date,
    entries,
    integer,
)
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.terms import days_until

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
ORG_KINDS = kinds.ORG_ELECTING  # kinds with 换届 like a society (a party cell has K505)


def term_end_path(record: Record) -> tuple[str, ...]:
    """Where a term's end is written: the extension if any, else the start date."""
    return ("term", "extended_to") if date(record.get("term", "extended_to")) else ("term", "started")


def term_params(record: Record, ctx: Context) -> dict[str, object]:
    term = current_term(record, ctx.settings, ctx.index.get)
    assert term is not None
    return {
        "number": term.number if term.number is not None else "?",
        "term": term_label(term.number) or "本届",  # 第九届, as every table and letter writes it
        "end": term.end,
        "days": abs(days_until(term.end, ctx.today)),
        "extended": "（已批准延期）" if term.extended_to and ctx.lang != "en" else "",
    }


@rule("K301", W, "换届逾期", "换届 overdue")
def election_overdue(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The current term of a society or branch, or its approved extension, has
    ended and no new term is recorded. The end date is the term's last day;
    the record is overdue from the next day.

    中文：科技社团或基层科协本届任期（或经批准的延期）已届满，尚未录入新一届。
    届满日为任期最后一天，次日起算逾期。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        term: {number: 7, started: 2021-06-30, years: 5}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        term: {number: 7, started: 2021-06-30, years: 5, extended_to: 2027-03-31, extension_approved: 2026-05-20}
    """
    if record.kind in ORG_KINDS:
        yield from _term_in_state(record, ctx, "overdue")


@rule("K302", INFO, "即将换届", "换届 due within the lead time")
def election_due(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The current term (or its approved extension) ends within the lead time
    (settings ``elections.<kind>.lead_months``, default ``elections.lead_months``,
    6 months; never shorter than the kind's first step + 1 month), counting today.
    A 党的工作小组 is appointed, not elected, and is not reminded.

    中文：本届任期（或延期）将在提醒期内届满（设置 elections.<类别>.lead_months，
    默认 elections.lead_months 即 6 个月，不短于第一个步骤前 1 个月，含当天）。
    应着手准备换届。党的工作小组由上级党组织指定、不换届，不提示。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        status: active
        term: {number: 7, started: 2022-03-01, years: 5}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        status: active
        term: {number: 7, started: 2022-08-01, years: 5}
    """
    # no 换届, no reminder: a 党的工作小组, a C 类 cell without duties (figures.terms.elected_term)
    yield from _term_in_state(record, ctx, "due")


def _term_in_state(record: Record, ctx: Context, state: str) -> Iterator[Hit]:
    """K301/K302: a record on the books whose term is ``state`` (figures.terms.state_of), at the term's end."""
    if on_books(record, ctx.today) and state_of(record, ctx.today, ctx.settings, ctx.index.get) == state:
        yield Hit(term_end_path(record), term_params(record, ctx))


@rule("K303", E, "任期超过规定年限", "Term longer than allowed")
def term_too_long(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A society's or branch's term is longer than 5 years (settings
    ``terms.max_years``): 社团章程 allow at most 5 years a term. A party cell's
    term is longer than 5 years (党章: 基层委员会每届任期三年至五年; settings
    ``party.max_term_years``). A term that differs from the usual length of the
    cell's form (中办《关于党的基层组织任期的意见》2018) is a warning of its own, K510.
    A 党的工作小组 has no 换届 and is not checked.

    中文：科技社团、基层科协每届任期超过 5 年（设置 terms.max_years；社团章程规定每届
    不超过 5 年）。党组织每届任期超过 5 年（党章：基层委员会每届任期三年至五年；设置
    party.max_term_years）。与组织形式通常任期不同的见 K510（警告）。党的工作小组不换届，不检查。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        term: {number: 3, started: 2022-01-10, years: 6}
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: branch
        term: {number: 2, started: 2024-01-10, years: 6}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        term: {number: 3, started: 2022-01-10, years: 5}
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        form: general-branch
        term: {number: 2, started: 2024-01-10, years: 5}
    """
    years = integer(record.get("term", "years"))
    if years is None:
        return
    if record.kind == "party-cell":
        limit = ctx.settings.party.max_term_years
        if form_of(record) != WORKING_GROUP and years > limit:
            yield Hit(("term", "years"), {"years": years, "max": limit}, variant="party")
        return
    limit = ctx.settings.max_years
    if years > limit:
        yield Hit(("term", "years"), {"years": years, "max": limit})


@rule("K304", E, "延期换届超过一年或未经批准", "Extension beyond one year or not approved")
def extension_invalid(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    ``term.extended_to`` lies more than one year past the regular end
    (延期换届最长不超过1年), is not after the regular end, or has no
    ``extension_approved`` date.

    中文：term.extended_to 超过正常届满日一年以上（延期换届最长不超过 1 年）、
    不晚于正常届满日，或未填写批准日期 extension_approved。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        term: {number: 4, started: 2020-05-01, years: 5, extended_to: 2026-03-01}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        term: {number: 4, started: 2020-05-01, years: 5, extended_to: 2026-03-01, extension_approved: 2025-04-10}
    """
    term = current_term(record, ctx.settings, ctx.index.get)
    if term is None or term.extended_to is None:
        return
    where = ("term", "extended_to")
    params = {"to": term.extended_to, "regular": term.regular_end, "max": term.max_extension}
    if term.extended_to > term.max_extension:
        yield Hit(where, params, variant="too_long")
    elif term.extended_to <= term.regular_end:
        yield Hit(where, params, variant="not_later")
    if term.extension_approved is None:
        yield Hit(where, params, variant="unapproved")


@rule("K305", E, "日期先后顺序错误", "Dates out of order")
def dates_out_of_order(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    Dates contradict each other: founded after the term started, a leader's
    ``since`` after ``until``, an inspection or star rating for a year before
    the founding year, a 评估等级 that expires before it was granted.

    中文：日期互相矛盾：成立日期晚于本届开始日期、领导成员任职起始晚于结束、
    年检或星级评定年份早于成立年份、评估等级有效期止于授予日之前。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: 2015-03-01
        term: {number: 1, started: 2014-03-01, years: 5}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: 2014-03-01
        term: {number: 1, started: 2014-03-01, years: 5}
    """
    founded = date(record.get("founded"))
    started = date(record.get("term", "started"))
    if founded and started and founded > started:
        yield _reversed(
            ("term", "started"), ("成立日期", "founded", founded), ("本届开始日期", "term.started", started)
        )
    for i, item in entries(record.get("leaders")):
        since, until = date(item.get("since")), date(item.get("until"))
        if since and until and since > until:
            yield _reversed(("leaders", i, "until"), ("任职起始", "since", since), ("任职结束", "until", until))
    if founded is not None:
        for field in ("inspections", "stars"):
            for i, item in entries(record.get(field)):
                year = integer(item.get("year"))
                if year is not None and year < founded.year:
                    yield Hit((field, i, "year"), {"year": year, "founded": founded}, variant="year")
    granted, expires = (
        date(record.get("npo_grade", "granted")),
        date(record.get("npo_grade", "expires")),
    )
    if granted and expires and granted > expires:
        yield _reversed(("npo_grade", "expires"), ("评估授予日", "granted", granted), ("有效期至", "expires", expires))


def _reversed(path: tuple[str | int, ...], first: tuple[str, str, object], then: tuple[str, str, object]) -> Hit:
    """K305's finding: the date ``first`` (label, English name, date) is later than ``then``."""
    (a, a_en, x), (b, b_en, y) = first, then
    return Hit(path, {"a": a, "a_en": a_en, "b": b, "b_en": b_en, "x": x, "y": y})
