"""ruamel.yaml's pure-Python scanner, corrected where it departs from YAML 1.2 on record-like input.

Checked against the official YAML test suite (``tests/conformance``). The
strict loader parses with :class:`StrictScanner`; the corrections are:

- **Tabs as separation.** A tab may separate tokens, end a line or stand on
  an otherwise blank line (``a: b<TAB>``, ``block:<TAB>|``, ``-<TAB>x``), as
  YAML 1.2 allows and editors produce. A tab may never be indentation: one
  right before a block structure (``-``, ``?``, ``:`` or a mapping key) is
  refused here, and one before a scalar or flow collection at the start of
  a line is checked by the loader, which counts only spaces as indentation.
- **Explicit keys in flow collections** (``{ ? a : b }``): ruamel takes any
  ``?`` in a flow collection as the key indicator, even ``?foo``, and keeps
  a space before ``:`` in the key. Refused (K004): records never need them.
- **A flow mapping key whose ``:`` is on the next line** (``{"a"\n: b}``):
  valid YAML 1.2 that ruamel refuses; accepted.

Problems found here are raised as :class:`Refusal` with a message key.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.scanner import Scanner


class Refusal(Exception):
    """A construct the strict loader refuses: rule code, message key and mark."""

    def __init__(self, code: str, key: str, mark: Any) -> None:
        super().__init__(key)
        self.code = code
        self.key = key
        self.mark = mark


_SPACE_OR_END = " \t\n\r\0\x85\u2028\u2029"
_BREAKS = "\r\n\x85\u2028\u2029"


class StrictScanner(Scanner):
    """See the module docstring."""

    def reset_scanner(self) -> None:
        super().reset_scanner()
        self.tabbed: dict[int, Any] = {}  # reader index of a token that follows a tab -> the tab's mark

    def scan_to_next_token(self) -> None:
        peek = self.reader.peek
        forward = self.reader.forward
        if self.reader.index == 0 and peek() == "\ufeff":
            forward()
        while True:
            tab = None
            while peek() in " \t":
                if tab is None and peek() == "\t":
                    tab = self.reader.get_mark()
                forward()
            if peek() == "#":
                while peek() not in "\0" + _BREAKS:
                    forward()
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
                continue
            if tab is not None and not self.flow_level:
                self.tabbed[self.reader.index] = tab
            return

    def _no_tab_before(self, index: int) -> None:
        if index in self.tabbed:
            raise Refusal("K002", "load.tab", self.tabbed[index])

    def fetch_block_entry(self) -> None:
        if not self.flow_level:
            self._no_tab_before(self.reader.index)
        super().fetch_block_entry()

    def fetch_key(self) -> None:
        if self.flow_level:
            raise Refusal("K004", "load.flow_explicit_key", self.reader.get_mark())
        self._no_tab_before(self.reader.index)
        super().fetch_key()

    def fetch_value(self) -> None:
        if not self.flow_level:
            key = self.possible_simple_keys.get(0)
            if key is not None and key.index in self.tabbed:
                raise Refusal("K002", "load.tab", self.tabbed[key.index])
            if key is None:
                self._no_tab_before(self.reader.index)
        super().fetch_value()

    def stale_possible_simple_keys(self) -> None:
        # In a flow mapping the ":" may follow its key on a later line (YAML 1.2 "ns-flow-map-yaml-key-entry").
        for level in list(self.possible_simple_keys):
            key = self.possible_simple_keys[level]
            if self.reader.index - key.index <= 1024:
                if key.line == self.reader.line:
                    continue
                if 0 < level <= len(self.flow_context) and self.flow_context[level - 1] == "{":
                    continue
            if key.required:
                raise Refusal("K002", "load.simple_key", key.mark)
            del self.possible_simple_keys[level]

    def scan_block_scalar(self, style: Any, rt: Any = False) -> Any:
        token = super().scan_block_scalar(style, rt)
        # a line of white space with a tab where the block scalar stopped: neither its content nor an empty line
        peek = self.reader.peek
        length = 0
        while peek(length) in " \t":
            length += 1
        if peek(length) in _BREAKS + "\0" and "\t" in self.reader.prefix(length):
            raise Refusal("K002", "load.tab", self.reader.get_mark())
        return token

    def scan_plain_spaces(self, indent: Any, start_mark: Any) -> Any:
        # ruamel's own, with tabs as white space inside a line and on the lines a plain scalar folds over
        peek = self.reader.peek
        forward = self.reader.forward
        chunks: list[str] = []
        length = 0
        while peek(length) in " \t":
            length += 1
        whitespaces = self.reader.prefix(length)
        forward(length)
        if peek() not in _BREAKS:
            if whitespaces:
                chunks.append(whitespaces)
            return chunks
        line_break = self.scan_line_break()
        self.allow_simple_key = True
        if self._document_marker():
            return None
        breaks = []
        while peek() in " \t" + _BREAKS:
            if peek() in " \t":
                forward()
            else:
                breaks.append(self.scan_line_break())
                if self._document_marker():
                    return None
        if line_break != "\n":
            chunks.append(line_break)
        elif not breaks:
            chunks.append(" ")
        chunks.extend(breaks)
        return chunks

    def _document_marker(self) -> bool:
        return self.reader.prefix(3) in ("---", "...") and self.reader.peek(3) in _SPACE_OR_END
