"""``kexie party``: 党的组织和工作覆盖 of the societies on the books, and each Party cell's 三会一课.

Every number comes from ``party.cover`` (docs/party.md), as do ``kexie summary party`` and rules
K501/K506: the population is the societies on the books (在册: active, dormant, suspended); a
society lists every form of cover it has; 三会一课 gaps follow the cell's form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.calendar.output import Report
from kexie_cli.figures.books import on_books
from kexie_cli.figures.terms import elected_term
from kexie_cli.i18n import tr
from kexie_cli.numerals import period_label
from kexie_cli.party.cover import (
    COVER_OF_FORM,
    FORMS_OF_COVER,
    LAST_12_MONTHS,
    Cover,
    CoverageCount,
    count_cover,
    cover_of,
    meeting_gaps,
)
from kexie_cli.party.forms import form_of, head_role, holds_elections, meeting_label
from kexie_cli.query.context import QueryContext
from kexie_cli.query.scope import Scope, make_scope
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record, current_leaders, integer, text
from kexie_cli.records.roles import role_label
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.share import Share, percent
from kexie_cli.tables import Column, TableData
from kexie_cli.terms import TermState, term_state

MAX_PERIODS = 3


@dataclass(frozen=True, slots=True)
class Cell:
    record: Record
    head: str
    head_role: str
    term_ends: dt.date | None
    term_state: TermState | None
    elects: bool  # holds 换届 elections (not a working group, nor a C 类 cell without duties)
    gaps: dict[str, list[str]] | None  # None: not checked (no meetings log, or a working group)


@dataclass(frozen=True, slots=True)
class PartyOverview:
    today: dt.date
    societies: list[Cover]
    cells: list[Cell]
    counts: CoverageCount
    where: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # party cell id -> name (tables show names)
    where_text: tuple[str, ...] = ()  # the --where conditions as the title says them (Scope.describe)

    def count(self, form: str) -> int:
        """Societies having this form of cover (``none``: no cover at all)."""
        return self.counts.uncovered if form == "none" else self.counts.by_form.get(form, 0)

    def share(self, form: str) -> Share | None:
        return self.counts.share(self.count(form))

    @property
    def gap_cells(self) -> int:
        return sum(1 for c in self.cells if c.gaps)

    @property
    def gap_findings(self) -> int:
        """The number of K506 findings these gaps make (one per meeting type with a gap)."""
        return sum(len(c.gaps) for c in self.cells if c.gaps)


def cell_of(record: Record, settings: Settings, today: dt.date, index: Index) -> Cell:
    elects = holds_elections(record, settings)
    term = elected_term(record, settings, index.get) if elects else None
    role = head_role(record)
    return Cell(
        record=record,
        head="、".join(ld.name for ld in current_leaders(record.data, today, role)),
        head_role=role,
        term_ends=term.end if term else None,
        term_state=term_state(term.end, today, settings.lead_for("party-cell")) if term else None,
        elects=elects,
        gaps=meeting_gaps(record, settings, today),
    )


def party_overview(
    records: list[Record],
    settings: Settings,
    schemas: SchemaSet,
    today: dt.date,
    where: Sequence[str] = (),
    lang: str = "zh",
) -> PartyOverview:
    index = Index(records)
    qctx = QueryContext(today, settings, schemas, index, lang)
    scope: Scope = make_scope(where, qctx)
    societies = [cover_of(r, index) for r in index.of_kind("society") if on_books(r, today) and scope.holds(r, qctx)]
    order = (*FORMS_OF_COVER, "none")
    societies.sort(key=lambda c: (order.index(c.strongest), c.record.id))
    cells = [
        cell_of(r, settings, today, index)
        for r in index.of_kind("party-cell")
        if on_books(r, today) and scope.holds(r, qctx)
    ]
    cells.sort(key=lambda c: c.record.id)
    names = {r.id: r.name for r in index.of_kind("party-cell") if r.name}
    counts = count_cover(societies)
    return PartyOverview(today, societies, cells, counts, tuple(where), names, tuple(scope.describe(lang)))


def _cover_label(value: object, lang: str) -> str:
    return tr(f"party.cover.{value}", lang) if value else ""


def _percent(value: object, lang: str) -> str:
    return percent(value, "")


def _periods(periods: list[str], lang: str) -> str:
    """At most three period labels, then the count: the table stays readable, JSON has them all."""
    periods = [tr("party.last_12_months", lang) if p == LAST_12_MONTHS else period_label(p, lang) for p in periods]
    sep = ", " if lang == "en" else "、"
    if len(periods) <= MAX_PERIODS:
        return sep.join(periods)
    shown = sep.join(periods[:2])
    return f"{shown} … ({len(periods)})" if lang == "en" else f"{shown} 等{len(periods)}个"


def _cell_row(cell: Cell) -> dict[str, object]:
    record = cell.record
    return {
        "id": record.id,
        "name": record.name,
        "form": text(record.get("form")),
        "category": text(record.get("category")),
        "members_full": integer(record.get("members", "full")),
        "members_probationary": integer(record.get("members", "probationary")),
        "covers": len(record.get("covers")) if isinstance(record.get("covers"), list) else 0,
        "head": cell.head or None,
        "head_role": cell.head_role,
        "secretary": cell.head or None,  # kept for scripts written before head/head_role
        "elections": cell.elects,
        "term_ends": cell.term_ends,
        "term_state": cell.term_state.value if cell.term_state else None,
        "gaps": cell.gaps,
    }


def _coverage_rows(overview: PartyOverview, index_cells: list[Cell]) -> list[dict[str, object]]:
    """One row per form of cover (a society counts under each form it has), then the two 覆盖 and 未覆盖."""
    counts = overview.counts
    cells_by_form: dict[str, int] = {}
    counted = {s.record.id for s in overview.societies}
    for cell in index_cells:
        covers = cell.record.get("covers")
        if not isinstance(covers, list) or not counted.intersection(c for c in covers if isinstance(c, str)):
            continue  # counts the cells that cover a society counted here (not a 党委 covering none)
        cover = COVER_OF_FORM.get(form_of(cell.record) or "", "own")
        cells_by_form[cover] = cells_by_form.get(cover, 0) + 1
    rows: list[dict[str, object]] = []
    for form in FORMS_OF_COVER:
        units = counts.liaison_people if form == "liaison" else cells_by_form.get(form, 0)
        rows.append({"coverage": form, "count": counts.by_form[form], "units": units})
    rows.append({"coverage": "organisation", "count": counts.organisation, "units": None})
    rows.append({"coverage": "work", "count": counts.work, "units": None})
    rows.append({"coverage": "none", "count": counts.uncovered, "units": None})
    for row in rows:
        row["share"] = counts.share(int(str(row["count"])))
    return rows


def _head_cell(row: dict[str, Any], lang: str) -> str:
    """The head with the role's word in front (书记 张三, 组长 李四): one column in terminal tables."""
    head = text(row.get("head")) or ""
    role = row.get("head_role")
    return f"{role_label(role, 'party-cell', lang)} {head}" if head and isinstance(role, str) else head


