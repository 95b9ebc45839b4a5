"""Strict YAML 1.2 loader that keeps positions and never expands aliases.

The loader works on the parser's event stream instead of a constructed
document, so anchors, aliases, merge keys and tags are seen (and refused)
before anything is expanded; an alias bomb costs no memory. Plain scalars
are resolved with the YAML 1.2 core schema; dates stay strings so that the
JSON Schema ``format: date`` checks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.records.positions import Positions
from kexie_cli.records.yaml_zh import syntax_zh

DEFAULT_MAX_BYTES = 1024 * 1024
_MAX_PROBLEMS = 20
MAX_DEPTH = 64
_BRACKET = re.compile(r"[\[\]{}]")

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
# C0 controls other than TAB, LF, CR; DEL; C1 controls other than NEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Problem:
    """A reason the file could not be loaded (a K0xx finding before localisation)."""

    code: str
    line: int
    column: int
    key: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Loaded:
    """The outcome of loading one file: data (or None) plus positions and problems."""

    data: dict[str, Any] | None
    positions: Positions = field(default_factory=Positions)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""


def resolve_plain(value: str) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema (no timestamps)."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    try:
        if _INT10.match(value):
            return int(value, 10)
        if _INT8.match(value):
            return int(value[2:], 8)
        if _INT16.match(value):
            return int(value[2:], 16)
    except ValueError:  # more digits than Python converts: keep the text
        return value
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (BOM allowed); refuse NUL and control characters."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_bytes(raw, exc.start)
        return None, Problem("K001", line, col, "load.not_utf8", (("byte", f"0x{raw[exc.start]:02X}"),))
    bad = _CONTROL.search(text)
    if bad is not None:
        line, col = _line_col_text(text, bad.start())
        return None, Problem("K001", line, col, "load.control", (("char", f"U+{ord(bad.group()):04X}"),))
    return text, None


def load_bytes(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Load one record file's bytes. Never raises for bad input."""
    if len(raw) > max_bytes:
        return Loaded(
            None,
            problems=[
                Problem(
                    "K001",
                    1,
                    1,
                    "load.too_large",
                    (("size", str(len(raw))), ("limit", str(max_bytes))),
                )
            ],
        )
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        return Loaded(None, problems=[problem])
    return load_text(text)


def load_text(text: str) -> Loaded:
    """Parse decoded text into plain data with positions."""
    deep = _too_deep(text)
    if deep is not None:
        line, col = _line_col_text(text, deep)
        return Loaded(None, problems=[Problem("K002", line, col, "load.too_deep")], text=text)
    from kexie_cli.records.strict_scanner import Refusal  # noqa: PLC0415 - imports ruamel.yaml, slow; loaded only when YAML is parsed

    source = text
    last = text[text.rfind("\n") + 1 :]
    if last and not last.strip(" "):
        # a last line of spaces without a line break: ruamel drops it from a block scalar, YAML 1.2 does not
        source = text + "\n"
    builder = _Builder(source)
    try:
        builder.run(source)
    except _Stop:
        pass
    except Refusal as exc:
        builder.problems.append(Problem(exc.code, exc.mark.line + 1, exc.mark.column + 1, exc.key))
    except Exception as exc:  # ruamel raises many error types for broken YAML
        builder.problems.append(_syntax_problem(exc))
    result = Loaded(builder.root if not builder.problems else None, builder.positions, builder.problems, text)
    if not result.problems and builder.root is None:
        result.problems.append(Problem("K004", 1, 1, "load.empty"))
    return result


class _Stop(Exception):
    """Raised to stop the event walk once enough problems are known."""


