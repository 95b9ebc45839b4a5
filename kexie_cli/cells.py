"""Cell text made safe for where it goes: the one place every table, report, CSV and xlsx writer uses.

Record values come from many hands and are untrusted:

- terminal, plain, Markdown and CSV output: C0 and C1 control characters,
  DEL, line and paragraph separators and bidirectional overrides inside a
  value are shown as escapes (``\\n``, ``\\x1b``, ``\\u202e``), so a value can
  neither start a new output line (a forged ``::error`` in CI, a fake
  finding) nor send escape sequences to the terminal;
- CSV: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return gets a leading ``'`` so a spreadsheet shows it as text
  instead of running it as a formula (numbers stay numbers);
- xlsx: a text cell is always written as a string, never as a formula.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0, DEL, C1; line/paragraph separators; bidi embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = frozenset({"-", "--"})  # placeholders for "nothing" in some tables
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with every control character shown as an escape (one output line, no terminal codes)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


_MD = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;"})


def md_text(text: str) -> str:
    """Text for Markdown output: escaped like :func:`safe_text`, and never raw HTML or a link.

    ``<``, ``>`` and ``&`` become entities (no ``<script>``, ``<img onerror>`` or ``<javascript:...>``
    autolink), and so does ``[`` (no ``[x](javascript:...)`` link: an entity is never link syntax).
    A Markdown viewer shows the text as it was typed (issue 28).
    """
    return safe_text(text).translate(_MD)


# what XML 1.0 (and so a .docx) cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE/FFFF; surrogates
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
DOCX_PROPERTY = 255  # characters of a Word core property (title, author): python-docx refuses more


def docx_text(text: str) -> str:
    """Text for a Word document: characters XML cannot hold are shown as escapes (``\\x07``), as elsewhere."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(_escape, text)


def docx_property(text: str) -> str:
    """A Word core property (title, author): :func:`docx_text`, at most DOCX_PROPERTY characters."""
    return docx_text(text)[:DOCX_PROPERTY]


CUT = 200  # characters of a value echoed in a message


def cut(text: str, limit: int = CUT) -> str:
    """``text`` shortened for a message: a 5,000-digit value is shown by its start, its end and its length."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 21]}…{text[-20:]}"


def csv_text(text: str) -> str:
    """A CSV cell: escaped like :func:`safe_text`, and with a leading ``'`` when a spreadsheet would run it."""
    if text.startswith(_FORMULA_START) and text not in _HARMLESS and not _NUMBER.match(text):
        text = "'" + text
    return safe_text(text)


def xlsx_text(text: str) -> str:
    """Text for an xlsx cell: control characters escaped (the format cannot hold most of them)."""
    return safe_text(text)


def mark_string(cell: Any) -> None:
    """Make an openpyxl cell holding text a string cell (openpyxl turns text starting with ``=`` into a formula)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


class _Widths(dict[str, int]):
    """Character -> its width in columns, looked up in Unicode's East Asian Width once per character."""

    def __missing__(self, char: str) -> int:
        width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        self[char] = width
        return width


_WIDTHS = _Widths()


def text_width(text: str) -> int:
    """Width of cell text in columns (CJK characters count two): xlsx column widths, carets under an expression."""
    if text.isascii():  # every ASCII character is narrow (a 10,000-record export measures 1.5 million cells)
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))
