"""Fitting tables into a terminal: display widths, line breaking and column widths.

Chinese text has no spaces, so breaking only at spaces (what rich and textwrap
do) leaves a whole sentence as one "word" that is then cut anywhere — through
a date or an id. Here a line may break:

- at spaces;
- between two CJK characters, except before closing punctuation (，。、）…)
  and after opening punctuation (（《“…);
- between a CJK character and a run of ASCII text;
- inside an ASCII run only after ``/`` and after a ``-`` that follows a letter
  (paths and slugs: ``party-cells/``, ``gongcheng-``), never inside a date
  (``2026-12-17``), a number or a rule code.

A piece that is still wider than its column is folded cell by cell; nothing is
ever replaced by "…". Widths are display cells (CJK characters count two).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

CLOSING = set("，。、；：？！）》」』】〉〕”’％·…,.;:!?)]}%/")
OPENING = set("（《「『【〈〔“‘([{")
_ASCII_BREAK = re.compile(r"(?<=/)|(?<=[A-Za-z]-)")


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def width(text: str) -> int:
    """Display width of ``text`` in terminal cells."""
    return sum(char_width(ch) for ch in text)


def _wide(ch: str) -> bool:
    return char_width(ch) == 2


def pieces(text: str, names: bool = False) -> list[str]:
    """``text`` cut at every break opportunity; trailing spaces stay on their piece.

    ``names``: a list of person names ("邵西琳、蔡俊静"), broken only after a separator.
    """
    if names:
        return re.findall(r"[^、，,;；\s]+[、，,;；]?\s*|\s+", text)
    units: list[str] = []
    for token in re.findall(r"\s+|[^\s]", text):
        if token.isspace():
            if units:
                units[-1] += token
            else:
                units.append(token)
            continue
        prev = units[-1] if units else ""
        glue = (
            bool(prev)
            and not prev[-1].isspace()
            and (
                token in CLOSING
                or prev[-1] in OPENING
                or (not _wide(token) and not _wide(prev[-1]))  # inside an ASCII run
            )
        )
        if glue:
            units[-1] += token
        else:
            units.append(token)
    out: list[str] = []
    for unit in units:
        core = unit.rstrip()
        if len(core) > 1 and not any(_wide(ch) for ch in core):
            parts = [p for p in _ASCII_BREAK.split(core) if p]
            parts[-1] += unit[len(core) :]
            out.extend(parts)
        else:
            out.append(unit)
    return out


def min_width(text: str, names: bool = False) -> int:
    """The widest piece of ``text``: the narrowest column it fits without folding."""
    return max((width(p.rstrip()) for line in text.split("\n") for p in pieces(line, names)), default=0)


def wrap(text: str, limit: int, names: bool = False) -> list[str]:
    """``text`` broken into lines at most ``limit`` cells wide (explicit newlines kept)."""
    limit = max(limit, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in pieces(paragraph, names):
            if width(line + piece.rstrip()) <= limit:
                line += piece
                continue
            if line.strip():
                lines.append(line.rstrip())
            rest = piece
            while width(rest.rstrip()) > limit:  # wider than the column: fold cell by cell
                head = _chop(rest, limit)
                lines.append(head)
                rest = rest[len(head) :]
            line = rest
        lines.append(line.rstrip())
    return lines


def _chop(text: str, limit: int) -> str:
    out, used = "", 0
    for ch in text:
        w = char_width(ch)
        if used + w > limit and out:
            break
        out += ch
        used += w
    return out


def allocate(minimums: Sequence[int], maximums: Sequence[int], available: int) -> list[int]:
    """Column widths that fit ``available`` cells.

    Natural widths when they fit. Otherwise every column gets its minimum and the
    space left is shared out evenly, a column that needs less than its share taking
    only what it needs (so short columns — kinds, dates, counts — stay on one line
    and the long texts wrap). Below the minimums the widest columns give way.
    """
    maxes = [max(a, b) for a, b in zip(minimums, maximums, strict=True)]
    if sum(maxes) <= available:
        return list(maxes)
    widths = list(minimums)
    spare = available - sum(widths)
    if spare < 0:
        while sum(widths) > available and max(widths) > 1:  # last resort: fold the widest
            widths[widths.index(max(widths))] -= 1
        return widths
    wanting = sorted((i for i in range(len(widths)) if maxes[i] > widths[i]), key=lambda i: maxes[i] - widths[i])
    while wanting and spare > 0:
        share = spare // len(wanting)
        i = wanting[0]
        need = maxes[i] - widths[i]
        if need <= share:
            widths[i] += need
            spare -= need
            wanting.pop(0)
            continue
        for k, i in enumerate(wanting):  # nobody is satisfied by a fair share: split evenly
            extra = share + (1 if k < spare - share * len(wanting) else 0)
            widths[i] += extra
        break
    return widths


DIVISIONS = set("省市区县州盟旗")


def shared_prefix(names: Sequence[str]) -> str:
    """The place name every one of ``names`` starts with ("示例市"), ending at 省/市/区/县…,
    leaving something after it; "" when the names do not share one.
    """
    values = [n for n in names if n]
    if not values:
        return ""
    first = values[0]
    best = ""
    for end, ch in enumerate(first, start=1):
        if ch not in DIVISIONS:
            continue
        prefix = first[:end]
        if all(v.startswith(prefix) and len(v) > end for v in values):
            best = prefix
        else:
            break
    return best
