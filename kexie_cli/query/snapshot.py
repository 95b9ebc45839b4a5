"""The records a query runs on: the work tree as it is, or the registry at a Git revision (``--at``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kexie_cli.query.context import QueryContext
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record
from kexie_cli.registry.load import Registry
from kexie_cli.validate.door import load_registry
from kexie_cli.validate.engine import CheckResult, check
from kexie_cli.validate.options import CheckOptions


@dataclass(slots=True)
class Snapshot:
    records: list[Record]  # every file under records/, loaded or not
    qctx: QueryContext
    checked: CheckResult | None = None  # the check the records came from (checked_snapshot), else None


def snapshot(registry: Registry, today: dt.date, lang: str, at: str | None = None) -> Snapshot:
    """The registry (or its state at Git revision ``at``) for querying, through the one door."""
    loaded = load_registry(registry, today, lang, at)
    qctx = QueryContext(today, loaded.settings, registry.schemas, Index(loaded.records), lang, registry.root)
    return Snapshot(loaded.records, qctx)


def checked_snapshot(registry: Registry, today: dt.date, lang: str) -> Snapshot:
    """The work tree for querying together with its check (``kexie show`` and ``kexie serve`` show findings).

    The check loads the records through the door, so this is one pass over the files, not two.
    """
    checked = check(registry, CheckOptions(today=today, lang=lang))
    records = list(checked.all_records)
    qctx = QueryContext(today, registry.settings, registry.schemas, Index(records), lang, registry.root)
    return Snapshot(records, qctx, checked)
