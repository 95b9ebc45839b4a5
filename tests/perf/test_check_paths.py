"""``kexie check`` gives byte-identical output on every path.

Paths: a reference written here (strict loader, Python validator, every
rule in one process: :func:`reference_check`), the bulk path in pure-Python mode
(``KEXIE_PURE=1``), the bulk path with yaml-rs and jsonschema-rs, serial or
with worker processes, with a cold or warm cache.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.gen import generate
from kexie_cli.query.show import show
from kexie_cli.query.snapshot import checked_snapshot
from kexie_cli.records.index import Index
from kexie_cli.records.loader import load_bytes
from kexie_cli.records.model import Record
from kexie_cli.registry.load import Registry, read_record
from kexie_cli.rules import all_rules
from kexie_cli.rules.base import Context
from kexie_cli.validate import pipeline
from kexie_cli.validate.engine import CheckResult, check, finish
from kexie_cli.validate.filecheck import file_findings, make
from kexie_cli.validate.options import CheckOptions
from tests.conftest import AS_OF, REPO, TODAY, run_cli, write_registry


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated registry with many planted defects (every K0xx/K1xx kind of them)."""
    root = tmp_path_factory.mktemp("corpus") / "reg"
    planted = generate(400, root, seed=11, defect_percent=25)
    assert planted > 60
    return root


def run(root: Path, env: dict[str, str], *extra: str) -> tuple[int, str]:
    result = run_cli(["check", "--as-of", AS_OF, "--format", "json", *extra], root, env=env)
    return result.exit_code, result.stdout


def reference_check(registry: Registry, options: CheckOptions) -> CheckResult:
    """The plainest check: the strict loader, the Python validator, every rule on every record, one process."""
    records = []
    limit = registry.settings.max_file_bytes
    for file in registry.files():
        if file.kind is None:
            records.append(Record(file, None))
            continue
        raw, problems = read_record(file, limit)
        if raw is None:
            records.append(Record(file, None, problems=problems))
            continue
        loaded = load_bytes(raw, limit)
        records.append(Record(file, loaded.data, loaded.positions, loaded.problems, loaded.text))
    index = Index(records)
    ctx = Context(registry.settings, registry.schemas, options.today, index, options.lang)
    findings = [f for record in records for f in file_findings(record, ctx)]
    for rule in all_rules().values():
        if rule.check is None:
            continue
        if rule.scope == "registry":
            findings.extend(make(rule.code, hit.record, hit, ctx) for hit in rule.check(ctx))
            continue
        for record in index.records:
            findings.extend(make(rule.code, record, hit, ctx) for hit in rule.check(record, ctx))
    return finish(registry, records, findings, ctx, options)


def reference(root: Path) -> str:
    registry = Registry.open(root)
    result = reference_check(registry, CheckOptions(today=TODAY))
    return json.dumps([f.as_dict() for f in result.findings], ensure_ascii=False)


PATHS = {
    "pure-serial": {"KEXIE_PURE": "1", "KEXIE_JOBS": "1"},
    "fast-serial": {"KEXIE_PURE": "", "KEXIE_JOBS": "1"},
    "fast-parallel": {"KEXIE_PURE": "", "KEXIE_JOBS": "2"},
    "pure-parallel": {"KEXIE_PURE": "1", "KEXIE_JOBS": "2"},
}


def normalised(stdout: str) -> str:
    return json.dumps(json.loads(stdout), ensure_ascii=False)


@pytest.mark.parametrize("name", list(PATHS))
def test_sample_registry_same_on_every_path(name: str) -> None:
    code, out = run(REPO, PATHS[name], "--no-cache")
    assert normalised(out) == reference(REPO)
    assert code == 1 if any(f["severity"] == "error" for f in json.loads(out)) else code == 0


def test_generated_corpus_same_on_every_path(corpus: Path) -> None:
    expected = reference(corpus)
    found = json.loads(expected)
    codes = {f["code"] for f in found}
    assert {"K002", "K003", "K004", "K005", "K101", "K103", "K104", "K105", "K202"} <= codes
    outputs = {name: run(corpus, env, "--no-cache") for name, env in PATHS.items()}
    for name, (code, out) in outputs.items():
        assert normalised(out) == expected, name
        assert code == 1, name


