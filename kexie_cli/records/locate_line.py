"""The pieces of one line for the line scanner (:mod:`kexie_cli.records.locate`).

Scalars (plain and one-line quoted), the ``:`` of a mapping entry and
one-line flow collections, each returning its value and where it ends, or
raising :class:`GiveUp` outside the subset the scanner understands.
"""

from __future__ import annotations

from typing import Any

from kexie_cli.records.loader import resolve_plain
from kexie_cli.records.positions import Positions

PathKey = tuple[str | int, ...]

# A plain scalar may not start with one of these (YAML indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_STOP = frozenset(",[]{}")


class GiveUp(Exception):
    """The text is outside the subset the scanner understands."""


class AnyString(str):
    """A double-quoted scalar with escapes: only its type is compared."""

    __slots__ = ()


def skip_spaces(line: str, col: int) -> int:
    while col < len(line) and line[col] == " ":
        col += 1
    return col


def find_colon(line: str, start: int) -> int:
    """The first ``:`` followed by a space or the end of the line."""
    at = start
    while True:
        at = line.find(":", at)
        if at < 0:
            return -1
        if at + 1 == len(line) or line[at + 1] == " ":
            return at
        at += 1


def mapping_entry(rest: str) -> bool:
    if rest[0] in ("'", '"'):
        try:
            _, end = quoted(rest, 0)
        except GiveUp:
            return False
        return rest[end : end + 1] == ":" and rest[end + 1 : end + 2] in ("", " ")
    colon = find_colon(rest, 0)
    if colon < 0:
        return False
    comment = rest.find(" #")
    return comment < 0 or colon < comment


def end_of_line(line: str, end: int) -> None:
    rest = line[end:].lstrip(" ")
    if rest and not (rest.startswith("#") and (end == len(line) or line[end] == " ")):
        raise GiveUp


def quoted(line: str, col: int) -> tuple[str, int]:
    """A one-line quoted scalar starting at ``col``: its value and the column after it."""
    quote = line[col]
    at = col + 1
    if quote == "'":
        parts = []
        while True:
            close = line.find("'", at)
            if close < 0:
                raise GiveUp
            parts.append(line[at:close])
            if line[close + 1 : close + 2] == "'":
                parts.append("'")
                at = close + 2
                continue
            return "".join(parts), close + 1
    escaped = False
    while at < len(line):
        char = line[at]
        if char == "\\":
            escaped = True
            at += 2
            continue
        if char == '"':
            body = line[col + 1 : at]
            return (AnyString(body) if escaped else body), at + 1
        at += 1
    raise GiveUp


def scalar(line: str, col: int, block: bool) -> tuple[Any, int]:
    """A plain or quoted scalar from ``col``: its value and the column where it ends."""
    char = line[col : col + 1]
    if char in ("'", '"'):
        return quoted(line, col)
    if not char or (char in _INDICATORS and not plain_dash(line, col)):
        raise GiveUp
    at = col
    end = col
    while at < len(line):
        char = line[at]
        if char == "#" and line[at - 1] == " ":
            break
        if char == ":" and (at + 1 == len(line) or line[at + 1] == " " or (not block and line[at + 1] in _FLOW_STOP)):
            break
        if not block and char in _FLOW_STOP:
            break
        at += 1
        if char != " ":
            end = at
    text = line[col:end]
    return resolve_plain(text), end


def plain_dash(line: str, col: int) -> bool:
    """``-1`` or ``-x`` is a plain scalar; ``- x`` is not."""
    return line[col] in "-?:" and col + 1 < len(line) and line[col + 1] not in " ,[]{}"


class Flow:
    """A flow collection that opens and closes on one line."""

    def __init__(self, line: str, positions: Positions, row: int) -> None:
        self.line = line
        self.positions = positions
        self.row = row + 1

    def node(self, col: int, path: PathKey) -> tuple[Any, int]:
        char = self.line[col]
        self.positions.values[path] = (self.row, col + 1)
        if char == "{":
            return self.mapping(col, path)
        if char == "[":
            return self.sequence(col, path)
        value, end = scalar(self.line, col, block=False)
        return value, end

    def mapping(self, col: int, path: PathKey) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        at = skip_spaces(self.line, col + 1)
        if self.line[at] == "}":
            return out, at + 1
        while True:
            key_col = at
            if self.line[key_col] in "{[":
                raise GiveUp  # complex key
            key, at = scalar(self.line, at, block=False)
            text_key = str(key) if self.line[key_col] in ("'", '"') else self.line[key_col:at]
            if text_key in out:
                raise GiveUp
            at = skip_spaces(self.line, at)
            if self.line[at] != ":":
                raise GiveUp
            at = skip_spaces(self.line, at + 1)
            if self.line[at] in ",}":
                raise GiveUp  # empty value
            child = (*path, text_key)
            self.positions.keys[child] = (self.row, key_col + 1)
            value, at = self.node(at, child)
            out[text_key] = value
            at = skip_spaces(self.line, at)
            if self.line[at] == "}":
                return out, at + 1
            if self.line[at] != ",":
                raise GiveUp
            at = skip_spaces(self.line, at + 1)
            if self.line[at] == "}":
                raise GiveUp  # trailing comma: keep to the common shape

    def sequence(self, col: int, path: PathKey) -> tuple[list[Any], int]:
        out: list[Any] = []
        at = skip_spaces(self.line, col + 1)
        if self.line[at] == "]":
            return out, at + 1
        while True:
            value, at = self.node(at, (*path, len(out)))
            out.append(value)
            at = skip_spaces(self.line, at)
            if self.line[at] == "]":
                return out, at + 1
            if self.line[at] != ",":
                raise GiveUp  # includes "[a: b]"
            at = skip_spaces(self.line, at + 1)
            if self.line[at] == "]":
                raise GiveUp
