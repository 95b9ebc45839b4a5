"""The one door for records: every command gets the records of a registry here.

:func:`load_registry` returns every file under ``records/`` of the work tree
or of a Git revision (``at``), each as a :class:`Record` (loaded, or with the
K0xx problems that keep it from loading: :attr:`Loaded.unreadable` names
them). It goes through the content-hash cache (:mod:`kexie_cli.validate.cache`):
a file whose path and bytes were seen before is not parsed again.

:class:`Door` is the step under it, shared with the check engine
(:func:`kexie_cli.validate.engine.check` is one of its users): list and read
the files once (or take a revision's bytes), hash them, then fill in each
file's outcome from the cache or by loading it, in worker processes for
large registries. An outcome made here also holds the file's per-file
findings (schema, record rules that look at no other record), so the cache
a query fills answers the next ``kexie check`` too.

:func:`record_data` loads one record's bytes taken from Git history
(``kexie diff``, ``kexie log``, the textconv) with the same loader.

Nothing else in kexie calls a record loader (``tests/test_door.py`` counts
the loader entry points of every command).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kexie_cli.records.bulk import gc_thawed
from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import DEFAULT_MAX_BYTES
from kexie_cli.records.model import Record
from kexie_cli.registry.load import Progress, Registry, unreadable
from kexie_cli.registry.revision import read_revision
from kexie_cli.registry.settings import Settings
from kexie_cli.validate.cache import Cache
from kexie_cli.validate.datacache import DataCache
from kexie_cli.validate.options import CheckOptions
from kexie_cli.validate.pipeline import Run
from kexie_cli.validate.reading import kept_records


class Door:
    """The record files of one registry, read and hashed once; their records come through the cache.

    ``overrides``: text to load instead of a file's (a path not on disk is a
    new file; the edit commands load the registry as it would be). ``base``:
    an open door of the same registry whose files, bytes and cache are
    taken instead of reading them again. ``files``: the files to load
    instead of the work tree's (a revision's, with their bytes as
    ``overrides``).
    """

    def __init__(
        self,
        registry: Registry,
        options: CheckOptions,
        overrides: Mapping[str, str | bytes] | None = None,
        base: Door | None = None,
        files: list[RecordFile] | None = None,
        keep_data: bool = False,
    ) -> None:
        self.registry = registry
        self.options = options
        self.run: Run = Run(registry, options, overrides, base.run if base is not None else None, files)
        self.store: Cache | None = None
        if options.cache:
            self.store = base.store if base is not None else self.run.open_cache()
        # the parsed data of every record, for commands that read whole records (not for a check)
        self.kept = DataCache(registry) if keep_data and options.cache else None
        self.run.scan(self.store)

    def records(self, progress: Progress | None = None) -> list[Record]:
        """Every file's record: from the cache, else loaded (and its outcome cached)."""
        if self.kept is not None:
            known = kept_records(self.run, self.kept)
            if known is not None:  # every file's data (or load problems) kept: no outcome pack, no file read
                return known
        self.run.work(self.store, progress)
        records = self.run.records(self.store, self.kept)
        if self.kept is not None:
            for record in records:
                _ = record.data  # parsed now (the collector running) if the data packs did not hold it yet
        return records

    def save(self) -> None:
        """Write what this door added to the cache."""
        if self.store is not None:
            self.store.save()
        if self.kept is not None:
            self.kept.save()


@dataclass(slots=True)
class Loaded:
    """The records of a registry, with the registry they were loaded with (its settings at ``at``)."""

    records: list[Record]  # every file under records/, loaded or not
    registry: Registry

    @property
    def settings(self) -> Settings:
        return self.registry.settings

    @property
    def loaded(self) -> list[Record]:
        return [r for r in self.records if r.loaded]

    @property
    def unreadable(self) -> list[Record]:
        """The record files that could not be loaded (each has its K0xx problems); reports must name them."""
        return unreadable(self.records)


def load_registry(
    registry: Registry,
    today: dt.date,
    lang: str,
    at: str | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> Loaded:
    """The records of the work tree, or of the registry as committed at Git revision ``at``.

    ``today`` and ``lang`` key the cache (the per-file findings made along
    the way depend on them); ``cache=False`` loads every file again and
    leaves the cache as it was.
    """
    files = None
    overrides: dict[str, bytes] | None = None
    unread: list[Record] = []
    if at is not None:
        revision = read_revision(registry, at)
        registry, files, overrides = revision.registry, revision.files, revision.contents
        unread = [Record(file, None, problems=[problem]) for file, problem in revision.not_read.items()]
    options = CheckOptions(today=today, lang=lang, cache=cache)
    with gc_thawed():
        door = Door(registry, options, overrides, files=files, keep_data=True)
        records = door.records(progress)
        door.save()
    if unread:  # a revision's files over the size limit and linked folders, never read
        records = sorted([*records, *unread], key=lambda r: r.relpath)
    return Loaded(records, registry)


def record_data(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any] | None:
    """The data of one record's bytes from Git history (None: it does not load), as the door loads every file."""
    from kexie_cli.records.fastload import load_any  # noqa: PLC0415 - imports yaml-rs; a check answered by the run memo needs none

    return load_any(raw, max_bytes).data
