"""``kexie inspections``: the 年检 / 年报 picture of one report year.

Decisions (docs/calendar.md):
- Rows are the societies still on the books (``Record.live``: active,
  dormant, suspended), the same set rules K401/K402 look at.
- The streak counts consecutive years of ``missing``/``fail`` ending at the
  latest entry for the report year or before; a year without an entry ends
  the streak (that case is K401, listed separately). A streak of 2 or more is
  exactly rule K402 when the report year is the latest entry.
- Passed share = (合格 + 基本合格) / societies that owe a report (not exempt,
  or exempt but reported anyway); submitted share counts every entry that is
  not ``missing``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kexie_cli.calendar.output import Report
from kexie_cli.figures.books import on_books
from kexie_cli.figures.inspections import MIN_STREAK, bad_streak, inspection_years, pass_rate, report_rate
from kexie_cli.figures.inspections import standing as standing_of
from kexie_cli.i18n import tr
from kexie_cli.records.model import Record, date, entries
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.share import Share, percent
from kexie_cli.tables import Column, TableData
from kexie_cli.terms import report_deadline, report_year

RESULTS = ("pass", "basic-pass", "submitted", "fail", "missing")
RANK = {"none": 0, "missing": 1, "fail": 2, "basic-pass": 3, "submitted": 4, "pass": 5, "exempt": 6}
RESULT_PATH = ("inspections", 0, "result")


@dataclass(frozen=True, slots=True)
class Inspection:
    """One society's standing for the report year."""

    record: Record
    result: str | None  # the entry's result code; None when there is no entry
    submitted: dt.date | None
    exempt: bool
    streak: tuple[int, ...]  # the years of the missing/fail streak, oldest first

    @property
    def candidate(self) -> bool:
        """A 解除资格 candidate: missing or failed two years running (K402 for the last report year due)."""
        return len(self.streak) >= MIN_STREAK

    @property
    def category(self) -> str:
        """The result code, ``none`` (no entry), or ``exempt`` (no entry and none owed)."""
        if self.result is not None:
            return self.result
        return "exempt" if self.exempt else "none"


@dataclass(frozen=True, slots=True)
class InspectionSummary:
    year: int
    deadline: dt.date
    rows: list[Inspection]

    def count(self, category: str) -> int:
        return sum(1 for r in self.rows if r.category == category)

    @property
    def owed(self) -> int:
        return sum(1 for r in self.rows if r.category != "exempt")

    @property
    def passed_share(self) -> Share | None:
        """合格率 (:func:`kexie_cli.rules.inspections.pass_rate`, the same as ``summary``)."""
        return pass_rate(self._counts())

    @property
    def submitted_share(self) -> Share | None:
        return report_rate(self._counts(), self.owed)

    def _counts(self) -> dict[str, int]:
        return {c: self.count(c) for c in ("pass", "basic-pass", "submitted", "fail")}

    @property
    def candidates(self) -> list[Inspection]:
        """Missing or failed two years running: candidates for 解除资格 (K402)."""
        return [r for r in self.rows if r.candidate]

    @property
    def unentered(self) -> list[Inspection]:
        """Owing a report for the year and without an entry (K401)."""
        return [r for r in self.rows if r.category == "none"]


def _submitted(record: Record, index: int) -> dt.date | None:
    for i, item in entries(record.get("inspections")):
        if i == index:
            return date(item.get("submitted"))
    return None


def inspection_of(record: Record, year: int) -> Inspection:
    found = inspection_years(record).get(year)
    return Inspection(
        record=record,
        result=found[1] if found else None,
        submitted=_submitted(record, found[0]) if found else None,
        exempt=standing_of(record, year) == "exempt",
        streak=bad_streak(record, year),
    )


def inspections(
    records: list[Record], settings: Settings, today: dt.date, year: int | None = None
) -> InspectionSummary:
    """The standing of every society on the books for ``year`` (default: the last report year due).

    Societies founded after ``year`` do not appear in it (``figures.inspections.standing``). For the
    last report year due, the 解除资格 candidates are exactly K402's (``candidate_streak``).
    """
    year = report_year(today, settings.deadline) if year is None else year
    rows = [
        inspection_of(r, year)
        for r in records
        if r.kind == "society" and on_books(r, today) and standing_of(r, year) is not None
    ]
    rows.sort(key=lambda r: (RANK.get(r.category, 0), r.record.id))
    return InspectionSummary(year, report_deadline(year, settings.deadline), rows)


