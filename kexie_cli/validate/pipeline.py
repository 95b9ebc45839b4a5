"""The bulk path of ``kexie check``: read, hash, look up the cache, work in parallel.

1. Every record file is read once and hashed (with its path) in this process.
2. Files whose hash is in the cache (:mod:`kexie_cli.validate.cache`) take their
   per-file outcome from it; the others are worked on, in worker processes
   when there are enough of them (:func:`jobs_for`):
   load (yaml-rs, or the strict loader), schema check (jsonschema-rs, or the
   Python validator when the record is not valid), and every record rule
   that does not look at other records. Rules that do (``ctx.index``) are
   noted and run later here.
3. Records are rebuilt from the outcomes; positions are computed lazily, only
   for findings that need them.
4. Registry-scope rules and the noted record rules run on the full index
   (that part, and the order of the steps, is the engine's:
   :func:`kexie_cli.validate.engine.check`; this module only plugs in the
   loader, the worker pool and the cache).

``KEXIE_PURE=1`` forces the pure-Python loader and validator; ``KEXIE_JOBS=N``
fixes the number of worker processes (1: none).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from kexie_cli.finding import Finding
from kexie_cli.records.bulk import gc_paused, pure
from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import Problem
from kexie_cli.records.model import Record
from kexie_cli.records.positions import Positions
from kexie_cli.registry.layout import kind_of
from kexie_cli.registry.load import Progress, Registry, linked_problem, read_record
from kexie_cli.rules import all_rules
from kexie_cli.rules.base import Context, Rule
from kexie_cli.validate.cache import Cache, Outcome, ProblemRow
from kexie_cli.validate.cached_records import CachedRecord, facts_of
from kexie_cli.validate.datacache import DataCache
from kexie_cli.validate.filecheck import NO_INDEX, file_findings, finding_from_row, local_findings, rows
from kexie_cli.validate.options import CheckOptions

#: Below this many files to work on, worker processes cost more than they save.
PARALLEL_MIN = 600
CHUNK = 256


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
    import multiprocessing  # noqa: PLC0415 - worker processes only for large registries

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


class Run:
    """The state of one bulk check (the engine drives it: :func:`kexie_cli.validate.engine.check`)."""

    def __init__(
        self,
        registry: Registry,
        options: CheckOptions,
        overrides: Mapping[str, str | bytes] | None = None,
        base: Run | None = None,
        files: list[RecordFile] | None = None,
    ) -> None:
        """``base``: a scanned run of the same registry whose files are taken instead of listing and
        reading them again (the edit commands check the registry as it is and as it would be).
        ``files``: the files to load instead of those of the work tree (a Git revision's, whose
        bytes are the ``overrides``)."""
        self.registry = registry
        self.base = base
        listed = files if files is not None else registry.files()
        self.files: list[RecordFile] = base.files if base is not None else listed
        self.overrides = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in (overrides or {}).items()}
        known = {f.relpath for f in self.files}
        added = [_override_file(registry, rel) for rel in self.overrides if rel not in known]
        if added:
            self.files = sorted([*self.files, *added], key=lambda f: f.relpath)
        self.rules = all_rules()
        self.settings = registry.settings
        self.fast = not pure()
        self.options = options
        self.local_ctx = Context(self.settings, registry.schemas, options.today, NO_INDEX, options.lang)
        self.raws: list[bytes | None] = []
        self.keys: list[str | None] = []
        self.outcomes: list[Outcome | None] = []
        self.findings: list[Finding] = []
        self.deferred: list[tuple[Record, list[str]]] = []
        self.located: list[tuple[str, Record]] = []  # (content key, record) whose positions may be located
        self.key_of: dict[int, str] = {}  # id(record) -> its file's content key (records of this run)
        self.cached: set[int] = set()  # indexes of outcomes taken from the cache (facts, no data)
        self.unread: set[int] = set()  # indexes whose key was taken from the stat index: bytes not read yet
        self.from_disk = files is None  # the work tree (not a revision's bytes): stat data may be trusted
        self.worked = False

    def open_cache(self) -> Cache:
        return Cache.open(self.registry, self.options, self.rules)

    def scan(self, store: Cache | None) -> None:
        """Read and hash every file (an override instead of its file); outcomes known without work are filled in."""
        base = self.base
        assert base is None or not base.worked, "a base run lends its files before its own work"
        prior = {f.relpath: i for i, f in enumerate(base.files)} if base is not None else {}
        if base is not None:  # both runs need the bytes (an edit's check): read them once, for both
            base.read_unread(store)
        stats = store.stats if store is not None and self.from_disk else None
        max_bytes = self.settings.max_file_bytes
        for index, file in enumerate(self.files):
            override = self.overrides.get(file.relpath)
            at = prior.get(file.relpath)
            if base is not None and at is not None and (override is None or file.kind is None):
                self.raws.append(base.raws[at])  # scanned by the base run, before its work began
                self.keys.append(base.keys[at])
                self.outcomes.append(base.outcomes[at])
                continue
            stat = None
            if stats is not None and override is None and file.kind is not None and file.regular and file.link is None:
                stat = file.stat  # taken by the listing (registry/layout.py)
                trusted = stats.trusted(file.relpath, stat, max_bytes)
                if trusted is not None:  # unchanged since the last run noted it: not opened (statindex.py)
                    stats.note(file.relpath, stat, trusted)
                    self.raws.append(None)
                    self.keys.append(trusted)
                    self.outcomes.append(None)
                    self.unread.add(index)
                    continue
            if override is not None and file.kind is not None:
                raw, early = _early(file, override, max_bytes, self.local_ctx)
            else:
                raw, early = _read(file, max_bytes, self.local_ctx)
            key = store.key(file.relpath, raw) if store is not None and raw is not None else None
            if stats is not None and key is not None:
                stats.note(file.relpath, stat, key)
            self.raws.append(raw)
            self.keys.append(key)
            self.outcomes.append(early)

    def read_unread(self, store: Cache | None) -> None:
        """Read the files whose key the stat index gave, now that their bytes are needed."""
        for index in sorted(self.unread):
            file = self.files[index]
            raw, early = _read(file, self.settings.max_file_bytes, self.local_ctx)
            self.raws[index] = raw
            self.outcomes[index] = early
            if store is not None and raw is not None:
                self.keys[index] = store.key(file.relpath, raw)  # as read now (it may have changed since)
        self.unread.clear()

    def memo_parts(self) -> list[str]:
        out = []
        for file, key, early in zip(self.files, self.keys, self.outcomes, strict=True):
            out.append(f"{file.relpath}\t{key if key is not None else repr(early)}")
        return out

    def work(self, store: Cache | None, progress: Progress | None) -> None:
        """Fill in every outcome: from the cache, else by working (in parallel when it pays)."""
        self.worked = True
        self.read_unread(store)
        todo = []
        for i, key in enumerate(self.keys):
            if self.outcomes[i] is not None:
                continue
            hit = store.get(key) if store is not None and key is not None else None
            if hit is not None:
                self.outcomes[i] = hit
                self.cached.add(i)
            else:
                todo.append(i)
        global _JOB  # noqa: PLW0603 - inherited by the forked workers
        _JOB = _Job(self.local_ctx, self.rules, self.fast, self.settings.max_file_bytes, self.files, self.raws)
        try:
            done = len(self.files) - len(todo)
            for index, outcome in _work(todo, jobs_for(len(todo), self.options.jobs)):
                self.outcomes[index] = outcome
                key = self.keys[index]
                if store is not None and key is not None:
                    store.put(key, _meta(outcome))
                done += 1
                if progress is not None:
                    progress(done, len(self.files))
        finally:
            _JOB = None

    def remember_positions(self, store: Cache) -> None:
        """Keep the positions this run had to locate (for findings), for the next run."""
        from kexie_cli.records.fastload import LazyPositions  # noqa: PLC0415 - imports yaml-rs; a memo answer needs neither

        for key, record in self.located:
            positions = record.positions_if_made() if isinstance(record, CachedRecord) else record.positions
            if isinstance(positions, LazyPositions) and positions.ready:
                store.put_positions(key, (dict(positions.values), dict(positions.keys)))

    def records(self, store: Cache | None = None, kept: DataCache | None = None) -> list[Record]:
        """Records from the outcomes; positions remembered in ``store`` are used instead of being located.

        ``kept``: the parsed data of every record, by content key (the door's, for the commands that
        read whole records): a record whose outcome came from the cache takes its data from there
        instead of parsing its file again, and the data of every other record is kept there.
        """
        with gc_paused():  # no parsing here: acyclic records and their rows only
            return self._records(store, kept)

    def _records(self, store: Cache | None, kept: DataCache | None) -> list[Record]:
        from kexie_cli.records.fastload import LazyPositions  # noqa: PLC0415 - imports yaml-rs; a memo answer needs neither

        records: list[Record] = []
        self.findings = []
        self.deferred = []
        self.located = []
        self.key_of = {}
        load = data_loader(self.fast, self.settings.max_file_bytes)
        for index, (file, raw, outcome) in enumerate(zip(self.files, self.raws, self.outcomes, strict=True)):
            assert outcome is not None
            key = self.keys[index]
            known = store.get_positions(key) if store is not None and key is not None else None
            record: Record
            if index in self.cached and outcome[0] is not None and raw is not None:
                positions = _known_positions(known) if known is not None else None
                known_data = kept.get(key) if kept is not None and key is not None else None
                if not isinstance(known_data, dict):  # a file that loads has its data kept, never problems
                    known_data = None
                if kept is not None and key is not None and known_data is None:  # parsed on first use, then kept
                    record = CachedRecord(file, outcome[0], raw, partial(_load_kept, kept, key, load), positions)
                else:
                    record = CachedRecord(file, outcome[0], raw, load, positions)
                if known_data is not None:
                    record.data = known_data
                if key is not None and positions is None:
                    self.located.append((key, record))
            else:
                record = record_from_outcome(file, raw, outcome)
                if kept is not None and key is not None:  # its data, or why it does not load (reading.py)
                    kept.put(key, record.data if record.data is not None else list(outcome[1]))
                if key is not None and isinstance(record.positions, LazyPositions):
                    if known is not None:
                        record.positions = _known_positions(known)
                    elif store is not None:
                        self.located.append((key, record))
            if key is not None:
                self.key_of[id(record)] = key
            self.raws[index] = None  # the record holds the text: free the bytes as we go
            records.append(record)
            self.findings.extend(finding_from_row(t) for t in outcome[2])
            if outcome[3]:
                self.deferred.append((record, outcome[3]))
        return records


def _load_kept(
    kept: DataCache, key: str, load: Callable[[bytes], dict[str, Any] | None], raw: bytes
) -> dict[str, Any] | None:
    data = load(raw)
    if data is not None:
        kept.put(key, data)
    return data


def _known_positions(maps: Any) -> Positions:
    positions = Positions()
    positions.values.update(maps[0])
    positions.keys.update(maps[1])
    return positions


def _read(file: RecordFile, max_bytes: int, ctx: Context) -> tuple[bytes | None, Outcome | None]:
    """The file's bytes, or its outcome when it is known without them (K006, K007, unreadable, too large)."""
    if file.link is not None:
        problem = linked_problem(file)
        return None, _known(file, [(problem.code, problem.line, problem.column, problem.key, problem.params)], ctx)
    if file.kind is None:
        return None, _known(file, [], ctx)
    raw, problems = read_record(file, max_bytes)
    if raw is not None:
        return raw, None
    return None, _known(file, [(p.code, p.line, p.column, p.key, p.params) for p in problems], ctx)


