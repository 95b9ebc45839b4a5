"""Records rebuilt from the cache make their data only when something asks for it.

A warm check after a one-file edit must give the findings of a ``--no-cache``
run while making the data of only a few records (the edited one and those
its rules look up); the facts a cached record answers from must equal its
data, key by key.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.registry.load import Registry
from kexie_cli.validate import pipeline
from kexie_cli.validate.cached_records import FACT_KEYS, CachedRecord
from kexie_cli.validate.engine import check, check_change
from kexie_cli.validate.options import CheckOptions
from tests.conftest import TODAY, copy_sample

pytestmark = pytest.mark.usefixtures("own_cache_key")


def _rows(root: Path, cache: bool) -> list[dict[str, object]]:
    return [f.as_dict() for f in check(Registry.open(root), CheckOptions(today=TODAY, cache=cache)).findings]


def test_one_edit_makes_few_records_and_the_same_findings(tmp_path: Path) -> None:
    root = copy_sample(tmp_path, schemas=True)
    _rows(root, cache=True)  # fill the cache
    victim = sorted((root / "records" / "societies").glob("*.yaml"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "# 一处修改\n", encoding="utf-8")
    result = check(Registry.open(root), CheckOptions(today=TODAY))
    cached = [r for r in result.all_records if isinstance(r, CachedRecord)]
    assert len(cached) >= len(result.all_records) - 2  # every unchanged file came from the cache
    made = [r.relpath for r in cached if r.made]
    assert len(made) <= 12, made
    assert [f.as_dict() for f in result.findings] == _rows(root, cache=False)


def test_facts_answer_as_the_data_does(tmp_path: Path) -> None:
    root = copy_sample(tmp_path, schemas=True)
    _rows(root, cache=True)
    (root / "records" / "societies" / "zz-probe.yaml").write_text("id: zz-probe\n", encoding="utf-8")  # memo miss
    records = check(Registry.open(root), CheckOptions(today=TODAY)).all_records
    cached = [r for r in records if isinstance(r, CachedRecord)]
    assert cached
    for record in cached:
        answers = {key: record.get(key) for key in FACT_KEYS}
        ids, live = record.id, record.live
        covered = record.get("covers", 0)
        assert not record.made  # facts alone answered
        data = record.data
        assert data is not None and record.made
        assert answers == {key: data.get(key) for key in FACT_KEYS}
        assert covered == (data["covers"][0] if isinstance(data.get("covers"), list) and data["covers"] else None)
        assert (ids, live) == (record.id, record.live)
        assert record.mentions("kexie:") == ("kexie:" in record.text)


def test_a_key_outside_the_facts_makes_the_data(tmp_path: Path) -> None:
    root = copy_sample(tmp_path, schemas=True)
    _rows(root, cache=True)
    (root / "records" / "societies" / "zz-probe.yaml").write_text("id: zz-probe\n", encoding="utf-8")
    records = check(Registry.open(root), CheckOptions(today=TODAY)).all_records
    record = next(r for r in records if isinstance(r, CachedRecord) and r.kind == "society")
    assert "term" not in FACT_KEYS
    value = record.get("term")
    assert record.made
    assert record.data is not None and value == record.data.get("term")


def test_check_change_reads_once_and_equals_two_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path, schemas=True)
    victim = sorted((root / "records" / "societies").glob("*.yaml"))[0]
    relpath = victim.relative_to(root).as_posix()
    new_text = victim.read_text(encoding="utf-8").replace("status: active", "status: [") + "name: 改名\n"
    overrides = {relpath: new_text, "records/societies/zz-new.yaml": "id: zz-new\nname: 新增\n"}
    options = CheckOptions(today=TODAY)
    expected = (
        [f.as_dict() for f in check(Registry.open(root), CheckOptions(today=TODAY, cache=False)).findings],
        [
            f.as_dict()
            for f in check(Registry.open(root), CheckOptions(today=TODAY, cache=False), None, overrides).findings
        ],
    )
    reads: list[str] = []
    real = pipeline._read

    def counted(file: Any, *rest: Any) -> Any:
        reads.append(file.relpath)
        return real(file, *rest)

    monkeypatch.setattr(pipeline, "_read", counted)
    for _ in range(2):  # cold, then warm
        reads.clear()
        now, changed = check_change(Registry.open(root), options, overrides)
        assert ([f.as_dict() for f in now.findings], [f.as_dict() for f in changed.findings]) == expected
        assert len(reads) == len(set(reads)) == len(now.all_records)
    assert expected[0] != expected[1]


def test_one_edit_rewrites_at_most_two_shards(tmp_path: Path) -> None:
    root = copy_sample(tmp_path, schemas=True)
    _rows(root, cache=True)
    folder = root / ".kexie" / "cache"
    before = {p.name: p.read_bytes() for p in folder.glob("check-*.bin")}
    assert len(before) > 2
    others = [p.read_text(encoding="utf-8") for p in (root / "records").rglob("*.yaml")]
    # the society named by the fewest other records: each that names it (a 分支机构, a cell, its years'
    # records in records/annual/<year>/) has its remembered findings redone, in its own shard
    naming, victim = min(
        (sum(p.stem in t for t in others) - 1, p) for p in sorted((root / "records" / "societies").glob("*.yaml"))
    )
    victim.write_text(victim.read_text(encoding="utf-8") + "# 改了一处\n", encoding="utf-8")
    expected = _rows(root, cache=False)
    assert _rows(root, cache=True) == expected
    after = {p.name: p.read_bytes() for p in folder.glob("check-*.bin")}
    rewritten = [name for name in after if after[name] != before.get(name)]
    assert naming <= 3, naming  # its three years' records at most
    assert 1 <= len(rewritten) <= 2 + naming, rewritten
    assert _rows(root, cache=True) == expected  # and the shards read back to the same answer


def test_the_collector_is_paused_only_inside_a_check(tmp_path: Path) -> None:
    root = copy_sample(tmp_path, schemas=True)
    assert gc.isenabled()
    for _ in range(2):  # cold, then from the cache
        check(Registry.open(root), CheckOptions(today=TODAY))
        assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:  # a caller that had paused it keeps it paused
        check(Registry.open(root), CheckOptions(today=TODAY))
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
