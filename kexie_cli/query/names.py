"""Sort keys for Chinese text: pinyin order (the default) and 姓氏笔画 order.

Pinyin comes from pypinyin (phrase-aware, so 重庆 reads chóng). A person's
surname is read from :data:`SURNAMES` first, because a surname often reads
differently from the common word (单 shàn, 曾 zēng, 解 xiè, 仇 qiú, 区 ōu,
查 zhā, 朴 piáo, 盖 gě).

Stroke counts are Unicode's kTotalStrokes (see ``strokes_gen.py``).
姓氏笔画 order compares the stroke counts of the characters one by one
(surname first); names with the same counts fall back to pinyin order.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

ORDERS = ("pinyin", "strokes")

# Surnames whose reading differs from pypinyin's default reading of the character.
# Two-character (compound) surnames are matched before single ones.
SURNAMES: dict[str, tuple[str, ...]] = {
    "单": ("shan4",),
    "曾": ("zeng1",),
    "解": ("xie4",),
    "仇": ("qiu2",),
    "区": ("ou1",),
    "查": ("zha1",),
    "朴": ("piao2",),
    "盖": ("ge3",),
    "缪": ("miao4",),
    "翟": ("zhai2",),
    "覃": ("qin2",),
    "乐": ("yue4",),
    "召": ("shao4",),
    "种": ("chong2",),
    "员": ("yun4",),
    "繁": ("po2",),
    "黑": ("he4",),
    "秘": ("bi4",),
    "尉迟": ("yu4", "chi2"),
    "万俟": ("mo4", "qi2"),
    "长孙": ("zhang3", "sun1"),
    "澹台": ("tan2", "tai2"),
}


@lru_cache(maxsize=1 << 17)  # every name of a 10,000-record registry (sorting, find, kexie serve)
def syllables(text: str) -> tuple[str, ...]:
    """Pinyin with tone numbers, one item per Chinese character (other runs kept as one item, lowercased)."""
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415 - pypinyin loads large tables; only for pinyin ids and sorting

    return tuple(s.lower() for s in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))


def person_syllables(name: str) -> tuple[str, ...]:
    """Pinyin of a person's name, reading the surname from :data:`SURNAMES`."""
    for size in (2, 1):
        reading = SURNAMES.get(name[:size])
        if reading is not None:
            return reading + syllables(name[size:])
    return syllables(name)


def initials(text: str, person: bool = False) -> str:
    """Pinyin initials of a text (ASCII runs kept as they are), lowercased: 水利学会 -> slxh."""
    parts = person_syllables(text) if person else syllables(text)
    return "".join(p[0] for p in parts if p and p[0].isalnum())


def plain_pinyin(text: str, person: bool = False) -> str:
    """Pinyin without tones, run together: 水利 -> shuili."""
    parts = person_syllables(text) if person else syllables(text)
    return "".join(p.rstrip("012345") for p in parts)


def strokes(char: str) -> int:
    """Total strokes of one CJK character (0 for anything else)."""
    from kexie_cli.query._strokes import BLOCKS, OFFSET  # noqa: PLC0415 - a large generated table, loaded only for stroke-order sorting

    code = ord(char)
    for first, table in BLOCKS.items():
        if first <= code < first + len(table):
            return ord(table[code - first]) - OFFSET
    return 0


def pinyin_key(text: str, person: bool = False) -> tuple[Any, ...]:
    normal = unicodedata.normalize("NFKC", text)
    return (person_syllables(normal) if person else syllables(normal), normal)


def strokes_key(text: str, person: bool = True) -> tuple[Any, ...]:
    normal = unicodedata.normalize("NFKC", text)
    return (tuple(strokes(c) for c in normal), pinyin_key(normal, person))


def sort_key(text: str, order: str = "pinyin", person: bool = False) -> tuple[Any, ...]:
    """The key ordering ``text`` in ``order`` (pinyin or strokes)."""
    return strokes_key(text, person) if order == "strokes" else pinyin_key(text, person)
