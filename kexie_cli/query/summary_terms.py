"""``kexie summary`` tables of time: terms, elections by quarter and the 年检 results of one or five years."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kexie_cli import kinds
from kexie_cli.figures.inspections import pass_rate, report_rate, standing
from kexie_cli.figures.terms import TERM_CATEGORIES, elected_term, term_category
from kexie_cli.numerals import period_label
from kexie_cli.query.context import TERM_STATE_LABELS
from kexie_cli.query.summary_base import Summary, kind_label
from kexie_cli.records.model import entries
from kexie_cli.share import share
from kexie_cli.tables import Column, TableData
from kexie_cli.terms import quarter_of

#: the kinds that hold 换届 (a term table row, a quarter column): a station or a base has none (``Kind.process``)
ELECTING: tuple[str, ...] = tuple(k.code for k in kinds.KINDS if k.elections)


def terms(data: Summary) -> TableData:
    states = TERM_CATEGORIES
    rows: list[dict[str, Any]] = []
    for kind in ELECTING:
        counts: Counter[str] = Counter()
        for record in data.live(kind):
            counts[term_category(record, data.qctx.today, data.qctx.settings, data.qctx.index.get)] += 1
        rows.append({"kind": kind} | {s: counts[s] for s in states} | {"total": sum(counts.values())})
    footer: dict[str, Any] = {"kind": "total"} | {k: sum(r[k] for r in rows) for k in (*states, "total")}
    columns = [Column("kind", "类别", "Kind", show=kind_label)]
    labels = TERM_STATE_LABELS | {"none": "未登记当届", "appointed": "不换届（党的工作小组）"}
    columns += [data.count_col(s, labels[s], s) for s in states]
    columns.append(data.count_col("total", "合计", "Total"))
    months = data.qctx.settings.lead_months
    headline = data.t(
        f"逾期未换届{footer['overdue']}个，{months}个月内届满{footer['due']}个",
        f"{footer['overdue']} overdue, {footer['due']} due within {months} months",
    )
    return TableData(data.t("换届状态", "Term states"), columns, rows, headline, footer)


def elections(data: Summary) -> TableData:
    """换届 by calendar quarter of this year and the next: terms ending (effective end) and 换届 completed."""
    year = data.qctx.today.year
    codes = ELECTING
    ends: Counter[tuple[int, int, str]] = Counter()
    done: Counter[tuple[int, int, str]] = Counter()
    for kind in codes:
        for record in data.live(kind):
            term = elected_term(record, data.qctx.settings, data.qctx.index.get)
            if term is None:
                continue
            ends[(*quarter_of(term.end), kind)] += 1
            renewed = (term.number or 0) >= 2 or bool(entries(record.get("past_terms")))
            if renewed and term.started <= data.qctx.today:
                done[(*quarter_of(term.started), kind)] += 1
    rows: list[dict[str, Any]] = []
    for y in (year, year + 1):
        for q in (1, 2, 3, 4):
            row: dict[str, Any] = {"quarter": f"{y}Q{q}"}
            row |= {f"ends_{k}": ends[(y, q, k)] for k in codes}
            row["ends"] = sum(ends[(y, q, k)] for k in codes)
            row["completed"] = sum(done[(y, q, k)] for k in codes)
            rows.append(row)
    this_year = [r for r in rows if r["quarter"].startswith(str(year))]
    footer: dict[str, Any] = {"quarter": "total"}
    footer |= {k: sum(r[k] for r in rows) for k in rows[0] if k != "quarter"}
    completed = {k: sum(done[(year, q, k)] for q in (1, 2, 3, 4)) for k in codes}
    footer["completed_this_year"] = sum(completed.values())
    footer |= {f"completed_{k}": n for k, n in completed.items()}

    def show(value: Any, lang: str) -> str:
        return ("Total" if lang == "en" else "合计") if value == "total" else period_label(str(value), lang)

    columns = [
        Column("quarter", "季度", "Quarter", show=show),
        data.count_col("ends_society", "科技社团届满", "Societies ending"),
        data.count_col("ends_branch", "基层科协届满", "Branches ending"),
        data.count_col("ends_party-cell", "党组织届满", "Party cells ending"),
        data.count_col("ends", "届满合计", "Terms ending"),
        data.count_col("completed", "完成换届", "Elections held"),
    ]
    headline = data.t(
        f"{year} 年完成换届{footer['completed_this_year']}个（科技社团{completed['society']}个、"
        f"基层科协{completed['branch']}个、党组织{completed['party-cell']}个），"
        f"本年内届满{sum(r['ends'] for r in this_year)}个",
        f"{footer['completed_this_year']} elections held in {year}; "
        f"{sum(r['ends'] for r in this_year)} terms end in {year}",
    )
    return TableData(
        data.t(f"换届：{year}—{year + 1} 年各季度届满与完成", f"Elections by quarter, {year}-{year + 1}"),
        columns,
        rows,
        headline,
        footer,
    )


def inspection_counts(data: Summary, year: int) -> Counter[str]:
    """年检 results of the societies on the books for ``year``: a result code, ``none`` or ``exempt``."""
    counts: Counter[str] = Counter()
    for record in data.live("society"):
        category = standing(record, year)
        if category is not None:  # founded after the year: not counted in it
            counts[category] += 1
    return counts


def inspection_history(data: Summary) -> TableData:
    """年检 results of the last five report years, for the societies now on the books."""
    last = data.qctx.report_year
    results = [*data.labels("society", ("inspections", 0, "result")), "none", "exempt"]
    names = data.labels("society", ("inspections", 0, "result")) | {"none": "未录入", "exempt": "当年成立免检"}
    rows = []
    for year in range(last - 4, last + 1):
        counts = inspection_counts(data, year)
        rows.append({"year": year} | {r: counts[r] for r in results} | {"total": sum(counts.values())})
    columns = [Column("year", "年度", "Year")]
    columns += [data.count_col(r, names.get(r, r), r) for r in results]
    columns.append(data.count_col("total", "合计", "Total"))
    latest = rows[-1]
    verdicts = sum(latest.get(r, 0) for r in ("pass", "basic-pass", "fail"))
    if verdicts or not latest.get("submitted", 0):
        headline = data.t(
            f"近五个年度年检：{last - 4}—{last} 年度，{last} 年度合格{latest.get('pass', 0)}家",
            f"Inspections {last - 4}-{last}: {latest.get('pass', 0)} passed in {last}",
        )
    else:  # a 年报 regime: reports are handed in, no verdict is given
        headline = data.t(
            f"近五个年度年报：{last - 4}—{last} 年度，{last} 年度已报送{latest['submitted']}家",
            f"Annual reports {last - 4}-{last}: {latest['submitted']} submitted in {last}",
        )
    return TableData(data.t("历年年检/年报结果", "Inspections by year"), columns, rows, headline)


def inspections(data: Summary) -> TableData:
    year = data.qctx.report_year
    results = list(data.labels("society", ("inspections", 0, "result")))
    counts = inspection_counts(data, year)
    counted = sum(counts.values())  # the societies on the books founded by the end of the year
    keys = [*results, "none", "exempt"]
    rows = [{"result": k, "count": counts[k], "share": share(counts[k], counted)} for k in keys]
    footer = {"result": "total", "count": counted, "share": share(counted, counted)}
    # 合格率 and 报送率: one definition each, shared with `kexie inspections` (figures/inspections.py)
    footer["pass_rate"] = pass_rate(counts)
    footer["report_rate"] = report_rate(counts, counted - counts["exempt"])
    names = data.labels("society", ("inspections", 0, "result")) | {"none": "未录入", "exempt": "当年成立免检"}

    def show(value: Any, lang: str) -> str:
        if value == "total":
            return "Total" if lang == "en" else "合计"
        return str(value) if lang == "en" else names.get(str(value), str(value))

    columns = [
        Column("result", "结论", "Result", show=show),
        data.count_col("count", "学会数", "Societies"),
        data.share_col(),
    ]
    shown = [f"{show(k, data.qctx.lang)} {counts[k]}" for k in keys if counts[k]]
    said = [f"{show(k, data.qctx.lang)}{counts[k]}家" for k in keys if counts[k]]
    headline = data.t(f"{year} 年度年检：" + "，".join(said), f"{year} inspections: " + ", ".join(shown))
    return TableData(data.t(f"{year} 年度年检/年报结果", f"Inspections for {year}"), columns, rows, headline, footer)
