"""Positions without the pure-Python parser: a line scanner for the usual shape of a record.

Records are written in a small, regular subset of YAML: block mappings and
sequences, one-line flow collections (``{year: 2024, result: pass}``), plain
and one-line quoted scalars, comments. :func:`locate` scans that subset in a
single pass and returns the same positions as the strict loader's event walk
(the mark of each node, 1-based). Anything outside the subset (multi-line
scalars, block scalars, empty values, anchors, tags, tabs, documents markers,
complex keys ...) makes it give up and return None; the caller then re-reads
the file with the strict loader.

As a second safety net the scanner rebuilds the data it saw (plain scalars
resolved with the strict loader's own resolver) and gives up unless it equals
the data the file was loaded to, value for value and type for type; the
property tests compare its positions with the strict loader's.
"""

from __future__ import annotations

import math
import re
from typing import Any

from kexie_cli.records.locate_line import (
    AnyString,
    Flow,
    GiveUp,
    end_of_line,
    find_colon,
    mapping_entry,
    quoted,
    scalar,
    skip_spaces,
)
from kexie_cli.records.positions import Positions

PathKey = tuple[str | int, ...]

_BAD_CHARS = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")
# A plain scalar may not start with one of these (YAML indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_STOP = frozenset(",[]{}")
_BLOCK_HEADER = re.compile(r"[|>][-+]? *(?:#.*)?\Z")


