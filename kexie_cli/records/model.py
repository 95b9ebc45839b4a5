"""The loaded record and never-raising accessors for its (possibly invalid) data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import Problem
from kexie_cli.records.positions import Positions
from kexie_cli.terms import Term, parse_date

Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class Record:
    """One record file after loading: data is None when the file could not be loaded."""

    file: RecordFile
    data: dict[str, Any] | None
    positions: Positions = field(default_factory=Positions)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""

    @property
    def relpath(self) -> str:
        return self.file.relpath

    @property
    def kind(self) -> str | None:
        return self.file.kind

    @property
    def id(self) -> str:
        """The record's id: its ``id`` field when it is a string, else the file name."""
        value = self.get("id")
        return value if isinstance(value, str) and value else self.file.stem_id

    @property
    def loaded(self) -> bool:
        return self.data is not None

    def get(self, *path: str | int) -> Any:
        return get(self.data, path)

    def mentions(self, needle: str) -> bool:
        """Whether the file's text contains ``needle`` (a cached record answers from its bytes)."""
        return needle in self.text

    @property
    def status(self) -> str | None:
        return text(self.get("status"))

    @property
    def name(self) -> str:
        return text(self.get("name")) or self.id

    @property
    def live(self) -> bool:
        """Still on the books (not revoked or dissolved): time rules apply."""
        return self.status in {"active", "dormant", "suspended"}

    @property
    def active(self) -> bool:
        return self.status == "active"


def get(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path``, or None when any step is missing or of the wrong type."""
    node = data
    for part in path:
        if type(node) is dict and type(part) is str:  # the common case, first (rules call this a lot)
            node = node.get(part)
            continue
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return None
        elif not isinstance(node, dict):
            return None
        node = node[part] if isinstance(part, int) else node.get(part)
    return node


def text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def date(value: Any) -> dt.date | None:
    return parse_date(value)


def entries(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping entries of a list, with their indexes (other entries are skipped)."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def term_of(data: Any, key: str = "term", years: int | None = None) -> Term | None:
    """The record's current term, or None when it is absent or incomplete.

    ``years``: the length of a term that does not give its own (a 分支机构's follows its society's:
    ``figures.terms.current_term``); a term's own ``years`` always wins."""
    node = get(data, (key,))
    started = date(get(node, ("started",)))
    own = integer(get(node, ("years",)))
    years = own if own is not None or not isinstance(node, dict) else years
    if started is None or years is None or not 0 < years < 100:
        return None
    return Term(
        started=started,
        years=years,
        number=integer(get(node, ("number",))),
        extended_to=date(get(node, ("extended_to",))),
        extension_approved=date(get(node, ("extension_approved",))),
    )


@dataclass(frozen=True, slots=True)
class Leader:
    index: int
    role: str
    name: str
    since: dt.date | None
    until: dt.date | None
    birth_year: int | None
    first_term: int | None

    def current(self, today: dt.date) -> bool:
        return in_office(self, today)


def in_office(leader: Leader, day: dt.date) -> bool:
    """Whether ``leader`` holds office on ``day``: ``since`` <= day < ``until``.

    The one definition of "current" for every rule, ``show``, ``list leaders``
    and the summaries (docs/registry.md, 时间规则): ``until`` is exclusive, so on
    the day of a 换届 the predecessor (``until`` = that day) has left and the
    successor (``since`` = that day) is in office — one holder per office.
    """
    return holds_office(leader.since, leader.until, day)


def holds_office(since: dt.date | None, until: dt.date | None, day: dt.date) -> bool:
    """:func:`in_office` of a leader entry's dates: ``since`` <= day < ``until`` (either may be unknown)."""
    return (since is None or since <= day) and (until is None or day < until)


def leaders(data: Any, role_filter: str | None = None) -> list[Leader]:
    """Leaders with a role and a name, in file order (only those of ``role_filter`` when given)."""
    out = []
    for index, item in entries(get(data, ("leaders",))):
        role, name = text(item.get("role")), text(item.get("name"))
        if role is None or name is None or (role_filter is not None and role != role_filter):
            continue
        out.append(
            Leader(
                index=index,
                role=role,
                name=name,
                since=date(item.get("since")),
                until=date(item.get("until")),
                birth_year=integer(item.get("birth_year")),
                first_term=integer(item.get("first_term")),
            )
        )
    return out


def current_leaders(data: Any, today: dt.date, role: str | None = None) -> list[Leader]:
    """The leaders (of ``role`` when given) in office on ``today`` (see :func:`in_office`)."""
    return [ld for ld in leaders(data, role) if in_office(ld, today)]
