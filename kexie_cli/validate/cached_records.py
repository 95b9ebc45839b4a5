"""Records rebuilt from the cache: data, text and positions are made on first use.

A check where most files are unchanged takes their per-file outcomes from
the cache (:mod:`kexie_cli.validate.cache`). The cache keeps no record data,
only each record's *facts*: the values of the few top-level keys that the
index and the registry-scope rules read of every record (:data:`FACT_KEYS`).
A :class:`CachedRecord` answers :meth:`~Record.get` for those keys from the
facts, exactly (a fact is the whole value of its key, or its absence); the
first use of anything else (``data``, another key, ``positions``) loads the
file's bytes again with the same loader that made the outcome. So a check
after a one-file edit builds the data of the edited record and of the few
records its rules look up, not of all 10,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from kexie_cli.records.file import RecordFile
from kexie_cli.records.model import Record, get
from kexie_cli.records.positions import Positions

#: Top-level keys whose values every cache entry keeps (read of every record by the index,
#: the registry-scope rules K201/K204/K206/K207, the party coverage and the listings).
#: ``founded``, ``org``, ``year`` and ``report`` are K412's (rules/annual.py): who owes a 年报, and the annual records.
FACT_KEYS = frozenset(
    (
        "id",
        "kind",
        "name",
        "status",
        "parent",
        "registration",
        "covers",
        "form",
        "level",
        "founded",
        "org",
        "year",
        "report",
    )
)

_UNSET: Any = object()


def facts_of(data: dict[str, Any]) -> dict[str, Any]:
    """The facts of a record's data (see :data:`FACT_KEYS`)."""
    return {key: value for key, value in data.items() if key in FACT_KEYS}


class CachedRecord(Record):
    """A loaded record whose data is made from its bytes on first use (facts answer before that)."""

    __slots__ = ("_data", "_facts", "_id", "_load", "_positions", "_raw", "_text")

    def __init__(
        self,
        file: RecordFile,
        facts: dict[str, Any],
        raw: bytes | Callable[[], bytes],
        load: Callable[[bytes], dict[str, Any] | None],
        positions: Positions | None = None,
    ) -> None:
        self.file = file
        self.problems = []
        self._facts = facts
        self._raw = raw
        self._load = load
        self._data = _UNSET
        self._text = _UNSET
        self._positions = positions
        value = facts.get("id")
        self._id = value if isinstance(value, str) and value else file.stem_id  # asked for very often

    @property
    def id(self) -> str:
        return self._id

    @property
    def raw(self) -> bytes:
        """The file's bytes: as the run read them, or read now (``raw`` was a reader: the door did not need them)."""
        if callable(self._raw):
            self._raw = self._raw()
        return self._raw

    @property  # a dataclass field made lazy
    def data(self) -> dict[str, Any] | None:
        if self._data is _UNSET:
            self._data = self._load(self.raw)
        return self._data  # type: ignore[no-any-return]

    @data.setter
    def data(self, value: dict[str, Any] | None) -> None:
        self._data = value

    @property
    def text(self) -> str:
        if self._text is _UNSET:
            raw = self.raw
            # the file loaded when its outcome was made, so it decodes cleanly
            self._text = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")
        return self._text  # type: ignore[no-any-return]

    @text.setter
    def text(self, value: str) -> None:
        self._text = value

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            from kexie_cli.records.fastload import LazyPositions  # noqa: PLC0415 - imports yaml-rs: only once positions are asked for

            self._positions = LazyPositions(self.text, self.data)
        return self._positions

    @positions.setter
    def positions(self, value: Positions) -> None:
        self._positions = value

    def mentions(self, needle: str) -> bool:
        if self._text is _UNSET:
            return needle.encode("utf-8") in self.raw
        return needle in self._text

    def positions_if_made(self) -> Positions | None:
        """The positions when something asked for them (else None: nothing is made)."""
        return self._positions

    @property
    def loaded(self) -> bool:
        return True

    @property
    def made(self) -> bool:
        """Whether the data was made (tests: a check after a one-file edit makes few)."""
        return self._data is not _UNSET

    def get(self, *path: str | int) -> Any:
        data = self._data
        if data is _UNSET:
            if path and path[0] in FACT_KEYS:
                return get(self._facts, path)
            data = self.data
        if len(path) == 1 and type(data) is dict and type(path[0]) is str:  # a top-level key: most calls
            return data.get(path[0])
        return get(data, path)


class LazyRecords(Sequence[Record]):
    """The loaded records of a check answered from the run memo, built on first use."""

    def __init__(self, build: Callable[[], list[Record]]) -> None:
        self._build: Callable[[], list[Record]] | None = build
        self._items: list[Record] = []

    def _all(self) -> list[Record]:
        if self._build is not None:
            build, self._build = self._build, None
            self._items = build()
        return self._items

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | Sequence[Record]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Record]:
        return iter(self._all())
