"""The content-hash cache: used when nothing changed, never stale, safe with overlapping runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import kexie_cli
from bench.gen import generate
from kexie_cli.finding import Severity
from kexie_cli.i18n import catalog
from kexie_cli.registry.load import Registry
from kexie_cli.rules import RULES, all_rules
from kexie_cli.rules.base import Hit, Rule
from kexie_cli.validate import cache as cache_mod
from kexie_cli.validate.engine import check as run_check
from kexie_cli.validate.options import CheckOptions
from tests.conftest import AS_OF, REPO, TODAY, run_cli, write_registry

SOCIETY = """id: demo-society
kind: society
name: 示例学会
status: active
founded: 2000-01-01
level: municipal
discipline: science
registration: {uscc: 51330100MJ00000001}
term: {number: 3, started: 2022-06-01, years: 5}
leaders:
  - {role: chair, name: 张三, since: 2022-06-01}
  - {role: secretary-general, name: 李四, since: 2022-06-01}
brand_events: [学术年会]
inspections: [{year: 2025, result: pass}]
liaison: {name: 王五, role: liaison, since: 2022-06-01}
"""
FILE = "records/societies/demo-society.yaml"
POISON = "POISON: served from the cache"


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user cache folder (where the signing key lives)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {FILE: SOCIETY})


def check(root: Path, *extra: str) -> list[dict[str, Any]]:
    result = run_cli(["check", "--as-of", AS_OF, "--format", "json", *extra], root)
    assert result.exit_code in (0, 1), result.stderr
    found = result.json()
    assert isinstance(found, list)
    return found


def poison(root: Path, today: Any = TODAY, lang: str = "zh") -> None:
    """Store a made-up outcome for FILE under the current fingerprint."""
    registry = Registry.open(root)
    store = cache_mod.Cache.open(registry, CheckOptions(today=today, lang=lang), all_rules())
    raw = (root / FILE).read_bytes()
    row = ("K105", "error", FILE, 1, 1, "demo-society", POISON, "$")
    store.put(store.key(FILE, raw), ({"id": "demo-society"}, [], [row], []))
    store.save()
    for memo in (root / ".kexie" / "cache").glob("run-*.bin"):
        memo.unlink()  # else the run memo answers before the per-file pack is read


def poison_memo(root: Path) -> None:
    """Replace the final findings of every remembered run by a made-up one: the run memo's (findings, strict)
    and, when the files were older than the second the last run began in, the state memo's (findings,
    strict, files) too (validate/engine.py: _StateMemo), so the test holds whichever second it runs in."""
    registry = Registry.open(root)
    store = cache_mod.Cache.open(registry, CheckOptions(today=TODAY), all_rules())
    assert store.memo_keys(), "the last run was remembered"
    row = ("K105", "error", FILE, 1, 1, "demo-society", POISON, "$")
    for key in store.memo_keys():
        _, *rest = store.memo_get(key)
        store.memo_put(key, ([row], *rest))
    store.save()


def messages(found: list[dict[str, Any]]) -> list[str]:
    return [f["message"] for f in found]


def test_cache_is_written_and_used(root: Path) -> None:
    clean = check(root)
    packs = list((root / ".kexie" / "cache").glob("check-*.bin"))
    assert packs and len({p.name.split("-")[1] for p in packs}) == 1  # the shards of one fingerprint
    assert (root / ".kexie" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert check(root) == clean
    poison(root)
    assert POISON in messages(check(root)), "a cached outcome is used when nothing changed"


def test_run_memo_answers_only_when_nothing_changed(root: Path) -> None:
    clean = check(root)
    poison_memo(root)
    assert POISON in messages(check(root)), "the remembered result is used when nothing changed"
    assert check(root, "--select", "K1") == [], "other options: not the remembered result"
    assert POISON in messages(check(root))
    (root / "records" / "societies" / "other.yaml").write_text("id: other\n", encoding="utf-8")
    found = check(root)
    assert POISON not in messages(found)
    (root / "records" / "societies" / "other.yaml").unlink()
    assert POISON in messages(check(root)), "keyed by content: the same files again are the same run"
    assert clean == []


def test_run_memo_records_are_built_on_demand(root: Path) -> None:
    registry = Registry.open(root)
    first = run_check(registry, CheckOptions(today=TODAY))
    second = run_check(registry, CheckOptions(today=TODAY))
    assert second.findings == first.findings
    assert [r.data for r in second.records] == [r.data for r in first.records]
    assert len(second.records) == 1 and second.records[0].positions.of(("name",)) == (3, 7)


def test_no_cache_bypasses_and_writes_nothing(root: Path) -> None:
    clean = check(root, "--no-cache")
    assert not (root / ".kexie" / "cache").exists()
    poison(root)
    assert check(root, "--no-cache") == clean


def test_file_change_is_seen(root: Path) -> None:
    check(root)
    poison(root)
    path = root / FILE
    path.write_text(SOCIETY.replace("status: active", "status: 正常"), encoding="utf-8")
    found = check(root)
    assert POISON not in messages(found)
    assert [f["code"] for f in found] == ["K103"]


def test_schema_change_is_seen(root: Path) -> None:
    before = check(root)
    assert before == []
    poison(root)
    shutil.copytree(REPO / "schemas", root / "schemas")
    schema_path = root / "schemas" / "society.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["required"].append("short_name")
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    found = check(root)
    assert POISON not in messages(found)
    assert [f["code"] for f in found] == ["K101"]


def test_settings_change_is_seen(root: Path) -> None:
    assert check(root) == []
    poison(root)
    # the term ends 2027-06-01: within 12 months of the as-of date, not within the default 6
    (root / "kexie.yaml").write_text("registry: 测试\nelections: {lead_months: 12}\n", encoding="utf-8")
    found = check(root)
    assert POISON not in messages(found)
    assert [f["code"] for f in found] == ["K302"]


def test_version_change_is_seen(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = check(root)
    poison(root)
    monkeypatch.setattr(kexie_cli, "__version__", "99.0.0")
    assert check(root) == clean


def test_source_change_is_seen(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = check(root)
    poison(root)
    monkeypatch.setattr(cache_mod, "_CODE_FINGERPRINT", "edited")
    assert check(root) == clean


def test_rule_set_change_is_seen(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check(root) == []
    poison(root)

    def every_record(record: Any, ctx: Any) -> Any:
        yield Hit(("name",), {})

    monkeypatch.setitem(RULES, "K998", Rule("K998", Severity.INFO, "测试", "test", "", "record", every_record))
    monkeypatch.setitem(catalog(), "K998", ("测试", "test"))  # its message (a missing one raises under tests)
    found = check(root)
    assert POISON not in messages(found)
    assert [(f["code"], f["line"]) for f in found] == [("K998", 3)]


def test_as_of_and_language_are_part_of_the_key(root: Path) -> None:
    check(root)
    poison(root)
    assert POISON in messages(check(root))
    later = run_cli(["check", "--as-of", "2027-01-01", "--format", "json"], root).json()
    assert POISON not in messages(later)
    english = run_cli(["check", "--as-of", AS_OF, "--format", "json", "--lang", "en"], root).json()
    assert POISON not in messages(english)


def test_pack_from_elsewhere_is_ignored(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = check(root)
    poison(root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    assert check(root) == clean


def test_corrupt_pack_is_ignored(root: Path) -> None:
    clean = check(root)
    for pack in (root / ".kexie" / "cache").glob("check-*.bin"):
        pack.write_bytes(pack.read_bytes()[:100])
    assert check(root) == clean
    for pack in (root / ".kexie" / "cache").glob("check-*.bin"):
        pack.write_bytes(b"")
    assert check(root) == clean


def test_hash_without_xxhash_differs_but_is_stable() -> None:
    a = cache_mod.content_key("records/a.yaml", b"x: 1\n", use_xxhash=False)
    assert a == cache_mod.content_key("records/a.yaml", b"x: 1\n", use_xxhash=False)
    assert a != cache_mod.content_key("records/b.yaml", b"x: 1\n", use_xxhash=False)
    assert a != cache_mod.content_key("records/a.yaml", b"x: 2\n", use_xxhash=False)


def test_concurrent_saves_never_tear_the_pack(root: Path) -> None:
    registry = Registry.open(root)
    options = CheckOptions(today=TODAY)
    rules = all_rules()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                store = cache_mod.Cache.open(registry, options, rules)
                store.put(f"k{n}-{i}", ({"n": n}, [], [], []))
                store.save()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def reader() -> None:
        for _ in range(40):
            store = cache_mod.Cache.open(registry, options, rules)
            assert all(v[0] is not None and "n" in v[0] for v in store.entries.values())

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    threads.append(threading.Thread(target=reader))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    store = cache_mod.Cache.open(registry, options, rules)
    assert len(store.entries) >= 1
    assert not list((root / ".kexie" / "cache").glob("*.tmp")), "no temporary file left behind"


def test_overlapping_runs(tmp_path: Path) -> None:
    """Two processes checking the same registry at once, cache cold: same output, valid pack."""

    reg = tmp_path / "big"
    generate(300, reg, seed=3, defect_percent=10)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache"), "KEXIE_LANG": ""}
    cmd = [sys.executable, "-m", "kexie_cli", "check", "--as-of", AS_OF, "--format", "json", "--root", str(reg)]
    reference = subprocess.run([*cmd, "--no-cache"], capture_output=True, env=env, check=False)
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [p.communicate()[0] for p in procs]
    assert outputs == [reference.stdout, reference.stdout]
    again = subprocess.run(cmd, capture_output=True, env=env, check=False)
    assert again.stdout == reference.stdout
    assert json.loads(reference.stdout), "the corpus has findings"
