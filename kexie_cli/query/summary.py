"""``kexie summary``: the statistics tables leadership asks for, by name.

What every table counts (records on the books as of ``qctx.today``, with the
rules' own logic) is said once, in :mod:`kexie_cli.query.summary_base`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kexie_cli.errors import KexieError
from kexie_cli.query import summary_districts, summary_kinds, summary_orgs, summary_terms
from kexie_cli.query.context import QueryContext
from kexie_cli.query.scope import Scope, make_scope
from kexie_cli.query.summary_base import Summary
from kexie_cli.records.model import Record
from kexie_cli.tables import TableData

TABLES: dict[str, Callable[[Summary], TableData]] = {
    "levels": summary_orgs.levels,
    "stars": summary_orgs.stars,
    "npo": summary_orgs.npo,
    "party": summary_orgs.party,
    "grassroots": summary_orgs.grassroots,
    "branches": summary_orgs.branches,
    "districts": summary_districts.districts,
    "three-heads": summary_orgs.three_heads,
    "members": summary_orgs.members,
    "terms": summary_terms.terms,
    "inspections": summary_terms.inspections,
    "elections": summary_terms.elections,
    "inspection-history": summary_terms.inspection_history,
    **summary_kinds.KIND_TABLES,
}


def summary(
    records: list[Record], qctx: QueryContext, names: list[str] | None = None, where: Sequence[str] = ()
) -> list[tuple[str, TableData]]:
    """The requested tables (all by default), in catalogue order; ``where``: ``--where`` expressions
    restricting the records counted (``query/scope.py``)."""

    wanted = names or list(TABLES)
    unknown = [n for n in wanted if n not in TABLES]
    if unknown:
        raise KexieError("summary.unknown", table=unknown[0], tables=", ".join(TABLES))
    data = Summary(records, qctx, make_scope(where, qctx))
    tables = [(name, TABLES[name](data)) for name in wanted]
    if data.scope:
        for _, table in tables:
            table.title += scope_note(data.scope, qctx.lang)
    return tables


def scope_note(scope: Scope, lang: str) -> str:
    """What a scoped table's title adds: the ``--where`` conditions (in Chinese: as a reader says them)."""
    return f" (where {'; '.join(scope.where)})" if lang == "en" else f"（筛选：{'；'.join(scope.describe(lang))}）"
