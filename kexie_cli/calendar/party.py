"""``kexie party``: coverage of active societies (两个全覆盖) and the Party cells' 三会一课.

Decisions (docs/calendar.md):
- A society counts under the strongest form among the live cells covering
  it: own cell (党支部, 党总支, 党委) > joint branch > working group >
  functional branch; with no cell, a ``liaison`` (党建联络员 or 党建工作
  指导员) counts as "liaison only"; otherwise it is not covered (K501).
- 三会一课 frequencies are settings ``party.meetings``; committee and group
  meetings default to monthly, but unless the settings name them they are
  checked only for cells whose log records that type at least once (a cell
  without a 支委会 or 党小组 holds none). Cells without a ``meetings`` log
  are shown as "not logged", as rule K506 skips them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from kexie_cli.calendar.output import Report
from kexie_cli.i18n import tr
from kexie_cli.records.model import Record, current_leaders, entries, integer, term_of, text
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.reporters.tables import Column, TableData
from kexie_cli.rules.party import LAST_12_MONTHS, covering_cells, meeting_gaps
from kexie_cli.terms import TermState, term_state
from kexie_cli.validate.context import Context
from kexie_cli.validate.index import Index

COVERAGE = ("own", "joint", "working-group", "functional", "liaison", "none")
FORM_COVERAGE = {
    "branch": "own",
    "general-branch": "own",
    "committee": "own",
    "joint-branch": "joint",
    "working-group": "working-group",
    "functional-branch": "functional",
}
MAX_PERIODS = 3
OPTIONAL_MEETINGS = {"committee-meeting": "monthly", "group-meeting": "monthly"}


@dataclass(frozen=True, slots=True)
class Coverage:
    record: Record
    category: str
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cell:
    record: Record
    secretary: str
    term_ends: dt.date | None
    term_state: TermState | None
    gaps: dict[str, list[str]] | None  # None: no meetings log


@dataclass(frozen=True, slots=True)
class PartyOverview:
    today: dt.date
    societies: list[Coverage]
    cells: list[Cell]

    def count(self, category: str) -> int:
        return sum(1 for s in self.societies if s.category == category)

    def share(self, category: str) -> float | None:
        total = len(self.societies)
        return round(self.count(category) / total, 4) if total else None


def coverage_of(record: Record, ctx: Context) -> Coverage:
    cells = covering_cells(record.id, ctx)
    found = {FORM_COVERAGE.get(text(c.get("form")) or "", "functional") for c in cells}
    category = next((c for c in COVERAGE if c in found), None)
    if category is None:
        category = "liaison" if isinstance(record.get("liaison"), dict) else "none"
    return Coverage(record, category, tuple(sorted(c.id for c in cells)))


def cell_frequencies(record: Record, settings: Settings) -> dict[str, str]:
    logged = {text(m.get("type")) for _, m in entries(record.get("meetings"))}
    explicit = settings.raw.get("party", {}).get("meetings", {}) if isinstance(settings.raw, dict) else {}
    extra = {k: v for k, v in OPTIONAL_MEETINGS.items() if k in logged and k not in explicit}
    return extra | dict(settings.meetings)


def cell_of(record: Record, ctx: Context) -> Cell:
    term = term_of(record.data)
    gaps = None
    if isinstance(record.get("meetings"), list):
        settings = dataclasses.replace(ctx.settings, meetings=cell_frequencies(record, ctx.settings))
        gaps = meeting_gaps(record, dataclasses.replace(ctx, settings=settings))
    return Cell(
        record=record,
        secretary="、".join(ld.name for ld in current_leaders(record.data, ctx.today, "secretary")),
        term_ends=term.end if term else None,
        term_state=term_state(term.end, ctx.today, ctx.settings.lead_months) if term else None,
        gaps=gaps,
    )


def party_overview(records: list[Record], settings: Settings, schemas: SchemaSet, today: dt.date) -> PartyOverview:
    index = Index(records)
    ctx = Context(settings, schemas, today, index)
    societies = [coverage_of(r, ctx) for r in index.of_kind("society") if r.active]
    societies.sort(key=lambda c: (COVERAGE.index(c.category), c.record.id))
    cells = [cell_of(r, ctx) for r in index.of_kind("party-cell") if r.live]
    cells.sort(key=lambda c: c.record.id)
    return PartyOverview(today, societies, cells)


def _coverage_label(value: object, lang: str) -> str:
    return tr(f"party.coverage.{value}", lang) if value else ""


def _percent(value: object, lang: str) -> str:
    return f"{value * 100:.1f}%" if isinstance(value, float) else ""


def _periods(periods: list[str], lang: str) -> str:
    """At most three period labels, then the count: the table stays readable, JSON has them all."""
    periods = [tr("party.last_12_months", lang) if p == LAST_12_MONTHS else p for p in periods]
    if len(periods) <= MAX_PERIODS:
        return ", ".join(periods)
    shown = ", ".join(periods[:2])
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
        "secretary": cell.secretary or None,
        "term_ends": cell.term_ends,
        "term_state": cell.term_state.value if cell.term_state else None,
        "gaps": cell.gaps,
    }


def party_report(overview: PartyOverview, settings: Settings, schemas: SchemaSet, lang: str) -> Report:
    total = len(overview.societies)
    counts = [{"coverage": c, "count": overview.count(c), "share": overview.share(c)} for c in COVERAGE]
    coverage_table = TableData(
        tr("party.coverage_title", lang, registry=settings.registry, today=overview.today),
        [
            Column("coverage", "覆盖方式", "Coverage", _coverage_label),
            Column("count", "社团数", "Societies", align="right"),
            Column("share", "占比", "Share", _percent, align="right", percent=True),
        ],
        counts,
        footer={"coverage": "total", "count": total, "share": 1.0 if total else None},
    )
    societies = [
        {"id": s.record.id, "name": s.record.name, "coverage": s.category, "cells": list(s.cells)}
        for s in overview.societies
    ]
    uncovered = [
        {
            "id": s.record.id,
            "name": s.record.name,
            "level": text(s.record.get("level")),
            "supporting_unit": text(s.record.get("supporting_unit")),
        }
        for s in overview.societies
        if s.category == "none"
    ]
    uncovered_table = TableData(
        tr("party.uncovered_title", lang),
        [
            Column("name", "名称", "Name", name=True),
            Column("level", "级别", "Level", lambda v, lg: schemas.label("society", ("level",), v, lg) if v else ""),
            Column("supporting_unit", "挂靠单位", "Supporting unit"),
        ],
        uncovered,
    )

    def show_gaps(value: object, lg: str) -> str:
        if value is None:
            return tr("party.not_logged", lg)
        if not isinstance(value, dict) or not value:
            return ""
        sep = "; " if lg == "en" else "；"
        return sep.join(
            f"{schemas.label('party-cell', ('meetings', 0, 'type'), k, lg)}: {_periods(v, lg)}"
            for k, v in value.items()
        )

    def show_end(value: object, lg: str) -> str:
        return str(value) if value else ""

    cells = [_cell_row(c) for c in overview.cells]
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
            Column("members_probationary", "预备党员", "Probationary", align="right"),
            Column("secretary", "书记", "Secretary", person=True),
            Column("term_ends", "届满日期", "Term ends", show_end),
            Column(
                "term_state",
                "换届",
                "Election",
                lambda v, lg: tr(f"elections.state.{v}", lg) if v in ("due", "overdue") else "",
            ),
            Column("gaps", "三会一课缺项（近12个月）", "三会一课 gaps (12 months)", show_gaps),
        ],
        cells,
    )
    with_gaps = sum(1 for c in overview.cells if c.gaps)
    covered = sum(overview.count(c) for c in COVERAGE[:4])
    share = round(covered / total, 4) if total else None
    summary = tr(
        "party.summary",
        lang,
        total=total,
        covered=covered,
        share=_percent(share, lang) or "—",
        liaison=overview.count("liaison"),
        none=overview.count("none"),
        cells=len(overview.cells),
        gaps=with_gaps,
    )
    document = {
        "as_of": overview.today,
        "coverage": {
            "total": total,
            "counts": {c["coverage"]: c["count"] for c in counts},
            "shares": {c["coverage"]: c["share"] for c in counts},
        },
        "societies": societies,
        "uncovered": uncovered,
        "cells": cells,
    }
    names = [tr("party.sheet_coverage", lang), tr("party.sheet_uncovered", lang), tr("party.sheet_cells", lang)]
    return Report([coverage_table, uncovered_table, cells_table], document, summary, names)
