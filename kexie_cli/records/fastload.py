"""The bulk loader: yaml-rs for the data, the strict loader for everything unusual.

:func:`load` returns the same :class:`~kexie_cli.records.loader.Loaded` as
:func:`kexie_cli.records.loader.load_bytes` (data, text, no problems) for the
files it can vouch for, and None for every other file, which the caller then
loads with the strict loader. It vouches only for files that

- decode cleanly (the strict decoder is used: BOM, NUL and control characters
  behave the same);
- contain none of the constructs where yaml-rs and the strict loader differ or
  where the strict loader reports a problem: anchors, aliases, tags (``&``,
  ``*``, ``!`` anywhere), merge keys, directives and document markers, tabs,
  lone CRs, block scalars (``|``, ``>``), scalars that start with ``:`` or
  ``?``, ``:`` glued to a flow indicator or a closing quote, flow
  collections that do not close on the line they open, and the number
  spellings yaml-rs resolves beyond the YAML 1.2 core schema (``0b1``,
  ``0X1F``, ``1_000``, ``_0``, signed hex/octal);
- yaml-rs parses into a mapping whose keys are all strings (the strict loader
  keeps keys as written).

Duplicate keys and syntax errors make yaml-rs raise: the strict loader then
reports them with exact positions. Positions are computed only when a finding
needs one (:class:`LazyPositions`). The equivalence is checked by property
tests against the strict loader.
"""

from __future__ import annotations

import sys
from typing import Any

from kexie_cli.records.bulk import pure
from kexie_cli.records.loader import (
    DEFAULT_MAX_BYTES,
    MAX_DEPTH,
    Loaded,
    _too_deep,
    decode,
    load_bytes,
    load_text,
)
from kexie_cli.records.positions import LineCol, PathKey, Positions
from kexie_cli.records.screen import screened_out

_intern = sys.intern

_yaml_rs: Any
try:  # the fast reader is optional: without it every file takes the strict path
    import yaml_rs as _yaml_rs
except ImportError:  # pragma: no cover - exercised by the KEXIE_PURE tests instead
    _yaml_rs = None


def available() -> bool:
    return _yaml_rs is not None


def load(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded | None:
    """Load ``raw`` the fast way, or return None when the strict loader must decide."""
    if _yaml_rs is None or len(raw) > max_bytes:
        return None
    text, problem = decode(raw)
    if text is None or problem is not None:
        return None
    if screened_out(text) or _too_deep(text) is not None:
        return None
    try:
        data = _yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # syntax errors, duplicate keys ...: the strict loader reports them
        return None
    try:
        data = _interned(data, 1) if type(data) is dict else None
    except RecursionError:
        return None
    if data is None:
        return None
    return Loaded(data, LazyPositions(text, data), [], text)


def load_any(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES, fast: bool | None = None) -> Loaded:
    """The fast loader unless KEXIE_PURE says otherwise (or ``fast`` is False), with the strict loader as the fallback.

    ``fast``: the choice a bulk run made once for all its files (None: ask :func:`pure` now).
    """
    use_fast = not pure() if fast is None else fast
    loaded = load(raw, max_bytes) if use_fast else None
    return loaded if loaded is not None else load_bytes(raw, max_bytes)


def _interned(node: dict[Any, Any], depth: int) -> dict[str, Any] | None:
    """``node`` with interned keys, or None when a key is not a string or it nests too deep.

    yaml-rs resolves ``1:`` to an int key where the strict loader keeps "1", so
    such files go to the strict loader. Interning makes the keys every record
    repeats ("role", "since" ...) one object each: a third less memory at
    50,000 records, and smaller transfers from the worker processes.
    """
    if depth > MAX_DEPTH:  # the strict loader reports K002
        return None
    out: dict[str, Any] = {}
    for key, item in node.items():
        if type(key) is not str:
            return None
        value = _intern_value(item, depth)
        if value is _REFUSED:
            return None
        out[_intern(key)] = value
    return out


def _interned_items(items: list[Any], depth: int) -> list[Any] | None:
    if depth > MAX_DEPTH:
        return None
    out = []
    for item in items:
        value = _intern_value(item, depth)
        if value is _REFUSED:
            return None
        out.append(value)
    return out


_REFUSED = object()


def _intern_value(value: Any, depth: int) -> Any:
    kind = type(value)
    if kind is dict:
        found: Any = _interned(value, depth + 1)
    elif kind is list:
        found = _interned_items(value, depth + 1)
    else:
        return value
    return _REFUSED if found is None else found


_VALUES: Any = Positions.__dict__["values"]  # the slot descriptors of the base class
_KEYS: Any = Positions.__dict__["keys"]


class LazyPositions(Positions):
    """Positions computed on first use: the line scanner, or the strict loader as a fallback.

    Behaves like :class:`Positions` in every way (``of``, ``key`` and the
    ``values`` / ``keys`` maps); nothing is computed until one of them is used.
    """

    __slots__ = ("_data", "_ready", "_text")

    def __init__(self, text: str, data: Any) -> None:
        super().__init__()
        self._text = text
        self._data = data
        self._ready = False

    @property
    def ready(self) -> bool:
        """True once the positions were computed (a finding asked for one)."""
        return self._ready

    def fill(self) -> Positions:
        if not self._ready:
            self._ready = True
            found = locate_positions(self._text, self._data)
            _VALUES.__get__(self).update(found.values)
            _KEYS.__get__(self).update(found.keys)
        return self

    @property
    def values(self) -> dict[PathKey, LineCol]:
        self.fill()
        found: dict[PathKey, LineCol] = _VALUES.__get__(self)
        return found

    @values.setter
    def values(self, value: dict[PathKey, LineCol]) -> None:
        _VALUES.__set__(self, value)

    @property
    def keys(self) -> dict[PathKey, LineCol]:
        self.fill()
        found: dict[PathKey, LineCol] = _KEYS.__get__(self)
        return found

    @keys.setter
    def keys(self, value: dict[PathKey, LineCol]) -> None:
        _KEYS.__set__(self, value)

    def __getstate__(self) -> tuple[str, Any]:
        return (self._text, self._data)

    def __setstate__(self, state: tuple[str, Any]) -> None:
        self.__init__(*state)  # type: ignore[misc]


def locate_positions(text: str, data: Any) -> Positions:
    """Exact positions of a file's nodes: the scanner when it can, else the strict loader."""
    from kexie_cli.records.locate import locate  # noqa: PLC0415 - the line scanner runs only for a finding's position

    found = locate(text, data)
    if found is not None:
        return found
    return load_text(text).positions