def test_generated_corpus_same_with_cold_and_warm_cache(corpus: Path) -> None:
    expected = reference(corpus)
    for env in (PATHS["fast-parallel"], PATHS["fast-serial"], PATHS["pure-serial"]):
        assert normalised(run(corpus, env)[1]) == expected  # cold, then warm
        assert normalised(run(corpus, env)[1]) == expected


def test_one_file_changed_with_warm_cache(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(corpus, root)
    run(root, PATHS["fast-serial"])
    victim = sorted((root / "records" / "societies").glob("*.yaml"))[3]
    victim.write_text(victim.read_text(encoding="utf-8").replace("status: ", "status: x", 1), encoding="utf-8")
    assert normalised(run(root, PATHS["fast-serial"])[1]) == reference(root)


def test_records_and_counts_match_the_reference(corpus: Path) -> None:
    registry = Registry.open(corpus)
    options = CheckOptions(today=TODAY, cache=False, jobs=2)
    fast = check(registry, options)
    slow = reference_check(registry, options)
    assert fast.files == slow.files == 400
    assert [r.relpath for r in fast.records] == [r.relpath for r in slow.records]
    assert [r.data for r in fast.records] == [r.data for r in slow.records]
    # positions asked of a fast-loaded record are the strict loader's
    for fast_record, slow_record in list(zip(fast.records, slow.records, strict=True))[::50]:
        for path, where in slow_record.positions.values.items():
            assert fast_record.positions.of(path) == where


def test_jobs_for() -> None:
    assert pipeline.jobs_for(10) == 1
    assert pipeline.jobs_for(10, requested=3) == 3
    assert pipeline.jobs_for(100_000) >= 1


def test_files_known_without_reading(tmp_path: Path) -> None:
    """K006 (not a record file) and K001 (too large) come out the same on the bulk path."""

    root = write_registry(
        tmp_path / "reg",
        {
            "records/societies/a.yml": "id: a\n",
            "records/other/b.yaml": "id: b\n",
            "records/societies/big.yaml": "id: big\nnotes: " + "x" * 2000 + "\n",
        },
        settings="registry: 测试\nlimits: {max_file_bytes: 1024}\n",
    )
    expected = reference(root)
    assert {f["code"] for f in json.loads(expected)} >= {"K006", "K001"}
    for env in PATHS.values():
        assert normalised(run(root, env)[1]) == expected


def test_overrides_are_checked_instead_of_the_file(corpus: Path, tmp_path: Path) -> None:
    """The engine's overrides: a changed text, and a new file, give the findings they would give on disk."""

    root = tmp_path / "copy"
    shutil.copytree(corpus, root)
    registry = Registry.open(root)
    options = CheckOptions(today=TODAY)
    victim = sorted((root / "records" / "societies").glob("*.yaml"))[5]
    relpath = victim.relative_to(root).as_posix()
    changed = victim.read_text(encoding="utf-8").replace("status: ", "status: x", 1)
    new_rel = "records/branches/brand-new.yaml"
    new_text = "id: brand-new\nkind: branch\n"
    overridden = check(registry, options, overrides={relpath: changed, new_rel: new_text})
    assert not (root / new_rel).exists()
    victim.write_text(changed, encoding="utf-8")
    (root / new_rel).write_text(new_text, encoding="utf-8")
    on_disk = reference_check(Registry.open(root), options)
    assert [f.as_dict() for f in overridden.findings] == [f.as_dict() for f in on_disk.findings]
    assert any(f.file == new_rel for f in overridden.findings)
    assert any(f.file == relpath and f.code == "K103" for f in overridden.findings)


def test_show_findings_from_the_snapshot_check_equal_a_run_for_the_file() -> None:

    registry = Registry.open(REPO)
    snap = checked_snapshot(registry, TODAY, "zh")
    checked = snap.checked
    assert checked is not None
    with_findings = sorted({f.file for f in checked.findings if f.id})[:12]
    assert with_findings
    for relpath in with_findings:
        record_id = Path(relpath).stem
        reused = show(registry, snap.records, snap.qctx, record_id, checked).findings
        alone = show(registry, snap.records, snap.qctx, record_id).findings
        assert reused == alone and reused, relpath
