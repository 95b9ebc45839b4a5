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

import re
import sys
from typing import Any

from kexie_cli.fast import pure
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

# Constructs the strict loader refuses or resolves differently (see the module docstring). The
# screen runs on every file, so it is a handful of substring tests and literal-led expressions.
# Any of: anchors, aliases, tags (& * !), tabs, NEL / LS / PS line breaks, block scalars (| >),
# complex keys and "?"-led scalars, directives (%), merge keys (<<)
_RARE = re.compile("[&*!\t\x85\u2028\u2029|>?%<]")
_STARTS = ("%", "---", "...", ":", "?", "_")
_LONE_CR = re.compile(r"\r(?!\n)")
# ":" that starts a scalar ("[::]", "{a: :0}") or sits before a flow indicator ("[E:]", "{a:, b}")
_COLON_BEFORE = re.compile(r":(?<=[ \n\[{,]:)")
_COLON_AFTER = re.compile(r":[,\]}]")
# number spellings beyond the core schema, at the start of a scalar: 0x1F 0X1F 0b1 +0o7 1_000 _0 ._5
_PREFIX = re.compile(r"0[bBxXoO]")
_UNDERSCORE = re.compile(r"_(?:(?<=[^A-Za-z_]_)|[^A-Za-z_])")  # "full_time" passes, "1_0" and "_0" do not
_NUMBER = re.compile(r"(?<![^\s\[{,:])[-+]?(?:0[bBxXoO]|[0-9._eE+-]*_)")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")
# Python refuses to convert integers this long (sys.int_info.str_digits_check_threshold): the strict
# loader keeps such a scalar as text, yaml-rs returns an int
_DIGIT_LIMIT = sys.get_int_max_str_digits() or 4300  # 0: no limit (then declining is merely slower)
_LONG_DIGITS = re.compile(f"[0-9]{{{_DIGIT_LIMIT + 1}}}")
_intern = sys.intern
# what makes a line worth a closer look: indicators, quotes, comments
_SPECIAL = re.compile("[&*!|>?%<\"'#]")
_INDICATORS = frozenset("&*!|>?%<")
_HEADER = re.compile(r"[|>][-+]? *(?:#.*)?\Z")
_GLUED = re.compile(r"[\"']:(?! )")

_yaml_rs: Any
try:  # the fast reader is optional: without it every file takes the strict path
    import yaml_rs as _yaml_rs
except ImportError:  # pragma: no cover - exercised by the KEXIE_PURE tests instead
    _yaml_rs = None


def available() -> bool:
    return _yaml_rs is not None


def screened_out(text: str) -> bool:
    """True when ``text`` may hold a construct the fast loader must leave to the strict one.

    Characters that only matter as YAML indicators (``& * ! | > ? % <``) are
    looked for in the file's *structure* (:func:`skeleton`): the text of
    quoted scalars, comments, block scalars and the inside of plain scalars
    is left out, so a percentage, a URL query or a folded note does not send
    a file to the strict loader.
    """
    if "\t" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True  # tabs and the rarer line breaks: the strict loader decides
    if "\ufeff" in text:  # a second BOM: the strict loader skips it at the start, yaml-rs keeps it
        return True
    if len(text) > _DIGIT_LIMIT and _LONG_DIGITS.search(text):
        return True
    if "\r" in text and _LONE_CR.search(text):
        return True
    if _SPECIAL.search(text):
        found = skeleton(text)
        if found is None:
            return True
        text = found
    return _structure_screened_out(text)


def _structure_screened_out(text: str) -> bool:
    if _RARE.search(text) or text.startswith(_STARTS):
        return True
    if "\n---" in text or "\n..." in text:  # document markers
        return True
    if _COLON_BEFORE.search(text) or _COLON_AFTER.search(text):
        return True
    if _GLUED.search(text):  # a quoted key glued to its value ('["a":b]')
        return True
    if ("[" in text or "{" in text) and _multi_line_flow(text):
        return True
    if _PREFIX.search(text) or _UNDERSCORE.search(text):
        return _NUMBER.search(text) is not None
    return False


