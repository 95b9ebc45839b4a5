"""The 工作总结 of ``kexie report`` (issue 21): the year's work from the annual records, said and tabled.

The sentences and the four tables are those of ``kexie summary annual`` (``query/summary_annual.py``,
over ``figures/annual_sums.py``): the report adds nothing of its own. They are taken from the records
as they are on the report's day (``--as-of``), not from the commit at the end of a past year: a year's
年报 come in after it has ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kexie_cli.figures.annual import annual_records, of_year
from kexie_cli.figures.annual_sums import totals
from kexie_cli.query.context import QueryContext
from kexie_cli.query.summary import GROUPS, summary
from kexie_cli.query.summary_annual import sentences
from kexie_cli.records.model import Record
from kexie_cli.tables import TableData


@dataclass(slots=True)
class Work:
    year: int
    sentences: list[str]
    tables: list[tuple[str, TableData]] = field(default_factory=list)


def work_summary(records: list[Record], qctx: QueryContext, year: int) -> Work | None:
    """The 工作总结 of ``year``; None when the registry keeps no annual record of that year."""
    if not of_year(records, year):
        return None
    found = totals(annual_records(records), year)
    tables = summary(records, qctx, list(GROUPS["annual"]), year=year)
    return Work(year, sentences(found, qctx.lang), tables)
