"""The form every ``find`` (and ``--where ~``) comparison uses: NFKC, simplified characters, case-folded.

OpenCC's traditional-to-simplified conversion was about a third of a ``kexie find`` over 10,000
records. The form of a text depends on the text, OpenCC and Python's Unicode tables alone, so it is
remembered between runs with the pinyin of names (:mod:`kexie_cli.query.pinyin_cache`, whose
fingerprint holds OpenCC's version): :func:`remember` hands this process what earlier runs made,
:func:`made` gives what this one added.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

_REMEMBERED: dict[str, str] = {}
_MADE: dict[str, str] = {}


def remember(known: dict[str, str]) -> None:
    """Forms made by earlier runs (text -> :func:`normalize`), used instead of asking OpenCC again."""
    _REMEMBERED.update(known)


def made() -> dict[str, str]:
    """The forms this process asked OpenCC for (not remembered before)."""
    return dict(_MADE)


@lru_cache(maxsize=1)
def _converter() -> Any:
    from opencc import OpenCC  # noqa: PLC0415 - opencc loads its dictionaries; only for traditional-character search

    return OpenCC("t2s")


@lru_cache(maxsize=1 << 17)
def normalize(value: str) -> str:
    """NFKC, simplified characters, case-folded: the form every comparison uses."""
    known = _REMEMBERED.get(value)
    if known is not None:
        return known
    found = str(_converter().convert(unicodedata.normalize("NFKC", value))).casefold()
    _MADE[value] = found
    return found
