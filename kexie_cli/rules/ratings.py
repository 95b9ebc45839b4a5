"""K601–K603: 评估等级, 星级学会, brand events."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.finding import Severity
from kexie_cli.records.model import Record, date, entries, integer
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit
from kexie_cli.terms import add_years

W, INFO = Severity.WARNING, Severity.INFO
NPO_GRADE_YEARS = 5
STARS_MAX_AGE = 3


def npo_grade_expiry(record: Record) -> tuple[tuple[str, ...], object] | None:
    """(path, expiry date) of a society's 评估等级: ``expires`` or granted + 5 years."""
    expires = date(record.get("npo_grade", "expires"))
    if expires is not None:
        return ("npo_grade", "expires"), expires
    granted = date(record.get("npo_grade", "granted"))
    if granted is not None:
        return ("npo_grade", "granted"), add_years(granted, NPO_GRADE_YEARS)
    return None


@rule("K601", W, "社会组织评估等级已过期", "社会组织评估等级 expired")
def npo_grade_expired(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The society's 社会组织评估等级 is no longer valid: it holds 5 years from
    ``granted`` unless ``expires`` says otherwise.

    中文：社会组织评估等级已过有效期：自授予日起 5 年有效，另有 expires 的以其为准。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        npo_grade: {grade: 4A, granted: 2020-09-15}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        npo_grade: {grade: 4A, granted: 2022-09-15}
    """
    found = npo_grade_expiry(record)
    if record.kind != "society" or not record.live or found is None:
        return
    path, expiry = found
    assert isinstance(expiry, type(ctx.today))
    if expiry < ctx.today:
        yield Hit(path, {"grade": record.get("npo_grade", "grade"), "expiry": expiry})


@rule("K602", INFO, "星级评定已超过三年", "Star rating older than 3 years")
def stars_old(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The society's latest 星级学会 rating is more than 3 years old (its year is
    more than 3 years before the current year).

    中文：最近一次星级学会评定距今已超过 3 年（评定年份早于当前年份 3 年以上）。

    Fails (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        status: active
        stars:
          - {year: 2022, stars: 4}
    Passes (as of 2026-11-23):
        --- records/societies/demo-society.yaml
        id: demo-society
        status: active
        stars:
          - {year: 2022, stars: 4}
          - {year: 2024, stars: 5}
    """
    if not record.live:
        return
    dated = [(integer(item.get("year")), i) for i, item in entries(record.get("stars"))]
    years = [(y, i) for y, i in dated if y is not None]
    if not years:
        return
    year, index = max(years)
    if ctx.today.year - year > STARS_MAX_AGE:
        yield Hit(("stars", index, "year"), {"year": year})


@rule("K603", INFO, "没有学术活动品牌", "Active society with no brand_events")
def no_brand_events(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    An active society records no 学术活动品牌 (``brand_events``).

    中文：正常状态的科技社团没有登记学术活动品牌（brand_events）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        brand_events: [示例学术年会]
    """
    events = record.get("brand_events")
    if record.kind == "society" and record.active and not (isinstance(events, list) and events):
        yield Hit(("brand_events",) if events is not None else ())
