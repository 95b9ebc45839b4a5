"""新增 and 解除/注销 since the comparison: which records came onto the books and which left them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kexie_cli.figures.books import on_books
from kexie_cli.records.model import Record


@dataclass(frozen=True, slots=True)
class Changes:
    """Records of each kind on the books now and not then (新增), and then but not now (减少),
    the latter with the status they have now (``revoked`` 解除资格, ``dissolved`` 注销, or None:
    the file was removed)."""

    added: dict[str, list[str]]  # kind -> names
    removed: dict[str, list[tuple[str, str | None]]]  # kind -> (name, status now)


def record_changes(before: list[Record], now: list[Record], then: dt.date, today: dt.date) -> Changes:
    old = {(r.kind, r.id): r for r in before if r.kind and on_books(r, then)}
    current = {(r.kind, r.id): r for r in now if r.kind}
    new = {key: r for key, r in current.items() if on_books(r, today)}
    added: dict[str, list[str]] = {}
    removed: dict[str, list[tuple[str, str | None]]] = {}
    for (kind, rid), record in sorted(new.items(), key=lambda kv: kv[1].name):
        if (kind, rid) not in old and kind is not None:
            added.setdefault(kind, []).append(record.name)
    for (kind, rid), record in sorted(old.items(), key=lambda kv: kv[1].name):
        if (kind, rid) not in new and kind is not None:
            later = current.get((kind, rid))
            removed.setdefault(kind, []).append((record.name, later.status if later else None))
    return Changes(added, removed)
