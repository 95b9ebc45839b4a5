"""Cross-record findings of one record, remembered with the index facts they were drawn from.

A deferred record rule (one that looks at ``ctx.index``) is run with a
:class:`TracingIndex` in place of the index: it notes every fact it hands
out (the records with an id, the kind of an id (``k``: the kind alone, so that
editing a society keeps the K202/K203 findings of the annual records naming
it), whether an id failed to load, the party cells covering an id, the records
naming an id as parent).
The findings are remembered under the record's content key together with
a digest of each of those facts, where a record is stood for by its own
content key (the hash of its path and bytes, which fixes its data and
positions). On the next run the findings are reused when every noted fact
has the same digest in the new index; otherwise the rules run again.

Anything else a rule asks the index (every record, the records of a kind,
a key listing, ...) marks the run as depending on everything: such findings
are never reused. The context's settings, schemas, date and language are
in the cache's fingerprint, so they cannot differ between the two runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

from kexie_cli.finding import Finding
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record
from kexie_cli.rules.base import Context, Rule
from kexie_cli.validate.cache import Cache
from kexie_cli.validate.filecheck import finding_from_row, make, rows

Token = tuple[str, Any]

#: Cache key prefix of the remembered cross-record findings of one record.
PREFIX = "x"


class _Trace:
    def __init__(self) -> None:
        self.tokens: set[Token] = set()
        self.everything = False

    def note(self, kind: str, key: object) -> None:
        try:
            self.tokens.add((kind, key))
        except TypeError:  # an unhashable key (odd data): the lookup itself will say what happens
            self.everything = True


class _TracedLookup:
    """A mapping or set of the index whose single-key lookups are noted; anything else depends on everything."""

    def __init__(self, inner: Any, trace: _Trace, kind: str) -> None:
        self._inner = inner
        self._trace = trace
        self._kind = kind

    def __contains__(self, key: object) -> bool:
        self._trace.note(self._kind, key)
        return key in self._inner

    def __getitem__(self, key: object) -> Any:
        self._trace.note(self._kind, key)
        return self._inner[key]

    def get(self, key: object, default: object = None) -> Any:
        self._trace.note(self._kind, key)
        return self._inner.get(key, default)

    def __iter__(self) -> Iterator[Any]:
        self._trace.everything = True
        return iter(self._inner)

    def __len__(self) -> int:
        self._trace.everything = True
        return len(self._inner)

    def __bool__(self) -> bool:
        self._trace.everything = True
        return bool(self._inner)

    def __getattr__(self, name: str) -> Any:
        self._trace.everything = True
        return getattr(self._inner, name)


class TracingIndex:
    """Stands in for the :class:`Index` while one record's deferred rules run."""

    def __init__(self, index: Index, trace: _Trace) -> None:
        self._index = index
        self._trace = trace

    def get(self, record_id: str) -> Record | None:
        self._trace.note("i", record_id)
        return self._index.get(record_id)

    @property
    def by_id(self) -> Any:
        return _TracedLookup(self._index.by_id, self._trace, "i")

    @property
    def kinds(self) -> Any:  # the kind of an id, not its record: an edit of the record keeps the findings
        return _TracedLookup(self._index.kinds, self._trace, "k")

    @property
    def unloaded(self) -> Any:
        return _TracedLookup(self._index.unloaded, self._trace, "i")

    @property
    def covering(self) -> Any:
        return _TracedLookup(self._index.covering, self._trace, "c")

    @property
    def children(self) -> Any:
        return _TracedLookup(self._index.children, self._trace, "p")

    def __getattr__(self, name: str) -> Any:  # records, of_kind, ...: depends on every record
        self._trace.everything = True
        return getattr(self._index, name)


class Unkeyed(Exception):
    """A fact names a record without a content key."""


class Facts:
    """Digests of the index facts a rule can be handed, in terms of content keys."""

    def __init__(self, index: Index, key_of: Mapping[int, str]) -> None:
        self.index = index
        self.key_of = key_of
        self._memo: dict[Token, Any] = {}

    def _keys(self, records: Iterable[Record]) -> tuple[str, ...]:
        out = []
        for record in records:
            key = self.key_of.get(id(record))
            if key is None:  # cannot tell this record from another: never reuse on it
                raise Unkeyed
            out.append(key)
        return tuple(out)

    def digest(self, token: Token) -> Any:
        try:
            return self._memo[token]
        except KeyError:
            pass
        kind, key = token
        index = self.index
        value: Any
        if kind == "i":
            value = (self._keys(index.by_id.get(key, ())), index.kinds.get(key), key in index.unloaded)
        elif kind == "k":
            value = (index.kinds.get(key), key in index.kinds, key in index.unloaded)
        elif kind == "c":
            value = self._keys(index.covering.get(key, ()))
        elif kind == "p":
            value = self._keys(index.children.get(key, ()))
        else:
            raise Unkeyed
        self._memo[token] = value
        return value


def deferred_findings(
    rules: dict[str, Rule],
    deferred: Iterable[tuple[Record, Iterable[str]]],
    ctx: Context,
    key_of: Mapping[int, str],
    store: Cache,
) -> list[Finding]:
    """The deferred record rules of every record, reusing remembered findings whose facts are unchanged.

    ``key_of``: the content key of each record of the run (by ``id``); the findings are remembered in ``store``.
    """
    facts = Facts(ctx.index, key_of)
    out: list[Finding] = []
    for record, names in deferred:
        codes = list(names)
        own = key_of.get(id(record))
        entry_key = f"{PREFIX}{own}" if own is not None else None
        known = store.get(entry_key) if entry_key is not None else None
        if known is not None and _still_true(known, codes, facts):
            out.extend(finding_from_row(row) for row in known[2])
            continue
        trace = _Trace()
        traced = Context(ctx.settings, ctx.schemas, ctx.today, cast(Index, TracingIndex(ctx.index, trace)), ctx.lang)
        found: list[Finding] = []
        for code in codes:
            rule = rules[code]
            assert rule.check is not None
            found.extend(make(code, record, hit, ctx) for hit in rule.check(record, traced))
        out.extend(found)
        if entry_key is None or trace.everything:
            continue
        noted = sorted(trace.tokens, key=repr)
        try:
            digests = [facts.digest(t) for t in noted]
        except Unkeyed:
            continue
        entry: Any = (codes, [(t, d) for t, d in zip(noted, digests, strict=True)], rows(found))
        store.put(entry_key, entry)  # an entry of its own shape under its own key prefix (PREFIX)
    return out


def _still_true(known: Any, codes: list[str], facts: Facts) -> bool:
    if not (isinstance(known, tuple | list) and len(known) == 3 and list(known[0]) == codes):
        return False
    try:
        for token, digest in known[1]:
            if facts.digest(tuple(token)) != digest:  # marshal keeps tuples as tuples
                return False
    except (Unkeyed, TypeError, ValueError):
        return False
    return True
