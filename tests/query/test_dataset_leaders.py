"""The dataset's leaders (``leaders.current``) and heads (``chair``, ``secretary_general``, ``secretary``, the
head of the other kinds) are the leaders in office as ``records.model.current_leaders`` says, on every day.

``query/dataset.py`` works them out in one pass over a record's leaders (export and sql read 1.5 million
cells at 10,000 records); this compares that pass with the model's definition on the sample registry,
on days before, between and after the recorded terms of office.
"""

from __future__ import annotations

import datetime as dt

from kexie_cli.party.forms import head_role
from kexie_cli.query import dataset
from kexie_cli.query.snapshot import snapshot
from kexie_cli.records.model import current_leaders
from kexie_cli.registry.load import Registry
from tests.conftest import REPO

HEADS = {"societies": "chair", "branches": "chair", "party_cells": "secretary"}


def test_current_leaders_and_heads_are_the_models_on_every_day() -> None:
    registry = Registry.open(REPO)
    days = [dt.date(2008, 1, 1) + dt.timedelta(days=173 * i) for i in range(45)]  # 2008 .. 2029
    checked = heads_seen = 0
    for day in days:
        snap = snapshot(registry, day, "zh")
        tables = {t.name: t for t in dataset.build(snap.records, snap.qctx)}
        records = {r.id: r for r in snap.records if r.loaded}
        by_record: dict[str, list[bool]] = {}
        for row in tables["leaders"].rows:
            by_record.setdefault(row["record_id"], []).append(row["current"])
        for record_id, flags in by_record.items():
            record = records[record_id]
            current = {ld.index for ld in current_leaders(record.data, day)}
            entries = [i for i, e in enumerate(record.get("leaders")) if isinstance(e, dict)]
            assert flags == [i in current and record.live for i in entries], (record_id, day)
            checked += len(flags)
        for name, table in tables.items():
            if name not in HEADS and not any(c.name == "head" for c in table.columns):
                continue
            for row in table.rows:
                record = records[row["id"]]
                role = HEADS.get(name) or head_role(record)
                found = current_leaders(record.data, day, role)
                column = HEADS.get(name, "head")
                assert row[column] == (found[0].name if found else None), (row["id"], day)
                heads_seen += row[column] is not None
                if name == "societies":
                    general = current_leaders(record.data, day, "secretary-general")
                    assert row["secretary_general"] == (general[0].name if general else None)
    assert checked > 1000 and heads_seen > 100
    assert any(not f for f in [row["current"] for row in tables["leaders"].rows])  # some have left office
