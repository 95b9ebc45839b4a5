"""``kexie summary`` tables of the year's work (issue 21): totals, by category, by level, by organisation.

Every number is one of :mod:`kexie_cli.figures.annual_sums` over the annual records in scope: an
annual record is in scope when its organisation is (``--where`` names the organisation's fields: one
区县, one 学科). The year is ``summary --year`` (``Summary.year``), else
:func:`kexie_cli.figures.annual.work_year`. ``report`` shows the same tables and says the same
sentences (:func:`sentences`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from kexie_cli.figures.annual import (
    BY_KEY,
    CATEGORIES,
    LEVELS,
    SECTIONS,
    STATES,
    annual_records,
    org_of,
    work_year,
    year_of,
)
from kexie_cli.figures.annual_sums import ORG_COLUMNS, YearFigure, by_category, by_level, by_org, change, totals
from kexie_cli.query.summary_base import Summary, kind_label
from kexie_cli.records.model import Record
from kexie_cli.share import Share, percent
from kexie_cli.tables import Column, TableData


def annual_scope(data: Summary) -> tuple[list[Record], int]:
    """The year of the tables (:func:`year_of_summary`) and the records in scope of that year and the year
    before (the only ones a table adds up), made once for the four annual tables of a summary."""
    if data._annual is None:
        year = year_of_summary(data)
        data._annual = (in_scope(data, (year - 1, year)), year)
    return data._annual


def in_scope(data: Summary, years: tuple[int, ...] | None = None) -> list[Record]:
    """The annual records whose organisation is in the ``--where`` scope (all of them without one);
    ``years``: only those of these years."""
    found = annual_records(data.qctx.index.records)
    if years is not None:
        found = [r for r in found if year_of(r) in years]
    if not data.scope:
        return found
    out = []
    for record in found:
        org_id = org_of(record)
        org = data.qctx.index.get(org_id) if org_id else None
        if org is not None and data.scope.holds(org, data.qctx):
            out.append(record)
    return out


def year_of_summary(data: Summary) -> int:
    if data.year is not None:
        return data.year
    return work_year(data.qctx.index.records, data.qctx.today, data.qctx.settings)


def _label(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _change_col(data: Summary, key: str = "change") -> Column:
    return data.share_col(key, "同比", "Year on year")


def growth(change: Share | None, lang: str) -> str:
    """同比增长12.5% / 同比下降3.0% / 同比持平; empty without last year's figure."""
    if change is None:
        return ""
    shown = percent(abs(change.fraction))
    if lang == "en":
        return "unchanged on last year" if change.fraction == 0 else f"{'up' if change > 0 else 'down'} {shown}"
    return "同比持平" if change.fraction == 0 else f"同比{'增长' if change > 0 else '下降'}{shown}"


def annual(data: Summary) -> TableData:
    """Every figure of the year, summed, with the number of records that give it and last year's sum."""
    scoped, year = annual_scope(data)
    found = totals(scoped, year)
    rows = [
        {
            "section": f.section,
            "figure": f.key,
            "value": f.value if f.reporting else None,  # no record gives it: not 0, unknown
            "reporting": f.reporting,
            "previous": f.previous,
            "change": f.change,
        }
        for f in found
    ]
    labels = {f.key: (f.zh, f.en) for f in found}
    columns = [
        Column("section", "方面", "Area", show=lambda v, lang: _label(SECTIONS.get(str(v), (v, v)), lang)),
        Column("figure", "项目", "Figure", show=lambda v, lang: _label(labels.get(str(v), (v, v)), lang)),
        data.count_col("value", f"{year}年", str(year)),
        data.count_col("reporting", "填报单位数", "Records giving it"),
        data.count_col("previous", f"{year - 1}年", str(year - 1)),
        _change_col(data),
    ]
    title = data.t(f"{year}年度工作数字", f"Work of {year}")
    return TableData(title, columns, rows, ("" if data.zh else " ").join(sentences(found, data.qctx.lang)))


def sentences(found: list[YearFigure], lang: str) -> list[str]:
    """The 工作总结 sentences: 全年举办学术活动N场、参与M人次，同比增长x% …; a sentence whose figures
    no record gives is left out."""
    f = {x.key: x for x in found}
    out = []
    for first, second, zh, en in SENTENCES:
        a, b = f[first], f[second]
        if not a.reporting and not b.reporting:
            continue
        change = growth(a.change, lang)
        if lang == "en":
            text = en.format(a=a.value, b=b.value) + (f", {change}" if change else "") + "."
        else:
            text = zh.format(a=a.value, b=b.value) + (f"，{change}" if change else "") + "。"
        out.append(text)
    return out


