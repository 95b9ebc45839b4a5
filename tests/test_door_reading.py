"""Records for the reading commands from the door's data packs alone (validate/reading.py, issue 27).

A reading command after a reading command takes every record (data, or a broken file's load
problems) from the data packs: it reads no outcome pack and opens no record file whose stat data
is unchanged. An edited file, a pack that is not signed with this user's key, and a file changed
while the command runs are never served stale data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.errors import KexieError
from kexie_cli.registry import load
from kexie_cli.registry.load import Registry
from kexie_cli.validate import cache, datacache, pipeline, reading
from kexie_cli.validate.cached_records import CachedRecord
from kexie_cli.validate.door import load_registry
from tests.conftest import TODAY, copy_sample

PAST_NS = 1_600_000_000 * 10**9  # long before any stat index written by these tests: never racily clean
SOCIETY = "records/societies/baoyushi-xuehui.yaml"
BROKEN = "records/societies/broken-xuehui.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path)
    (root / BROKEN).write_text("id: broken-xuehui\nname: [unclosed\n", encoding="utf-8")
    for path in (root / "records").rglob("*.yaml"):
        os.utime(path, ns=(PAST_NS, PAST_NS))
    return root


class Reads:
    """Counts the outcome packs read and the record files opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.packs: list[str] = []
        self.files: list[str] = []
        read_pack, read_record = cache.read_pack, load.read_record

        def counted_pack(secret: bytes | None, path: Path) -> dict[str, Any]:
            self.packs.append(path.name)
            return read_pack(secret, path)

        def counted_record(file: Any, max_bytes: int) -> Any:
            self.files.append(file.relpath)
            return read_record(file, max_bytes)

        monkeypatch.setattr(cache, "read_pack", counted_pack)
        monkeypatch.setattr(reading, "read_record", counted_record)
        monkeypatch.setattr(pipeline, "read_record", counted_record)

    def outcome_packs(self) -> list[str]:
        return [name for name in self.packs if name.startswith("check-")]


def _load(root: Path) -> dict[str, Any]:
    loaded = load_registry(Registry.open(root), TODAY, "zh")
    return {r.relpath: (r.data, [(p.code, p.key) for p in r.problems]) for r in loaded.records}


def test_a_second_query_reads_no_outcome_pack_and_no_record_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _load(root)
    _load(root)  # the stat index noted every file (none is racily clean: their mtime is long past)
    reads = Reads(monkeypatch)
    assert _load(root) == first
    assert reads.outcome_packs() == []
    assert reads.files == []


def test_a_file_that_does_not_load_is_named_from_the_data_packs(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _load(root)
    assert first[BROKEN][0] is None and first[BROKEN][1], "the planted file does not load"
    reads = Reads(monkeypatch)
    again = _load(root)
    assert again[BROKEN] == first[BROKEN]
    assert reads.outcome_packs() == []


def test_an_edited_file_is_loaded_again(root: Path) -> None:
    _load(root)
    _load(root)
    path = root / SOCIETY
    path.write_text(path.read_text(encoding="utf-8").replace("name: ", "name: 新", 1), encoding="utf-8")
    data = _load(root)[SOCIETY][0]
    assert data is not None and str(data["name"]).startswith("新")


def test_a_data_pack_not_signed_with_this_users_key_is_ignored(root: Path) -> None:
    first = _load(root)
    registry = Registry.open(root)
    kept = datacache.DataCache(registry)
    crafted = {key: {"id": "forged", "kind": "society", "name": "伪造"} for key in kept.entries}
    assert crafted, "the first run kept the data"
    for path in kept.paths:
        cache.write_pack(b"k" * 32, path, crafted)  # another key: the signature does not check out
    assert _load(root) == first


def test_the_text_of_a_file_changed_after_listing_is_an_error_not_other_text(root: Path) -> None:
    _load(root)
    _load(root)
    loaded = load_registry(Registry.open(root), TODAY, "zh")
    record = next(r for r in loaded.records if r.relpath == SOCIETY)
    assert isinstance(record, CachedRecord)
    path = root / SOCIETY
    path.write_text(path.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(KexieError) as raised:
        _ = record.text
    assert raised.value.key == "door.changed"


def test_the_text_of_an_unchanged_file_is_read_when_asked_for(root: Path) -> None:
    _load(root)
    _load(root)
    loaded = load_registry(Registry.open(root), TODAY, "zh")
    record = next(r for r in loaded.records if r.relpath == SOCIETY)
    assert record.text == (root / SOCIETY).read_text(encoding="utf-8")
    assert record.mentions("baoyushi-xuehui")