def _early(file: RecordFile, raw: bytes, max_bytes: int, ctx: Context) -> tuple[bytes | None, Outcome | None]:
    """An override's bytes, or its outcome when it is too large (as for a file on disk)."""
    if len(raw) <= max_bytes:
        return raw, None
    row = ("K001", 1, 1, "load.too_large", (("size", str(len(raw))), ("limit", str(max_bytes))))
    return None, _known(file, [row], ctx)


def _known(file: RecordFile, problems: list[ProblemRow], ctx: Context) -> Outcome:
    record = record_from_outcome(file, None, (None, problems, [], []))
    return (None, problems, rows(file_findings(record, ctx)), [])


def _override_file(registry: Registry, relpath: str) -> RecordFile:
    """The :class:`RecordFile` of an override for a file that is not on disk (yet)."""
    parts = relpath.split("/")
    kind = kind_of(tuple(parts[1:])) if len(parts) > 2 and parts[0] == "records" else None  # a yearly kind too
    return RecordFile(registry.root.joinpath(*parts), relpath, kind)


def _work(todo: list[int], jobs: int) -> Iterator[tuple[int, Outcome]]:
    if jobs <= 1 or len(todo) < 2 or not _fork_available():
        for index in todo:
            yield index, _outcome(index)
        return
    import multiprocessing  # noqa: PLC0415 - worker processes only for large registries

    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts) as pool:
        for chunk in pool.imap_unordered(_work_chunk, chunks):
            yield from chunk


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to the parent (one 已取消 there, no traceback from each worker), and dies on
    SIGTERM: the pool ends its workers with it, and a handler inherited from the process that forked them
    (kexie run inside another program, the test runner) would leave a worker waiting on the task queue's
    lock and the pool's clean-up joining it for ever."""
    import signal  # noqa: PLC0415 - in the worker only

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _work_chunk(indexes: list[int]) -> list[tuple[int, Outcome]]:
    return [(index, _outcome(index)) for index in indexes]


