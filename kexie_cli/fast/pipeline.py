"""The bulk path of ``kexie check``: read, hash, look up the cache, work in parallel.

1. Every record file is read once and hashed (with its path) in this process.
2. Files whose hash is in the cache (:mod:`kexie_cli.fast.cache`) take their
   per-file outcome from it; the others are worked on, in worker processes
   when there are enough of them (:func:`jobs_for`):
   load (yaml-rs, or the strict loader), schema check (jsonschema-rs, or the
   Python validator when the record is not valid), and every record rule
   that does not look at other records. Rules that do (``ctx.index``) are
   noted and run later here.
3. Records are rebuilt from the outcomes; positions are computed lazily, only
   for findings that need them.
4. Registry-scope rules and the noted record rules run on the full index.

``KEXIE_PURE=1`` forces the pure-Python loader and validator; ``KEXIE_JOBS=N``
fixes the number of worker processes (1: none).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kexie_cli.finding import Finding, Severity
from kexie_cli.records.loader import Problem, decode, load_bytes
from kexie_cli.records.model import Record
from kexie_cli.records.positions import Positions
from kexie_cli.registry.layout import RecordFile
from kexie_cli.registry.load import Progress, Registry
from kexie_cli.rules import Rule, all_rules
from kexie_cli.validate.context import Context
from kexie_cli.validate.engine import NO_INDEX, file_findings, index_findings, local_findings
from kexie_cli.validate.index import Index

#: Below this many files to work on, worker processes cost more than they save.
PARALLEL_MIN = 600
CHUNK = 256

# One file's outcome, in plain types (marshal-able for the cache):
# (data, problems, findings, deferred rule codes)
ProblemRow = tuple[str, int, int, str, tuple[tuple[str, str], ...]]
Outcome = tuple[
    dict[str, Any] | None,
    list[ProblemRow],
    list[tuple[str, str, str, int, int, str | None, str]],
    list[str],
]


def pure() -> bool:
    """True when the fast libraries must not be used (KEXIE_PURE=1, or they are missing)."""
    from kexie_cli.fast import fastload, validate

    if os.environ.get("KEXIE_PURE", "") not in ("", "0"):
        return True
    return not (fastload.available() and validate.available())


def jobs_for(todo: int, requested: int | None = None) -> int:
    """Worker processes for ``todo`` files: 1 (none) for small work or a single core."""
    if requested is None:
        env = os.environ.get("KEXIE_JOBS", "")
        requested = int(env) if env.isdigit() and int(env) > 0 else None
    if requested is not None:
        return max(1, requested)
    if todo < PARALLEL_MIN or not _fork_available():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 8, todo // CHUNK or 1))


def _fork_available() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(slots=True)
class _Job:
    """What a worker needs; set before the pool forks, so workers inherit it."""

    ctx: Context
    rules: dict[str, Rule]
    fast: bool
    max_bytes: int
    files: list[RecordFile]
    raws: list[bytes | None]


_JOB: _Job | None = None


def analyse(
    registry: Registry, options: Any, progress: Progress | None = None
) -> tuple[list[Record], list[Finding], Context]:
    """Records of the registry and their findings before suppression (see the module docstring)."""
    from kexie_cli.fast import cache as cache_mod

    files = registry.files()
    rules = all_rules()
    fast = not pure()
    settings = registry.settings
    local_ctx = Context(settings, registry.schemas, options.today, NO_INDEX, options.lang)
    store = cache_mod.Cache.open(registry, options, rules) if options.cache else None

    raws: list[bytes | None] = []
    outcomes: list[Outcome | None] = []
    keys: list[str | None] = []
    todo: list[int] = []
    for i, file in enumerate(files):
        raw, early = _read(file, settings.max_file_bytes, local_ctx)
        raws.append(raw)
        key = store.key(file.relpath, raw) if store is not None and raw is not None else None
        keys.append(key)
        hit = store.get(key) if store is not None and key is not None else None
        if early is not None:
            outcomes.append(early)
        elif hit is not None:
            outcomes.append(hit)
        else:
            outcomes.append(None)
            todo.append(i)

    global _JOB  # noqa: PLW0603 - inherited by the forked workers
    _JOB = _Job(local_ctx, rules, fast, settings.max_file_bytes, files, raws)
    try:
        done = len(files) - len(todo)
        for index, outcome in _work(todo, jobs_for(len(todo), options.jobs)):
            outcomes[index] = outcome
            done += 1
            if store is not None and keys[index] is not None:
                store.put(keys[index], outcome)  # type: ignore[arg-type]
            if progress is not None:
                progress(done, len(files))
    finally:
        _JOB = None
    if store is not None:
        store.save()

    records: list[Record] = []
    findings: list[Finding] = []
    deferred: list[tuple[Record, list[str]]] = []
    for file, raw, maybe in zip(files, raws, outcomes, strict=True):
        assert maybe is not None
        outcome = maybe
        record = _record(file, raw, outcome)
        records.append(record)
        findings.extend(_finding(t) for t in outcome[2])
        if outcome[3]:
            deferred.append((record, outcome[3]))
    ctx = Context(settings, registry.schemas, options.today, Index(records), options.lang)
    findings.extend(index_findings(rules, deferred, ctx))
    return records, findings, ctx


def _read(file: RecordFile, max_bytes: int, ctx: Context) -> tuple[bytes | None, Outcome | None]:
    """The file's bytes, or its outcome when it is known without them (K006, unreadable, too large)."""
    problems: list[ProblemRow] = []
    if file.kind is not None:
        try:
            size = file.path.stat().st_size
            if size <= max_bytes:
                return file.path.read_bytes(), None
            problems.append(("K001", 1, 1, "load.too_large", (("size", str(size)), ("limit", str(max_bytes)))))
        except OSError as exc:
            problems.append(("K001", 1, 1, "load.unreadable", (("detail", exc.strerror or str(exc)),)))
    record = _record(file, None, (None, problems, [], []))
    return None, (None, problems, _rows(file_findings(record, ctx)), [])


