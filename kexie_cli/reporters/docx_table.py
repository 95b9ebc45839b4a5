"""The column widths of the docx report's tables, and where their headers break.

A table of the report sits on the 156 mm line of an A4 公文 page in 五号 (10.5 pt). A column asks
for its longest cell (at most 24 characters; longer text wraps) and for the widest *word* of its
header, so that a header breaks between words — 学会数 stays on one line, 街道/乡镇科协 breaks after
the slash, 有党建联络员/指导员 as 有党建 / 联络员/ / 指导员 — never inside one (学/会/数). When the
columns do not fit, the widest give way first, never below their header's widest word; only when
the words alone are too wide does every column shrink in proportion. The header cells carry the
breaks (line breaks in the cell), chosen for the column's final width.

Words: a header is cut after ``/`` and ``、`` and before ``（``; a run of CJK characters is read in
pairs (most Chinese terms of a table head are two-character words), an odd character joining the
pair before it (学会数, 科协数) or, when it is a prefix (有 / 未 / 已 / 不 / 应 / 按), the pair after it
(有党建, 按台账); a few three-character words stay whole (党组织, 联络员 …). Brackets go with the word
next to them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from kexie_cli.cells import text_width

TEXT_MM = 156.0  # the line of an A4 公文 page (210 mm less 28 and 26 mm margins)
CJK_MM = 3.75  # a CJK character of 五号 (10.5 pt is 3.70 mm)
ASCII_MM = 2.6  # a digit or Latin letter: 0.64 em with DejaVu Sans (bold 0.70 em), LibreOffice's stand-in for Times
PADDING_MM = 2.4  # cell margins of 1 mm a side (CELL_MARGIN_MM) and the borders
CELL_MARGIN_MM = 1.0
MAX_MM = 24 * CJK_MM  # 24 CJK characters: a longer cell wraps
PREFIXES = set("有未已不应按")
THREE = {"党组织", "党支部", "党总支", "联络员", "指导员", "覆盖率", "科协数"}  # words of three characters
_PIECES = re.compile(r"[^/、（]*[/、]|（[^/、（]*|[^/、（]+")


def header_words(header: str) -> list[str]:
    """The header cut where it may break: 有党建联络员/指导员 → 有党建, 联络员/, 指导员."""
    words: list[str] = []
    for piece in _PIECES.findall(header):
        if piece:
            words += _pairs(piece)
    return words or [header]


def _pairs(piece: str) -> list[str]:
    """A piece without break marks as words of two CJK characters (an odd one joins a neighbour)."""
    tokens = re.findall(r"[\x21-\x7e]+|.", piece)  # a run of ASCII is one token
    core = [i for i, t in enumerate(tokens) if len(t) == 1 and text_width(t) == 2 and t not in "（）"]
    if len(core) < 4:
        return [piece]
    starts: list[int] = []  # indices into tokens where a word begins
    at = 0
    while at < len(core):
        word = "".join(tokens[i] for i in core[at : at + 3])
        take = 3 if len(core) - at == 3 or word in THREE or (at == 0 and word[0] in PREFIXES) else 2
        take += 1 if len(core) - at - take == 1 else 0  # a last character alone joins this word
        starts.append(core[at])
        at += take
    starts[0] = 0  # an opening bracket or leading ASCII goes with the first word
    bounds = [*starts, len(tokens)]
    return ["".join(tokens[a:b]) for a, b in itertools.pairwise(bounds) if a < b]


def text_mm(text: str) -> float:
    """The width of ``text`` in 五号 (mm)."""
    return sum(CJK_MM if unicodedata.east_asian_width(ch) in "WF" else ASCII_MM for ch in text)


def column_widths(headers: list[str], rows: list[list[str]], line_mm: float = TEXT_MM) -> list[float]:
    """Column widths (mm) on the line: each column its longest cell, and at least its header's widest word."""
    floors = [max(text_mm(w) for w in header_words(h)) + PADDING_MM for h in headers]
    longest = [min(max([0.0, *(text_mm(r[j]) for r in rows)]), MAX_MM) + PADDING_MM for j in range(len(headers))]
    wanted = [max(f, c) for f, c in zip(floors, longest, strict=True)]
    if sum(floors) > line_mm:  # the header words alone are too wide: every column in proportion
        return [f * line_mm / sum(floors) for f in floors]
    while sum(wanted) > line_mm + 0.01:
        widest = max(w for w, f in zip(wanted, floors, strict=True) if w > f)
        over = sum(wanted) - line_mm
        giving = [j for j, w in enumerate(wanted) if w == widest and w > floors[j]]
        lower = max([w for w in wanted if w < widest], default=0.0)
        for j in giving:
            wanted[j] = max(floors[j], lower, widest - over / len(giving))
    return wanted


def header_lines(header: str, width_mm: float) -> list[str]:
    """The header's lines in a column ``width_mm`` wide, broken between words only."""
    room = width_mm - PADDING_MM + 0.01
    lines: list[str] = []
    for word in header_words(header):
        if lines and text_mm(lines[-1] + word) <= room:
            lines[-1] += word
        else:
            lines.append(word)
    return lines
