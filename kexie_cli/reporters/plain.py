"""``--format plain`` tables without tabulate: the same bytes as ``tabulate(..., tablefmt="simple",
disable_numparse=True)`` for one-line text cells, at a fraction of the cost (issue 27).

tabulate guesses the type of every cell (with number parsing off, every column is text and left
aligned), strips each cell, measures it with ``wcwidth.wcswidth`` and pads it; importing it (and
wcwidth with its tables) alone took a tenth of a reading command. Here a cell made of printable
ASCII, the common CJK ideographs and punctuation and the full-width forms is measured from a table
of those ranges (checked code point by code point against wcwidth: ``tests/output/test_plain_table.py``);
any other cell is measured by wcwidth itself, imported on first need. Cells with line breaks or
terminal codes (never in kexie's tables: ``cells.safe_text`` escapes them) go to tabulate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

GAP = "  "  # between columns, as tabulate's "simple" format
MIN_PADDING = 2  # a column is at least its header and two spaces wide (tabulate's MIN_PADDING)

#: characters one column wide (printable ASCII, the middle dot, dashes, quotes and ellipsis) and two
#: columns wide (CJK punctuation, ideographs, full-width forms), as wcwidth measures them
_NARROW = "\x20-\x7e\u00b7\u2010-\u2027"
_WIDE = "\u3000-\u3029\u3030-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6"
_KNOWN = re.compile(f"[{_NARROW}{_WIDE}]*")
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
_TABULATE_ONLY = re.compile("[\n\r\x1b\x01]")  # multi-line cells, terminal codes, tabulate's separating line

_wcswidth: Callable[[str], int] | None = None


def width(text: str) -> int:
    """The terminal width of ``text``, as ``wcwidth.wcswidth`` gives it."""
    return _measure(text)[0]


def _measure(text: str) -> tuple[int, bool]:
    """The width of ``text`` and whether it is the sum of its characters' widths (then spaces after it
    add one column each; wcwidth measures other text as a whole, joiners and selectors included)."""
    if text.isascii() and text.isprintable():
        return len(text), True
    if _KNOWN.fullmatch(text):
        return len(text) + len(_WIDE_CHAR.findall(text)), True
    return _wcwidth()(text), False


def _wcwidth() -> Callable[[str], int]:
    global _wcswidth  # noqa: PLW0603 - imported once, when a cell needs it
    if _wcswidth is None:
        from wcwidth import wcswidth  # noqa: PLC0415 - slow to import; most tables never need it

        _wcswidth = wcswidth
    return _wcswidth


def simple_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """``tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)`` for text cells."""
    count = len(headers)
    if not rows or any(len(row) != count for row in rows) or _needs_tabulate(rows, headers):
        from tabulate import tabulate  # noqa: PLC0415 - only for what this module does not reproduce

        return str(tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True))
    columns = [[cell.strip() for cell in column] for column in zip(*rows, strict=True)]
    padded: list[list[str]] = []
    sizes: list[int] = []
    for column, head in zip(columns, headers, strict=True):
        measured = [_measure(cell) for cell in column]
        least = width(head) + MIN_PADDING
        size = max(least, *(w for w, _ in measured))  # tabulate pads the cells to this width ...
        cells = [_pad(cell, w, size) for cell, (w, _) in zip(column, measured, strict=True)]
        # ... and sizes the header and the rule by the padded cells, measured again
        sizes.append(max(least, *(size if plain else width(c) for c, (_, plain) in zip(cells, measured, strict=True))))
        padded.append(cells)
    lines = [GAP.join(_pad(head, width(head), size) for head, size in zip(headers, sizes, strict=True)).rstrip()]
    lines.append(GAP.join("-" * size for size in sizes).rstrip())
    lines.extend(GAP.join(row).rstrip() for row in zip(*padded, strict=True))
    return "\n".join(lines)


def _pad(text: str, measured: int, size: int) -> str:
    """``text`` followed by the spaces that make it ``size`` columns wide (none when it is wider)."""
    return text + " " * (size - measured) if measured < size else text


def _needs_tabulate(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> bool:
    if any(not isinstance(cell, str) for row in rows for cell in row):
        return True
    return _TABULATE_ONLY.search("\t".join(headers)) is not None or any(
        _TABULATE_ONLY.search("\t".join(row)) is not None for row in rows
    )