def _work(todo: list[int], jobs: int) -> Iterator[tuple[int, Outcome]]:
    if jobs <= 1 or len(todo) < 2:
        for index in todo:
            yield index, _outcome(index)
        return
    import multiprocessing

    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for chunk in pool.imap_unordered(_work_chunk, chunks):
            yield from chunk


def _work_chunk(indexes: list[int]) -> list[tuple[int, Outcome]]:
    return [(index, _outcome(index)) for index in indexes]


def _outcome(index: int) -> Outcome:
    """Load, schema-check and locally rule-check one file (in a worker or here)."""
    job = _JOB
    assert job is not None
    file, raw = job.files[index], job.raws[index]
    assert raw is not None
    loaded = None
    if job.fast:
        from kexie_cli.fast.fastload import load

        loaded = load(raw, job.max_bytes)
    if loaded is None:
        loaded = load_bytes(raw, job.max_bytes)
    record = Record(file, loaded.data, loaded.positions, loaded.problems, loaded.text)
    found = file_findings(record, job.ctx, fast=job.fast)
    local, deferred = local_findings(record, job.ctx, job.rules)
    found.extend(local)
    problems = [(p.code, p.line, p.column, p.key, p.params) for p in loaded.problems]
    return loaded.data, problems, _rows(found), deferred


def _rows(found: list[Finding]) -> list[tuple[str, str, str, int, int, str | None, str]]:
    return [(f.code, str(f.severity), f.file, f.line, f.column, f.id, f.message) for f in found]


def _record(file: RecordFile, raw: bytes | None, outcome: Outcome) -> Record:
    data, problems, _, _ = outcome
    if file.kind is None:
        return Record(file, None)
    if data is None:
        return Record(file, None, problems=[Problem(c, ln, col, k, tuple(p)) for c, ln, col, k, p in problems])
    from kexie_cli.fast.fastload import LazyPositions

    text = decode(raw)[0] or "" if raw is not None else ""
    positions: Positions = LazyPositions(text, data)
    return Record(file, data, positions, [], text)


def _finding(row: tuple[str, str, str, int, int, str | None, str]) -> Finding:
    code, severity, file, line, column, record_id, message = row
    return Finding(code, Severity(severity), file, line, column, record_id, message)