def _syntax_problem(exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = getattr(mark, "line", 0) + 1
    column = getattr(mark, "column", 0) + 1
    detail = getattr(exc, "problem", None) or str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    params = (
        ("detail", str(detail)),
        ("detail_zh", syntax_zh(str(detail))),
        ("line", str(line)),
        ("column", str(column)),
    )
    return Problem("K002", line, column, "load.syntax", params)


class _Frame:
    __slots__ = ("container", "key", "key_pos", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: tuple[str | int, ...]) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_pos: tuple[int, int] = (1, 1)


class _Builder:
    """Builds plain Python data from parser events, recording positions.

    Besides building, it checks what the parser lets through (see
    :mod:`kexie_cli.records.strict_scanner` for the scanner's corrections):
    lines a flow collection or a flow scalar continues on must be indented
    more than the block collection they are in (only spaces count); a
    quoted scalar cannot be followed by ``#`` directly; a plain scalar in a
    flow collection cannot end in ``:`` or hold ``:`` before ``, [ ] { }``
    (ruamel keeps the colon in the text, YAML 1.2 reads a key).
    """

    def __init__(self, text: str = "") -> None:
        self.root: dict[str, Any] | None = None
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.text = text
        self._lines: list[str] | None = None
        self.blocks: list[int] = []  # indentation of the open block collections
        self.flows: list[Any] = []  # start marks of the open flow collections
        self.styles: list[bool] = []  # open collections: flow (True) or block

    def problem(self, code: str, mark: Any, msg: str, **params: str) -> None:
        if code != "K003" and any(p.code == code and p.key == msg for p in self.problems):
            return  # one finding per kind of construct: an alias bomb is one alias, not thousands
        self.problems.append(Problem(code, mark.line + 1, mark.column + 1, msg, tuple(params.items())))
        if len(self.problems) >= _MAX_PROBLEMS:
            raise _Stop

    def run(self, text: str) -> None:
        from ruamel.yaml import YAML  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed
        from ruamel.yaml import events as ev  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

        from kexie_cli.records.strict_scanner import Refusal, StrictScanner  # noqa: PLC0415 - imports ruamel.yaml, slow; loaded only when YAML is parsed

        yaml = YAML(typ="safe", pure=True)
        yaml.Scanner = StrictScanner
        for event in yaml.parse(text):
            if isinstance(event, ev.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.problem("K004", event.start_mark, "load.multi_doc")
                continue
            if isinstance(event, ev.AliasEvent):
                self.problem("K004", event.start_mark, "load.alias", name=str(event.anchor))
                self.node(event.start_mark, None, "*", False)  # keep key/value pairing in step
                continue
            if isinstance(event, (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent)):
                if event.anchor is not None:
                    self.problem("K004", event.start_mark, "load.anchor", name=str(event.anchor))
                if event.tag is not None:
                    self.problem("K004", event.start_mark, "load.tag", tag=str(event.tag))
            if isinstance(event, ev.ScalarEvent):
                plain = event.style is None
                self.check_scalar(event, plain, Refusal)
                self.node(
                    event.start_mark,
                    resolve_plain(event.value) if plain else event.value,
                    event.value,
                    plain,
                )
            elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                self.styles.append(bool(event.flow_style))
                if event.flow_style:
                    self.flows.append(event.start_mark)
                else:
                    self.blocks.append(event.start_mark.column)
                self.open(event.start_mark, {} if isinstance(event, ev.MappingStartEvent) else [])
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                self.stack.pop()
                if self.styles.pop():
                    start = self.flows.pop()
                    if not self.flows:
                        self.check_lines(start, event.end_mark, Refusal)
                else:
                    self.blocks.pop()

    def check_scalar(self, event: Any, plain: bool, refusal: Any) -> None:
        start, end = event.start_mark, event.end_mark
        if event.style in ('"', "'") and self.text[end.index : end.index + 1] == "#":
            raise refusal("K002", "load.comment_glued", end)
        if self.flows:
            after = self.text[end.index : end.index + 1]
            if plain and (_FLOW_COLON.search(event.value) or (event.value.endswith(":") and after in ",]}")):
                raise refusal("K004", "load.flow_colon", start)
            return  # the flow collection's lines are checked as a whole
        if event.style in ("|", ">"):
            return
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            return  # a block mapping's key: at the mapping's own indentation
        self.check_lines(start, end, refusal)

    def check_lines(self, start: Any, end: Any, refusal: Any) -> None:
        """Every line of a node that begins with it or continues it is indented past its block (spaces only)."""
        if not self.blocks:
            return
        first = self.text[start.index - start.column : start.index]
        if end.line == start.line and "\t" not in first:
            return
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        least = self.blocks[-1] + 1
        for number in range(start.line, min(end.line, len(lines) - 1) + 1):
            line = lines[number]
            if number == start.line:
                if first.strip(" \t"):
                    continue  # the node does not begin its line
            else:
                content = line.lstrip(" \t")
                if not content or content.startswith("#"):
                    continue
            if len(line) - len(line.lstrip(" ")) < least:
                raise refusal("K002", "load.indent", _Mark(number, 0))

    def open(self, mark: Any, container: dict[str, Any] | list[Any]) -> None:
        if len(self.stack) >= MAX_DEPTH:  # block nesting too: every later step recurses on the data
            self.problems.append(Problem("K002", mark.line + 1, mark.column + 1, "load.too_deep"))
            raise _Stop
        path = self.node(mark, container, None, False)
        if path is not None:
            self.stack.append(_Frame(container, path))

    def node(self, mark: Any, value: Any, source: str | None, plain: bool) -> tuple[str | int, ...] | None:
        """Place a value in its parent; returns its path, or None for a mapping key."""
        pos = (mark.line + 1, mark.column + 1)
        if not self.stack:
            if self.documents > 1:
                return ()
            if not isinstance(value, dict):
                if value is not None or not plain or source:
                    self.problem("K004", mark, "load.not_mapping")
                return ()
            self.root = value
            self.positions.values[()] = pos
            return ()
        frame = self.stack[-1]
        parent = frame.container
        if isinstance(parent, list):
            path = (*frame.path, len(parent))
            parent.append(value)
            self.positions.values[path] = pos
            return path
        if frame.key is None:  # this node is a key
            if source is None:
                self.problem("K004", mark, "load.complex_key")
                return ()
            if plain and source == "<<":
                self.problem("K004", mark, "load.merge")
            if source in parent:
                self.problem("K003", mark, "load.duplicate", key=source)
                frame.key = "\0dup"
            else:
                frame.key = source
            frame.key_pos = pos
            return None
        key = frame.key
        frame.key = None
        path = (*frame.path, key)
        if key != "\0dup":
            parent[key] = value
            self.positions.values[path] = pos
            self.positions.keys[path] = frame.key_pos
        return path


_FLOW_COLON = re.compile(r":[,\[\]{}]")


@dataclass(frozen=True, slots=True)
class _Mark:
    line: int
    column: int


def _too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """Offset where flow brackets nest deeper than ``limit`` (the parser is slow there).

    Brackets inside quotes are counted too: a record never nests this deep,
    so the approximation only errs on absurd input.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return match.start()
    return None


def _line_col_bytes(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def _line_col_text(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
