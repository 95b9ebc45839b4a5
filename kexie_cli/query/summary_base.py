"""What every ``kexie summary`` table counts from: the records in scope and their labels.

The tables are in ``summary_orgs.py`` and ``summary_terms.py``; ``summary.py`` names them.

Every table counts records *on the books* (在册: status active, dormant or
suspended; revoked and dissolved ones are history) as of ``qctx.today``, with
the same logic as the rules: 星级 in force = latest rating at most 3 years old
(K602), 评估等级 in force = not expired (K601), coverage = a live party cell
covers the record (K501), term state with the lead time of the settings
(K301/K302), the report year of the inspections deadline (K401).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds
from kexie_cli.figures.books import on_books
from kexie_cli.query.context import QueryContext
from kexie_cli.query.scope import Scope
from kexie_cli.records.model import Record
from kexie_cli.share import percent
from kexie_cli.tables import Column

KIND_ZH = kinds.LABELS


def show_share(value: Any, lang: str) -> str:
    return percent(value, "")


@dataclass(slots=True)
class Summary:
    records: list[Record]
    qctx: QueryContext
    scope: Scope = field(default_factory=Scope)
    year: int | None = None  # the year of the annual tables (summary --year); None: figures.annual.work_year
    _live: dict[str, list[Record]] = field(default_factory=dict, repr=False)  # live(kind), made once per kind
    #: the annual tables' records in scope and their year (query/summary_annual.py), made once for the four tables
    _annual: tuple[list[Record], int] | None = field(default=None, repr=False)

    @property
    def zh(self) -> bool:
        return self.qctx.lang != "en"

    def t(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def live(self, kind: str) -> list[Record]:
        """Records of ``kind`` on the books (在册) on the day, founded by then, within the ``--where`` scope."""
        found = self._live.get(kind)
        if found is None:
            day = self.qctx.today
            records = self.qctx.index.records
            found = [r for r in records if r.kind == kind and on_books(r, day) and self.scope.holds(r, self.qctx)]
            self._live[kind] = found
        return list(found)

    def label(self, kind: str, path: tuple[str | int, ...], code: str) -> str:
        return self.qctx.schemas.label(kind, path, code, self.qctx.lang)

    def labels(self, kind: str, path: tuple[str | int, ...]) -> dict[str, str]:
        return self.qctx.schemas.labels(kind, path)

    def enum_column(self, key: str, zh: str, en: str, kind: str, path: tuple[str | int, ...]) -> Column:
        names = self.labels(kind, path)
        extra = {"": "未填", "total": "合计"}

        def show(value: Any, lang: str) -> str:
            if lang == "en":
                return "Total" if value == "total" else ("(none)" if value == "" else str(value))
            return extra.get(str(value)) or names.get(str(value), str(value))

        return Column(key, zh, en, show=show)

    def count_col(self, key: str, zh: str, en: str) -> Column:
        return Column(key, zh, en, align="right")

    def share_col(self, key: str = "share", zh: str = "占比", en: str = "Share") -> Column:
        return Column(key, zh, en, show=show_share, align="right", percent=True)


def kind_label(value: Any, lang: str) -> str:
    if value == "total":
        return "Total" if lang == "en" else "合计"
    zh, en = KIND_ZH.get(str(value), (str(value), str(value)))
    return en if lang == "en" else zh
