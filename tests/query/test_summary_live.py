"""``kexie summary`` finds the records on the books of each kind once, not once per table (query/summary_base.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest

from kexie_cli.figures import books
from kexie_cli.query import summary_base
from kexie_cli.query.snapshot import snapshot
from kexie_cli.query.summary import summary
from kexie_cli.registry.load import Registry
from tests.conftest import AS_OF, REPO


def test_each_record_is_looked_at_once_per_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    snap = snapshot(Registry.open(REPO, REPO), dt.date.fromisoformat(AS_OF), "zh")
    asked: Counter[str] = Counter()
    real = books.on_books

    def counting(record: Any, day: dt.date) -> bool:
        asked[record.relpath] += 1
        return real(record, day)

    monkeypatch.setattr(summary_base, "on_books", counting)
    tables = summary(snap.records, snap.qctx)
    assert tables
    assert asked
    assert max(asked.values()) == 1


def test_live_hands_out_a_list_of_its_own() -> None:
    snap = snapshot(Registry.open(REPO, REPO), dt.date.fromisoformat(AS_OF), "zh")
    data = summary_base.Summary(snap.records, snap.qctx)
    first = data.live("society")
    first.clear()
    assert data.live("society")