def _result_label(schemas: SchemaSet, lang: str) -> Callable[[object, str], str]:
    def show(value: object, lg: str) -> str:
        if value in (None, "none", "exempt"):
            return tr("inspections.none", lg)
        return schemas.label("society", RESULT_PATH, value, lang)

    return show


def _row(item: Inspection, year: int) -> dict[str, object]:
    record = item.record
    return {
        "id": record.id,
        "name": record.name,
        "status": record.status,
        "founded": date(record.get("founded")),
        "year": year,
        "result": item.result,
        "submitted": item.submitted,
        "exempt": item.exempt,
        "streak": len(item.streak),
        "streak_years": list(item.streak),
    }


def _follow_up(summary: InspectionSummary) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for item in summary.candidates:
        out.append({"id": item.record.id, "name": item.record.name, "code": "K402", "years": list(item.streak)})
    for item in summary.unentered:
        out.append({"id": item.record.id, "name": item.record.name, "code": "K401", "years": [summary.year]})
    return out


def counts(summary: InspectionSummary) -> dict[str, int]:
    return {c: summary.count(c) for c in (*RESULTS, "none", "exempt")}


def summary_line(summary: InspectionSummary, schemas: SchemaSet, lang: str) -> str:
    label = _result_label(schemas, lang)
    parts = [f"{label(c, lang)} {n}" for c, n in counts(summary).items() if c != "exempt"]
    share = summary.passed_share
    submitted = summary.submitted_share
    return tr(
        "inspections.summary",
        lang,
        year=summary.year,
        owed=summary.owed,
        parts="、".join(parts) if lang != "en" else ", ".join(parts),
        exempt=summary.count("exempt"),
        passed=percent(share),
        submitted=percent(submitted),
    )


def inspections_report(summary: InspectionSummary, settings: Settings, schemas: SchemaSet, lang: str) -> Report:
    show_result = _result_label(schemas, lang)

    def show_status(value: object, lg: str) -> str:
        return schemas.label("society", ("status",), value, lg) if value else ""

    def show_years(value: object, lg: str) -> str:
        return "、".join(str(y) for y in value) if isinstance(value, list) else ""

    def show_streak(value: object, lg: str) -> str:
        return str(value) if isinstance(value, int) and value else ""

    rows = [_row(i, summary.year) for i in summary.rows]
    main = TableData(
        tr("inspections.title", lang, registry=settings.registry, year=summary.year, deadline=summary.deadline),
        [
            Column("name", "名称", "Name", name=True),
            Column("status", "状态", "Status", show_status),
            Column("result", "年检结果", "Result", show_result),
            Column("submitted", "报送日期", "Submitted"),
            Column("exempt", "免检", "Exempt"),
            Column("streak", "连续未参检/不合格", "Bad streak", show_streak, align="right"),
        ],
        rows,
    )
    follow = _follow_up(summary)
    second = TableData(
        tr("inspections.follow_title", lang),
        [
            Column("name", "名称", "Name", name=True),
            Column("code", "规则", "Rule"),
            Column("code", "事项", "Matter", lambda v, lg: tr(f"inspections.follow.{v}", lg)),
            Column("years", "年度", "Years", show_years),
        ],
        follow,
        headline=tr("inspections.follow_headline", lang, k402=len(summary.candidates), k401=len(summary.unentered)),
    )
    document = {
        "year": summary.year,
        "deadline": summary.deadline,
        "rows": rows,
        "follow_up": follow,
        "counts": counts(summary),
        "owed": summary.owed,
        "passed_share": summary.passed_share,
        "submitted_share": summary.submitted_share,
    }
    return Report(
        [main, second],
        document,
        summary_line(summary, schemas, lang),
        [tr("inspections.sheet_main", lang), tr("inspections.sheet_follow", lang)],
    )