#: (figure, second figure, Chinese, English): the change said is the first figure's
SENTENCES = (
    (
        "academic_events",
        "academic_participants",
        "全年举办学术活动{a}场、参与{b}人次",
        "{a} academic events, {b} participants",
    ),
    ("popular_events", "popular_audience", "开展科普活动{a}场、受众{b}人次", "{a} popularisation events, audience {b}"),
    (
        "members_new",
        "members_individual",
        "新发展会员{a}人、个人会员共{b}人",
        "{a} new members, {b} individual members",
    ),
    ("think_tank_proposals", "think_tank_adopted", "提交建议{a}件、被采纳或获批示{b}件", "{a} proposals, {b} adopted"),
    (
        "funding_cast_grant",
        "funding_project_amount",
        "获科协资助{a}元、项目资助{b}元",
        "CAST grants {a} yuan, projects {b} yuan",
    ),
    (
        "party_meetings",
        "party_new_members",
        "党组织开展三会一课{a}次、发展党员{b}名",
        "{a} Party meetings, {b} new Party members",
    ),
)


def categories(data: Summary) -> TableData:
    """Events and participants per activity category, with last year's events and the change."""
    scoped, year = annual_scope(data)
    rows: list[dict[str, Any]] = []
    for row in by_category(scoped, year):
        rows.append(
            {"category": row.code, **row.values, "previous": row.previous.get("events"), "change": row.change("events")}
        )
    columns = [
        Column("category", "类别", "Category", show=lambda v, lang: _label(CATEGORIES.get(str(v), (v, v)), lang)),
        data.count_col("events", "场次", "Events"),
        data.count_col("participants", "参与人次", "Participants"),
        data.count_col("previous", f"{year - 1}年场次", f"Events {year - 1}"),
        _change_col(data),
    ]
    said = [(CATEGORIES[str(r["category"])], r["events"]) for r in rows if r["events"]]
    headline = data.t(
        "，".join(f"{zh}{n}场" for (zh, _), n in said) or "本年度没有活动记录",
        ", ".join(f"{n} {en}" for (_, en), n in said) or "no activities recorded",
    )
    return TableData(data.t(f"{year}年度活动：按类别", f"Activities of {year} by category"), columns, rows, headline)


def levels(data: Summary) -> TableData:
    """Listed events, participants, awards and nominations per level."""
    scoped, year = annual_scope(data)
    rows = [{"level": row.code, **row.values} for row in by_level(scoped, year)]
    columns = [
        Column("level", "级别", "Level", show=lambda v, lang: _label(LEVELS.get(str(v), (v, v)), lang)),
        data.count_col("events", "活动", "Events"),
        data.count_col("participants", "参与人次", "Participants"),
        data.count_col("awards", "获奖", "Awards"),
        data.count_col("nominations", "人才举荐", "Nominations"),
    ]
    awards = [(LEVELS[str(r["level"])], r["awards"]) for r in rows if r["awards"]]
    headline = data.t(
        "获奖：" + ("，".join(f"{zh}{n}项" for (zh, _), n in awards) or "无"),
        "awards: " + (", ".join(f"{n} {en}" for (_, en), n in awards) or "none"),
    )
    return TableData(data.t(f"{year}年度：按级别", f"{year} by level"), columns, rows, headline)


def organisations(data: Summary) -> TableData:
    """One row per organisation with a record of the year: 年报 state, its main figures and last year's change."""
    scoped, year = annual_scope(data)
    index = data.qctx.index
    rows: list[dict[str, Any]] = []
    for row in by_org(scoped, year):
        org = index.get(row.org)
        name = org.name if org is not None else row.org
        change = _org_change(row.values.get("academic_events"), row.previous.get("academic_events"))
        kind = org.kind if org is not None else ""
        rows.append({"org": name, "kind": kind, "state": row.state, **row.values, "change": change})
    rows.sort(key=lambda r: (str(r["kind"]), str(r["org"])))
    columns = [
        Column("org", "单位", "Organisation", name=True, min_width=8),
        Column("kind", "类别", "Kind", show=kind_label),
        Column("state", "年报", "Report", show=lambda v, lang: _label(STATES.get(str(v), (v, v)), lang)),
        *(data.count_col(k, BY_KEY[k].zh, BY_KEY[k].en) for k in ORG_COLUMNS),
        _change_col(data),
    ]
    columns[-1] = data.share_col("change", "学术活动同比", "Academic events y/y")
    # a narrow terminal shows the name, kind and state; every other format has every column
    columns[3:] = [replace(c, optional=True) for c in columns[3:]]
    counts = Counter(str(r["state"]) for r in rows)
    headline = data.t(
        f"有年度记录的单位{len(rows)}个：" + "，".join(f"{STATES[s][0]}{counts[s]}个" for s in STATES if counts[s]),
        f"{len(rows)} organisations with a record: "
        + ", ".join(f"{counts[s]} {STATES[s][1]}" for s in STATES if counts[s]),
    )
    title = data.t(f"{year}年度工作：按单位", f"Work of {year} by organisation")
    return TableData(title, columns, rows, headline)


def _org_change(now: int | None, before: int | None) -> Share | None:
    return change(now, before) if now is not None else None