def locate(text: str, data: Any) -> Positions | None:
    """Positions of every node of ``text`` (already loaded to ``data``), or None to fall back."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # CRLF: same lines and columns
    if any(c in text for c in _BAD_CHARS):
        return None
    scanner = _Scanner(text)
    try:
        built = scanner.document()
    except (GiveUp, IndexError, ValueError):
        return None
    if not same(built, data):
        return None
    return scanner.positions


def same(a: Any, b: Any) -> bool:
    """Deep equality that also compares types (True is not 1, 1 is not 1.0)."""
    if isinstance(a, AnyString):
        return type(b) is str
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.positions = Positions()

    # --- lines -----------------------------------------------------------------

    def next_content(self, row: int) -> int:
        """Index of the first line at or after ``row`` that is not blank or a comment."""
        while row < len(self.lines):
            stripped = self.lines[row].lstrip(" ")
            if stripped and not stripped.startswith("#"):
                return row
            row += 1
        return row

    def indent(self, row: int) -> int:
        line = self.lines[row]
        return len(line) - len(line.lstrip(" "))

    def document(self) -> Any:
        row = self.next_content(0)
        if row >= len(self.lines):
            raise GiveUp
        first = self.lines[row].lstrip(" ")
        if first.startswith(("---", "...", "%")):
            raise GiveUp
        col = self.indent(row)
        if self.is_sequence_item(row, col):
            raise GiveUp  # not a mapping: the loader reports it
        value, row = self.block_mapping(row, col, ())
        if self.next_content(row) < len(self.lines):
            raise GiveUp
        return value

    def is_sequence_item(self, row: int, col: int) -> bool:
        line = self.lines[row]
        return line[col : col + 1] == "-" and line[col + 1 : col + 2] in ("", " ")

    # --- block collections -----------------------------------------------------------

    def block_node(self, row: int, col: int, path: PathKey) -> tuple[Any, int]:
        """A block collection starting at (row, col)."""
        if self.is_sequence_item(row, col):
            return self.block_sequence(row, col, path)
        return self.block_mapping(row, col, path)

    def block_mapping(self, row: int, col: int, path: PathKey) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        self.positions.values[path] = (row + 1, col + 1)
        first = True
        while True:
            line = self.lines[row]
            if not first and (self.indent(row) != col or self.is_sequence_item(row, col)):
                raise GiveUp
            first = False
            key, after = self.key(line, col)
            if key in out:
                raise GiveUp
            child = (*path, key)
            self.positions.keys[child] = (row + 1, col + 1)
            rest_col = skip_spaces(line, after)
            value, row = self.value(row, rest_col, child, col)
            out[key] = value
            row = self.next_content(row)
            if row >= len(self.lines) or self.indent(row) < col:
                return out, row
            if self.indent(row) > col:
                raise GiveUp

    def block_sequence(self, row: int, col: int, path: PathKey) -> tuple[list[Any], int]:
        out: list[Any] = []
        self.positions.values[path] = (row + 1, col + 1)
        while True:
            line = self.lines[row]
            item_col = skip_spaces(line, col + 1)
            child = (*path, len(out))
            value, row = self.value(row, item_col, child, col, in_sequence=True)
            out.append(value)
            row = self.next_content(row)
            if row >= len(self.lines) or self.indent(row) < col:
                return out, row
            if self.indent(row) > col or not self.is_sequence_item(row, col):
                return out, row  # the parent decides whether this is valid

    def value(self, row: int, col: int, path: PathKey, parent_col: int, in_sequence: bool = False) -> tuple[Any, int]:
        """The node after ``key:`` or ``-`` on line ``row`` from column ``col``; returns it and the next row."""
        line = self.lines[row]
        rest = line[col:]
        if not rest or rest.startswith("#"):
            nxt = self.next_content(row + 1)
            if nxt >= len(self.lines):
                raise GiveUp  # empty value
            indent = self.indent(nxt)
            if indent > parent_col:
                return self.block_node(nxt, indent, path)
            if indent == parent_col and not in_sequence and self.is_sequence_item(nxt, indent):
                return self.block_sequence(nxt, indent, path)
            raise GiveUp  # empty value
        if in_sequence and self.is_sequence_item(row, col):
            return self.block_sequence(row, col, path)
        if rest[0] in "|>":
            if _BLOCK_HEADER.match(rest) is None:
                raise GiveUp
            self.positions.values[path] = (row + 1, col + 1)
            return AnyString(""), self.block_scalar_end(row + 1, parent_col)
        if rest[0] in "{[":
            value, end = Flow(line, self.positions, row).node(col, path)
            end_of_line(line, end)
            self.no_continuation(row, parent_col)
            return value, row + 1
        if in_sequence and mapping_entry(rest):
            return self.block_mapping(row, col, path)
        found, end = scalar(line, col, block=True)
        if not in_sequence and mapping_entry(rest):
            raise GiveUp  # "a: b: c"
        end_of_line(line, end)
        self.positions.values[path] = (row + 1, col + 1)
        self.no_continuation(row, parent_col)
        return found, row + 1

    def block_scalar_end(self, row: int, parent_col: int) -> int:
        """The first row after a block scalar's lines (indented past ``parent_col``, or empty)."""
        first = -1
        while row < len(self.lines):
            line = self.lines[row]
            content = line.lstrip(" ")
            if not content:
                if line:
                    raise GiveUp  # a line of spaces: as the fast loader, leave it to the strict one
                row += 1
                continue
            indent = len(line) - len(content)
            if indent <= parent_col:
                break
            if first < 0:
                first = indent
            elif indent < first:
                raise GiveUp
            row += 1
        if first < 0:
            raise GiveUp  # an empty block scalar
        return row

    def no_continuation(self, row: int, parent_col: int) -> None:
        """A one-line scalar must not continue on the next line (more indented)."""
        nxt = row + 1
        if nxt < len(self.lines):
            line = self.lines[nxt]
            stripped = line.lstrip(" ")
            if stripped and not stripped.startswith("#") and self.indent(nxt) > parent_col:
                raise GiveUp

    def key(self, line: str, col: int) -> tuple[str, int]:
        """A block mapping key at ``col``: its text and the column after its colon."""
        char = line[col : col + 1]
        if char in ("'", '"'):
            key, end = quoted(line, col)
            if line[end : end + 1] != ":" or line[end + 1 : end + 2] not in ("", " "):
                raise GiveUp
            return key, end + 1
        if not char or char in _INDICATORS:
            raise GiveUp
        end = find_colon(line, col)
        if end < 0:
            raise GiveUp
        key = line[col:end].rstrip(" ")
        if " #" in key:
            raise GiveUp
        return key, end + 1
