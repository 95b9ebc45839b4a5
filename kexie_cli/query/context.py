"""What every query works on: the kinds it names, its QueryContext, its rows (Item) and a Field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexie_cli import kinds
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record
from kexie_cli.records.roles import role_label
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.rules.base import Context
from kexie_cli.terms import report_year

ORG_KINDS = kinds.CODES
LEADER = "leader"  # the pseudo-kind of `kexie list leaders`: one row per current office-holder
KIND_ALIASES = {**kinds.ALIASES, "leader": LEADER, "leaders": LEADER}
KIND_LABELS = {**kinds.LABELS, LEADER: ("负责人", "Leaders")}
CLI_NAMES = {**kinds.FOLDERS, LEADER: "leaders"}  # the names `kexie list` shows
TERM_STATE_LABELS = {"current": "届内", "due": "临近换届", "overdue": "逾期未换届"}
TERM_STATE_LABELS_EN = {"current": "current", "due": "due", "overdue": "overdue"}
#: forms of cover (party/cover.py), as ``kexie party`` names them
COVER_LABELS = {
    "own": "单独建立党组织",
    "joint": "联合党支部",
    "functional": "功能型党支部",
    "working-group": "党的工作小组",
    "liaison": "党建联络员/指导员",
}


@dataclass(frozen=True, slots=True)
class QueryContext:
    """What field values depend on: the day, the settings, the schemas and the index."""

    today: dt.date
    settings: Settings
    schemas: SchemaSet
    index: Index
    lang: str = "zh"
    root: Path | None = None  # the registry's folder: its cache keeps the pinyin of names (query/pinyin_cache.py)

    @property
    def rule_context(self) -> Context:
        return Context(self.settings, self.schemas, self.today, self.index, self.lang)

    @property
    def report_year(self) -> int:
        return report_year(self.today, self.settings.deadline)

    def names_of(self, value: Any) -> Any:
        """Record ids (one, or a list) as the records' names, for display; an unknown id stays as it is."""
        if isinstance(value, list):
            return [self.names_of(v) for v in value]
        if isinstance(value, str):
            record = self.index.get(value)
            return record.name if record is not None and record.name else value
        return value


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a query: a record, or one leader entry of a record."""

    record: Record
    leader: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Field:
    path: str
    zh: str
    en: str
    type: str  # str, int, bool, date, object (of each entry when ``many``)
    getter: Callable[[Item, QueryContext], Any]
    labels: dict[str, str] | None = None  # enum code -> Chinese label
    person: bool = False  # holds a person's name (sorted by surname)
    many: bool = False  # a list of values (a path through a list)
    refs: bool = False  # ids of other records (parent, covers): shown by the records' names

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def value(self, item: Item, qctx: QueryContext) -> Any:
        return self.getter(item, qctx)

    def display(self, value: Any, lang: str) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return "、".join(self.display(v, lang) for v in value)
        if isinstance(value, bool):
            return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
        if isinstance(value, dict):
            if lang == "en":
                return ", ".join(f"{k}: {self.display(v, lang)}" for k, v in value.items())
            return "；".join(f"{k}：{self.display(v, lang)}" for k, v in value.items())
        if isinstance(value, RoleCode):
            return role_label(value, value.kind, lang)
        if self.labels and lang != "en":
            return self.labels.get(str(value), str(value))
        return str(value)


class RoleCode(str):
    """A leader's role code that remembers the kind of its record, so it reads 理事长, 主席 or 书记."""

    __slots__ = ("kind",)
    kind: str | None

    def __new__(cls, code: str, kind: str | None) -> RoleCode:
        made = super().__new__(cls, code)
        made.kind = kind
        return made