def skeleton(text: str) -> str | None:
    """``text`` with scalar text neutralised, line for line, or None when a line is beyond the scanner.

    Quoted scalars keep their quotes but their text becomes ``x``; comments
    are cut; the lines of a block scalar become empty (its header ``|`` or
    ``>`` becomes ``x``); in a plain scalar outside flow collections every
    indicator character after the first becomes ``x``. What stays is what
    decides the structure, and :func:`screened_out` checks it as before.
    Declined (None): quoted scalars or flow collections over several lines,
    block scalars with an indentation indicator, a whitespace-only line in a
    block scalar, folded scalars with more-indented lines, ``#`` glued to a
    quoted scalar.
    """
    out: list[str] = []
    owner = -1  # while in a block scalar: the column its lines must be indented past
    first = -1  # the indentation of its first line
    folded = False
    for line in text.split("\n"):
        core = line[:-1] if line.endswith("\r") else line
        if owner >= 0:
            content = core.lstrip(" ")
            if not content:
                if core:
                    return None
                out.append("")
                continue
            indent = len(core) - len(content)
            if indent > owner:
                if first < 0:
                    first = indent
                elif indent < first or (folded and indent > first):
                    return None
                out.append("")
                continue
            if first < 0:
                return None  # an empty block scalar
            owner = -1
        if not _SPECIAL.search(core):
            out.append(core)
            continue
        found = _line_skeleton(core)
        if found is None:
            return None
        new, header, folded = found
        if header >= 0:
            owner, first = header, -1
        out.append(new)
    if owner >= 0 and (first < 0 or not text.endswith("\n")):
        return None  # an empty block scalar, or one the file ends in without a line break
    return "\n".join(out)


def _line_skeleton(core: str) -> tuple[str, int, bool] | None:
    """One line's skeleton, the owner column when it opens a block scalar (else -1), and if it is folded."""
    chars = list(core)
    size = len(core)
    i = size - len(core.lstrip(" "))
    owner = i  # column of the key or "-" the next node belongs to
    token = i
    at_start = True
    while i < size:
        char = core[i]
        if at_start:
            if char == "-" and (i + 1 == size or core[i + 1] == " "):
                owner = i
                i += 1
                while i < size and core[i] == " ":
                    i += 1
                continue
            if char == "#":
                del chars[i:]
                break
            token = i
            if char in "|>":
                if _HEADER.match(core, i) is None:
                    return None
                chars[i] = "x"
                del chars[i + 1 :]
                return "".join(chars), owner, char == ">"
            i = _node_end(core, i, chars)
            if i < 0:
                return None
            at_start = False
            continue
        if char == " ":
            i += 1
        elif char == "#":
            if core[i - 1] != " ":
                return None  # '"a"#b'
            del chars[i:]
            break
        elif char == ":" and (i + 1 == size or core[i + 1] == " "):
            owner = token  # the scalar before was a key
            i += 1
            while i < size and core[i] == " ":
                i += 1
            at_start = True
        else:
            i += 1  # something after a complete node: left as it is, the loaders decide
    return "".join(chars), -1, False


def _node_end(core: str, i: int, chars: list[str]) -> int:
    """Index after the quoted scalar, flow collection or plain scalar at ``i`` (text neutralised), or -1."""
    char = core[i]
    size = len(core)
    if char in "\"'":
        end = _quote_end(core, i)
        if end < 0:
            return -1
        chars[i + 1 : end - 1] = "x" * (end - i - 2)
        if end < size and core[end] == ":" and end + 1 < size and core[end + 1] != " ":
            return -1  # '"a":b'
        return end
    if char in "[{":
        return _flow_end(core, i, chars)
    i += 1  # a plain scalar: its first character decides, the rest is text
    while i < size:
        char = core[i]
        if char == ":" and (i + 1 == size or core[i + 1] == " "):
            break
        if char == "#" and core[i - 1] == " ":
            break
        if char in _INDICATORS:
            chars[i] = "x"
        i += 1
    return i


def _quote_end(core: str, start: int) -> int:
    """Index after the quoted scalar that opens at ``start``, or -1 when it does not close on this line."""
    quote = core[start]
    i = start + 1
    while i < len(core):
        char = core[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and i + 1 < len(core) and core[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _flow_end(core: str, start: int, chars: list[str]) -> int:
    """Index after the flow collection that opens at ``start`` (quoted text neutralised), or -1."""
    depth = 0
    i = start
    while i < len(core):
        char = core[i]
        if char in "\"'":
            end = _quote_end(core, i)
            if end < 0:
                return -1
            chars[i + 1 : end - 1] = "x" * (end - i - 2)
            i = end
            continue
        if char == "#" and core[i - 1] == " ":
            return -1
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _multi_line_flow(text: str) -> bool:
    """True when a flow collection may not close on the line it opens (the readers fold lines differently)."""
    for line in text.split("\n"):
        if "[" not in line and "{" not in line:
            continue
        content = line.lstrip(" ")
        if content.startswith("#"):
            continue
        if '"' in content or "'" in content:
            content = _QUOTED.sub("", content)
            if '"' in content or "'" in content:
                return True
        content = content.split(" #", 1)[0].rstrip()
        opens = content.count("[") + content.count("{")
        if opens != content.count("]") + content.count("}") or content[-1:] not in ("]", "}"):
            return True
    return False


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


def load_any(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """The fast loader unless KEXIE_PURE says otherwise, with the strict loader as the fallback."""
    loaded = None if pure() else load(raw, max_bytes)
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
    from kexie_cli.fast.locate import locate  # noqa: PLC0415 - the line scanner runs only for a finding's position

    found = locate(text, data)
    if found is not None:
        return found
    return load_text(text).positions