def party_report(overview: PartyOverview, settings: Settings, schemas: SchemaSet, lang: str) -> Report:
    counts = overview.counts
    total = counts.total
    scope = ""
    if overview.where:
        said = overview.where_text or overview.where
        scope = f" (where {'; '.join(said)})" if lang == "en" else f"（筛选：{'；'.join(said)}）"
    coverage_rows = _coverage_rows(overview, overview.cells)
    coverage_table = TableData(
        tr("party.coverage_title", lang, registry=settings.registry, today=overview.today) + scope,
        [
            Column("coverage", "覆盖方式", "Coverage", _cover_label),
            Column("count", "社团数", "Societies", align="right"),
            Column("share", "占比", "Share", _percent, align="right", percent=True),
            Column("units", "党组织数/联络员人数", "Cells / liaisons", align="right"),
        ],
        coverage_rows,
        headline=tr("party.cover.note", lang),
        footer={"coverage": "total", "count": total, "share": 1.0 if total else None},
    )

    def show_forms(value: object, lg: str) -> str:
        forms = value if isinstance(value, list) else []
        return ("; " if lg == "en" else "、").join(_cover_label(f, lg) for f in forms) or _cover_label("none", lg)

    def show_status(value: object, lg: str) -> str:
        return schemas.label("society", ("status",), value, lg) if value else ""

    societies = [
        {
            "id": s.record.id,
            "name": s.record.name,
            "status": text(s.record.get("status")),
            "coverage": s.strongest,
            "forms": list(s.forms),
            "organisation": s.organisation,
            "work": s.work,
            "cells": list(s.cells),
        }
        for s in overview.societies
    ]
    societies_table = TableData(
        tr("party.societies_title", lang),
        [
            Column("name", "名称", "Name", name=True),
            Column("status", "状态", "Status", show_status),
            Column("forms", "覆盖方式（全部）", "Forms of cover (all)", show_forms),
            Column(
                "cells",
                "覆盖党组织",
                "Party cells",
                lambda v, lg: "、".join(overview.names.get(str(c), str(c)) for c in v) if isinstance(v, list) else "",
            ),
        ],
        societies,
    )
    uncovered = [
        {
            "id": s.record.id,
            "name": s.record.name,
            "status": text(s.record.get("status")),
            "level": text(s.record.get("level")),
            "supporting_unit": text(s.record.get("supporting_unit")),
        }
        for s in overview.societies
        if not s.work
    ]
    uncovered_table = TableData(
        tr("party.uncovered_title", lang),
        [
            Column("name", "名称", "Name", name=True),
            Column("status", "状态", "Status", show_status),
            Column("level", "级别", "Level", lambda v, lg: schemas.label("society", ("level",), v, lg) if v else ""),
            Column("supporting_unit", "挂靠单位", "Supporting unit"),
        ],
        uncovered,
    )

    def show_gaps(value: object, lg: str) -> str:
        """``(form, gaps)`` of a cell: 不开展三会一课 (working group), 未登记 (no log), or the gaps by meeting."""
        form, gaps = value if isinstance(value, tuple) else (None, value)
        if gaps is None:
            return tr("party.not_checked", lg) if form == "working-group" else tr("party.not_logged", lg)
        if not isinstance(gaps, dict) or not gaps:
            return ""
        sep = "; " if lg == "en" else "；"
        return sep.join(
            f"{meeting_label(k, form, lg, schemas.label('party-cell', ('meetings', 0, 'type'), k, lg))}"
            f"{': ' if lg == 'en' else '：'}{_periods(v, lg)}"
            for k, v in gaps.items()
        )

    cells = [_cell_row(c) for c in overview.cells]
    for row in cells:
        row["gaps_view"] = (row["form"], row["gaps"])  # display only: the gaps column reads the form too

    def show_election(value: object, lg: str) -> str:
        if value is False:
            return tr("party.no_elections", lg)
        return ""

    cells_table = TableData(
        tr("party.cells_title", lang),
        [
            Column("name", "党组织", "Party cell", min_width=12),
            Column(
                "form", "组织形式", "Form", lambda v, lg: schemas.label("party-cell", ("form",), v, lg) if v else ""
            ),
            Column(
                "category",
                "类别",
                "Category",
                lambda v, lg: (
                    f"{v} {schemas.label('party-cell', ('category',), v, lg)}" if v and lg != "en" else v or ""
                ),
                optional=True,
            ),
            Column("members_full", "正式党员", "Full", align="right"),
            Column("members_probationary", "预备党员", "Probationary", align="right", optional=True),
            Column("head_role", "职务", "Role", lambda v, lg: role_label(v, "party-cell", lg), in_table=False),
            Column("head", "负责人", "Head", person=True, cell=_head_cell),
            Column("term_ends", "届满日期", "Term ends", lambda v, lg: str(v) if v else ""),
            Column(
                "term_state",
                "换届",
                "Election",
                lambda v, lg: tr(f"elections.state.{v}", lg) if v in ("due", "overdue") else "",
                optional=True,
            ),
            Column("elections", "是否换届", "Elected", show_election, optional=True),
            Column("gaps_view", "三会一课缺项（近12个月）", "三会一课 gaps (12 months)", show_gaps),
        ],
        cells,
    )
    summary = tr(
        "party.overview",
        lang,
        total=total,
        organisation=counts.organisation,
        organisation_share=_percent(counts.share(counts.organisation), lang) or "—",
        work=counts.work,
        work_share=_percent(counts.share(counts.work), lang) or "—",
        none=counts.uncovered,
        active=counts.uncovered_active,
        cells=len(overview.cells),
        gaps=overview.gap_cells,
        findings=overview.gap_findings,
    )
    document = {
        "as_of": overview.today,
        "where": list(overview.where),
        "coverage": {
            "total": total,
            "organisation": counts.organisation,
            "work": counts.work,
            "uncovered": counts.uncovered,
            "uncovered_active": counts.uncovered_active,
            "liaison_people": counts.liaison_people,
            "counts": {r["coverage"]: r["count"] for r in coverage_rows},
            "shares": {r["coverage"]: r["share"] for r in coverage_rows},
            "cells": {str(r["coverage"]): r["units"] for r in coverage_rows[:4]},  # cells covering these societies
        },
        "societies": societies,
        "uncovered": uncovered,
        "cells": [{k: v for k, v in row.items() if k != "gaps_view"} for row in cells],
        "meeting_gaps": {"cells": overview.gap_cells, "findings": overview.gap_findings},
    }
    names = [
        tr("party.sheet_coverage", lang),
        tr("party.sheet_societies", lang),
        tr("party.sheet_uncovered", lang),
        tr("party.sheet_cells", lang),
    ]
    return Report([coverage_table, societies_table, uncovered_table, cells_table], document, summary, names)
