"""Record ids for imported rows: the name's pinyin (as ``kexie new``), made unique."""

from __future__ import annotations

import re

from kexie_cli.edit.new import derive_id

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")


def new_id(name: str, registry_name: str, taken: set[str]) -> str:
    """A slug for ``name`` not in ``taken`` (``-2``, ``-3`` … on collision); added to ``taken``."""

    bare = re.sub(r"[（(][^）)]*[）)]$", "", name) or name  # 示例市某学会（筹）: the note in brackets is not the name
    found = derive_id(bare, registry_name, frozenset(taken))
    taken.add(found)
    return found
