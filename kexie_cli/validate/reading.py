"""Records for the reading commands straight from the door's data packs (issue 27).

A reading command (``list``, ``find``, ``summary`` ...) needs every record's
data, and for a file that does not load, its load problems; not the per-file
findings, facts or deferred rules of the check's outcome packs. The data
packs (:mod:`kexie_cli.validate.datacache`) keep both by content key, so when
they hold every file the door listed, the records are made from them alone:
the outcome packs are not read and no record file is opened (a file whose
key the stat index gave is read only if something asks for its text).
When one file is missing from the packs (new or edited since the last
reading command), the door takes the usual path, which fills them again.
"""

from __future__ import annotations

from collections.abc import Callable

from kexie_cli.errors import KexieError
from kexie_cli.records.file import RecordFile
from kexie_cli.records.model import Record
from kexie_cli.registry.load import read_record
from kexie_cli.validate.cache import content_key
from kexie_cli.validate.cached_records import CachedRecord
from kexie_cli.validate.datacache import DataCache
from kexie_cli.validate.pipeline import Run, data_loader, record_from_outcome


def kept_records(run: Run, kept: DataCache) -> list[Record] | None:
    """Every file's record from the data packs, or None when they miss one (the caller loads as usual)."""
    load = data_loader(run.fast, run.settings.max_file_bytes)
    records: list[Record] = []
    for index, file in enumerate(run.files):
        early = run.outcomes[index]
        if early is not None:  # known without loading (K007, unreadable, too large, not a record file)
            records.append(record_from_outcome(file, None, early))
            continue
        key = run.keys[index]
        entry = kept.get(key) if key is not None else None
        if key is None or entry is None:
            return None
        if isinstance(entry, dict):
            raw = run.raws[index]
            record: Record = CachedRecord(
                file, entry, raw if raw is not None else _reader(file, key, run.settings.max_file_bytes), load
            )
            record.data = entry
        else:
            record = record_from_outcome(file, None, (None, entry, [], []))
        records.append(record)
    return records


def _reader(file: RecordFile, key: str, max_bytes: int) -> Callable[[], bytes]:
    """The bytes of a file whose key the stat index gave, read when first asked for.

    They must be the bytes the data came from: a file edited since this run listed it is an error
    (run again), never text that does not match the record's data.
    """

    def read() -> bytes:
        raw, _ = read_record(file, max_bytes)
        if raw is None or content_key(file.relpath, raw) != key:
            raise KexieError("door.changed", file=file.relpath)
        return raw

    return read
