"""The figures of the 年度工作总结's statistics section, taken from ``kexie summary``'s tables.

Nothing is counted here: every figure is read from the table ``summary`` computes (the
``source`` says which cell of ``kexie summary --format json``), so the report and
``summary`` cannot disagree. The comparison figures are the same cells of the summary of
the registry as committed at the comparison revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.query.summary import summary
from kexie_cli.report.changes import Changes
from kexie_cli.report.work import Work
from kexie_cli.tables import TableData, to_jsonable


@dataclass(frozen=True, slots=True)
class Source:
    """A cell of ``summary --format json``: ``table``, the row (``None`` = the total row) and the key."""

    table: str
    key: str
    row: tuple[str, str] | None = None  # (row key, value), e.g. ("kind", "society")

    def __str__(self) -> str:
        where = "total" if self.row is None else f"{self.row[0]}={self.row[1]}"
        return f"{self.table}:{where}:{self.key}"


@dataclass(frozen=True, slots=True)
class Spec:
    key: str
    source: Source
    rate: bool = False
    unit: str = ""  # 家 / 个 / 人; rates are shown as percentages


def _s(key: str, table: str, cell: str, row: tuple[str, str] | None = None, unit: str = "", rate: bool = False) -> Spec:
    return Spec(key, Source(table, cell, row), rate, unit)


SOC = ("kind", "society")
SPECS = [
    _s("societies", "levels", "total", unit="家"),
    _s("stars_rated", "stars", "count", unit="家"),
    _s("stars_share", "stars", "share", rate=True),
    _s("org_covered", "party", "organisation", SOC, unit="家"),
    _s("org_rate", "party", "organisation_rate", SOC, rate=True),
    _s("work_covered", "party", "work", SOC, unit="家"),
    _s("work_rate", "party", "work_rate", SOC, rate=True),
    _s("elections_completed", "elections", "completed_this_year", unit="个"),
    _s("elections_society", "elections", "completed_society", unit="个"),
    _s("elections_branch", "elections", "completed_branch", unit="个"),
    _s("elections_party", "elections", "completed_party-cell", unit="个"),
    _s("terms_overdue", "terms", "overdue", unit="个"),
    _s("terms_due", "terms", "due", unit="个"),
    _s("inspection_pass", "inspections", "count", ("result", "pass"), unit="家"),
    _s("inspection_basic", "inspections", "count", ("result", "basic-pass"), unit="家"),
    _s("inspection_fail", "inspections", "count", ("result", "fail"), unit="家"),
    _s("inspection_submitted", "inspections", "count", ("result", "submitted"), unit="家"),
    _s("inspection_missing", "inspections", "count", ("result", "missing"), unit="家"),
    _s("inspection_none", "inspections", "count", ("result", "none"), unit="家"),
    _s("inspection_rate", "inspections", "pass_rate", rate=True),
    _s("inspection_report_rate", "inspections", "report_rate", rate=True),
    _s("township_branches", "grassroots", "count", ("type", "township"), unit="个"),
    _s("township_rate", "grassroots", "rate", ("type", "township"), rate=True),
    _s("village_branches", "grassroots", "count", ("type", "village"), unit="个"),
    _s("village_rate", "grassroots", "rate", ("type", "village"), rate=True),
    _s("three_heads_people", "three-heads", "people", unit="人"),
    _s("three_heads_branches", "three-heads", "branches", unit="个"),
    _s("members_individual", "members", "individual", SOC, unit="人"),
    _s("members_group", "members", "group", SOC, unit="个"),
    _s("branch_members_individual", "members", "individual", ("kind", "branch"), unit="人"),
    _s("district_branches", "grassroots", "count", ("type", "district"), unit="个"),
    _s("district_rate", "grassroots", "rate", ("type", "district"), rate=True),
]


@dataclass(frozen=True, slots=True)
class Figure:
    spec: Spec
    value: Any
    previous: Any = None
    compared: bool = False

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def change(self) -> float | int | None:
        if not self.compared or not isinstance(self.value, (int, float)) or not isinstance(self.previous, (int, float)):
            return None
        delta = self.value - self.previous
        return round(delta, 4) if self.spec.rate else delta


@dataclass(frozen=True, slots=True)
class Base:
    """What the figures are compared with: a revision, its date, and how to name it."""

    rev: str
    day: dt.date
    label: str  # e.g. "2025年12月31日" or "版本 abc1234（2025年12月31日）"


@dataclass(slots=True)
class ReportData:
    registry: str
    today: dt.date
    year: int
    report_year: int  # the 年检 year (inspections deadline)
    tables: list[tuple[str, TableData]]
    figures: dict[str, Figure]
    base: Base | None = None
    unloaded: list[str] = field(default_factory=list)  # files that could not be loaded (named on stderr)
    scope: str = "全市"  # the word for the whole area (settings scope, registry/settings.default_scope)
    source: Base | None = None  # a past year: the commit whose records are described
    today_records: bool = False  # a past year without Git history that early: today's records were used
    changes: Changes | None = None  # 新增 and 解除/注销 against the comparison
    omit: tuple[str, ...] = ()  # headlines turned off (settings report.omit)
    work: Work | None = None  # the year's 工作总结 (report/work.py), None without annual records of that year

    def table(self, name: str) -> TableData:
        return dict(self.tables)[name]


def summary_json_cells(tables: list[tuple[str, TableData]]) -> dict[str, dict[str, Any]]:
    return {name: {"rows": to_jsonable(t.rows), "total": to_jsonable(t.footer)} for name, t in tables}


def lookup(cells: dict[str, dict[str, Any]], source: Source) -> Any:
    """The value of ``source`` in summary JSON (``{table: {rows, total}}``); None when absent."""
    table = cells.get(source.table)
    if table is None:
        return None
    if source.row is None:
        total = table.get("total") or {}
        return total.get(source.key)
    key, wanted = source.row
    for row in table.get("rows") or []:
        if str(row.get(key)) == wanted:
            return row.get(source.key)
    return None


def figures(tables: list[tuple[str, TableData]], previous: list[tuple[str, TableData]] | None) -> dict[str, Figure]:
    now = summary_json_cells(tables)
    before = summary_json_cells(previous) if previous is not None else {}
    return {
        spec.key: Figure(spec, lookup(now, spec.source), lookup(before, spec.source), previous is not None)
        for spec in SPECS
    }


TABLES = ["levels", "stars", "party", "elections", "terms", "inspections", "inspection-history", "grassroots"]
TABLES += ["three-heads", "members", "branches", "npo"]


def summary_tables(records: list[Any], qctx: Any) -> list[tuple[str, TableData]]:
    return summary(records, qctx, TABLES)