def _outcome(index: int) -> Outcome:
    """Load, schema-check and locally rule-check one file (in a worker or here)."""
    job = _JOB
    assert job is not None
    file, raw = job.files[index], job.raws[index]
    assert raw is not None
    from kexie_cli.records.fastload import load_any  # noqa: PLC0415 - imports yaml-rs; a memo answer needs neither

    loaded = load_any(raw, job.max_bytes, job.fast)
    record = Record(file, loaded.data, loaded.positions, loaded.problems, loaded.text)
    found = file_findings(record, job.ctx, fast=job.fast)
    local, deferred = local_findings(record, job.ctx, job.rules)
    found.extend(local)
    problems = [(p.code, p.line, p.column, p.key, p.params) for p in loaded.problems]
    return loaded.data, problems, rows(found), deferred


def data_loader(fast: bool, max_bytes: int) -> Callable[[bytes], dict[str, Any] | None]:
    """How a :class:`CachedRecord` makes its data: the same loader that made its cached outcome."""

    def load(raw: bytes) -> dict[str, Any] | None:
        from kexie_cli.records.fastload import load_any  # noqa: PLC0415 - imports yaml-rs: only when data is made

        return load_any(raw, max_bytes, fast).data

    return load


def _meta(outcome: Outcome) -> Outcome:
    """What the cache keeps of an outcome: the record's facts instead of its data."""
    data, problems, found, deferred = outcome
    return (None if data is None else facts_of(data), problems, found, deferred)


def record_from_outcome(file: RecordFile, raw: bytes | None, outcome: Outcome) -> Record:
    data, problems, _, _ = outcome
    if file.kind is None and file.link is None:
        return Record(file, None)
    if data is None:
        return Record(file, None, problems=[Problem(c, ln, col, k, tuple(p)) for c, ln, col, k, p in problems])
    from kexie_cli.records.fastload import LazyPositions  # noqa: PLC0415 - imports yaml-rs; a memo answer needs neither

    # the file loaded, so it decodes cleanly: no need to scan it for control characters again
    text = "" if raw is None else (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")
    positions: Positions = LazyPositions(text, data)
    return Record(file, data, positions, [], text)
