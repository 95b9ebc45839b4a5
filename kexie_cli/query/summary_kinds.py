"""``kexie summary`` tables that every kind has: ``kinds`` (each kind by status) and one table per kind
(``counts-<folder>``: by its type field and status), so a new kind is counted without code of its own.

在册 (on the books) is what every other table counts: active, dormant or suspended, founded by the day.
筹备 (``preparing``) is counted apart: in the kind's work but not registered yet, never 在册. Revoked and
dissolved records are shown for completeness (history, as the records say today).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from kexie_cli import kinds
from kexie_cli.figures.books import founded_by, on_books
from kexie_cli.query.summary_base import Summary, kind_label
from kexie_cli.records.model import Record, text
from kexie_cli.tables import Column, TableData

STATUSES = (
    "active",
    "dormant",
    "suspended",
    "preparing",
    "revoked",
    "dissolved",
    "delisted",
)  # 摘牌: a station, a base
ON_BOOKS = "on_books"  # the 在册 column (active + dormant + suspended)
UNSET = ""  # a record whose type field is missing


def _known(data: Summary, kind: str) -> list[Record]:
    """Every loaded record of ``kind`` existing on the day (founded by then) within the ``--where`` scope."""
    day, qctx = data.qctx.today, data.qctx
    return [r for r in qctx.index.records if r.kind == kind and founded_by(r, day) and data.scope.holds(r, qctx)]


def _counts(data: Summary, records: list[Record]) -> dict[str, Any]:
    by_status = Counter(r.status for r in records)
    row: dict[str, Any] = {s: by_status[s] for s in STATUSES}
    row[ON_BOOKS] = sum(1 for r in records if on_books(r, data.qctx.today))
    return row


def _status_columns(data: Summary, kind: str | None = None) -> list[Column]:
    """在册, then a column per status: those of ``kind``'s schema with its words (a station's revoked is 撤销),
    or, for every kind at once, every status with the first kind's word (a society's revoked is 解除资格)."""
    if kind is not None:
        names = data.labels(kind, ("status",))
    else:
        names = {code: word for k in reversed(kinds.KINDS) for code, word in data.labels(k.code, ("status",)).items()}
    shown = [s for s in STATUSES if s in names] or list(STATUSES)
    columns = [data.count_col(ON_BOOKS, "在册", "On the books")]
    return columns + [data.count_col(s, names.get(s, s), s) for s in shown]


def by_kind(data: Summary) -> TableData:
    """One row per kind: 在册, then each status (筹备 apart from 在册)."""
    rows = [{"kind": k.code, **_counts(data, _known(data, k.code))} for k in kinds.KINDS]
    footer: dict[str, Any] = {"kind": "total"} | {key: sum(r[key] for r in rows) for key in (ON_BOOKS, *STATUSES)}
    columns = [Column("kind", "类别", "Kind", show=kind_label), *_status_columns(data)]
    parts_zh = [
        f"{k.zh}{r[ON_BOOKS]}" + (f"（另筹备{r['preparing']}）" if r["preparing"] else "")
        for k, r in zip(kinds.KINDS, rows, strict=True)
    ]
    parts_en = [
        f"{r[ON_BOOKS]} {k.en.lower()}" + (f" (+{r['preparing']} preparing)" if r["preparing"] else "")
        for k, r in zip(kinds.KINDS, rows, strict=True)
    ]
    headline = data.t("在册：" + "，".join(parts_zh), "On the books: " + ", ".join(parts_en))
    return TableData(data.t("各类组织在册与筹备", "Organisations by kind and status"), columns, rows, headline, footer)


def kind_table(kind: kinds.Kind) -> Callable[[Summary], TableData]:
    """The table of one kind: a row per value of its type field (or one row), status columns."""

    def table(data: Summary) -> TableData:
        records = _known(data, kind.code)
        field = kind.type_field
        groups: dict[str, list[Record]] = {}
        if field:
            groups = {code: [] for code in data.labels(kind.code, (field,))}
            for record in records:
                groups.setdefault(text(record.get(field)) or UNSET, []).append(record)
            groups = {code: found for code, found in groups.items() if found or code != UNSET}
        rows = [{"type": code, **_counts(data, found)} for code, found in groups.items()]
        total = _counts(data, records)
        columns = [*_status_columns(data, kind.code)]
        if field:
            title_zh = data.qctx.schemas.title(kind.code, (field,)) or field
            columns.insert(
                0, data.enum_column("type", title_zh, field.replace("_", " ").capitalize(), kind.code, (field,))
            )
        else:
            rows = [{"type": "total", **total}]
        headline = data.t(
            f"{kind.zh}在册{total[ON_BOOKS]}个" + (f"，筹备中{total['preparing']}个" if total["preparing"] else ""),
            f"{total[ON_BOOKS]} {kind.en.lower()} on the books"
            + (f", {total['preparing']} preparing" if total["preparing"] else ""),
        )
        footer = {"type": "total", **total} if field else None
        return TableData(data.t(f"{kind.zh}：按状态统计", f"{kind.en} by status"), columns, rows, headline, footer)

    return table


#: ``kexie summary`` table name -> its builder, for every kind
KIND_TABLES: dict[str, Callable[[Summary], TableData]] = {
    "kinds": by_kind,
    **{f"counts-{k.folder}": kind_table(k) for k in kinds.KINDS},
}
