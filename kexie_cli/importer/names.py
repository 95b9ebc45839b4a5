"""Finding the record a sheet's name means: with or without the registry's place name, any bracket
style, 科协 for 科学技术协会, or the record's 简称.

``物理学会`` in next year's sheet is 星河市物理学会 of the registry 星河市科学技术协会, as
``市农学会`` is, and ``东城区科协`` is 星河市东城区科学技术协会. A name that fits two records
is ambiguous: it is listed with the candidates, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
_PLACE = re.compile(r"^(.+?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗))(?:科学技术协会|科协)$")


def place_of(registry_name: str) -> str:
    """``星河市科学技术协会`` → ``星河市``; ``""`` when the name has no place."""
    match = _PLACE.match(_SPACE.sub("", registry_name))
    return match.group(1) if match else ""


def base_key(name: str) -> str:
    """Spaces, bracket style and case aside; 科学技术协会 written 科协; 中共 left out."""
    key = _SPACE.sub("", unicodedata.normalize("NFKC", name)).casefold()
    key = key.replace("科学技术协会", "科协")
    return key.removeprefix("中共")


class NameIndex:
    """Records by every name they may be called in a sheet of this registry."""

    def __init__(self, registry_name: str) -> None:
        place = base_key(place_of(registry_name))
        # 星河市 → also 星河 and 市 (``市农学会``: the city's own)
        self.prefixes = sorted({p for p in (place, place[:-1], place[-1:]) if p}, key=len, reverse=True)
        self.keys: dict[str, set[str]] = defaultdict(set)

    def forms(self, name: str) -> set[str]:
        key = base_key(name)
        out = {key}
        for prefix in self.prefixes:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                out.add(key[len(prefix) :])
        return out

    def add(self, record_id: str, names: Iterable[str | None]) -> None:
        for name in names:
            if name:
                for form in self.forms(name):
                    self.keys[form].add(record_id)

    def find(self, name: str) -> list[str]:
        """The ids ``name`` may mean: one is a match, several are ambiguous, none is unknown."""
        key = base_key(name)
        if key in self.keys and len(self.keys[key]) == 1:
            return sorted(self.keys[key])  # the exact name wins over a shortened one
        found: set[str] = set()
        for form in self.forms(name):
            found |= self.keys.get(form, set())
        return sorted(found)
