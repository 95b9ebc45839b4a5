"""The check engine: load, validate, run every rule, apply suppressions (``check``, ``show``, edits)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kexie_cli.finding import Finding, Severity
from kexie_cli.records.bulk import gc_thawed
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record
from kexie_cli.registry.layout import SETTINGS_FILE
from kexie_cli.registry.load import Progress, Registry
from kexie_cli.rules import RULES, all_rules
from kexie_cli.rules.base import Context, Hit
from kexie_cli.validate.answers import registry_state
from kexie_cli.validate.cache import Cache
from kexie_cli.validate.cached_records import LazyRecords
from kexie_cli.validate.door import Door, load_registry
from kexie_cli.validate.filecheck import (  # noqa: F401 - re-exported: the engine's public surface
    NO_INDEX,
    NeedsIndex,
    file_findings,
    finding_from_row,
    index_findings,
    local_findings,
    make,
    registry_findings,
    rows,
)
from kexie_cli.validate.incremental import deferred_findings
from kexie_cli.validate.options import CheckOptions
from kexie_cli.validate.suppress import Comment, is_code, parse_comments


@dataclass(slots=True)
class CheckResult:
    findings: list[Finding]
    files: int
    records: Sequence[Record] = field(default_factory=list)  # the loaded records (may be built on first use)
    strict: bool = False
    # every record file, loaded or not (those with their K0xx problems); may be built on first use
    all_records: Sequence[Record] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def exit_code(self) -> int:
        return 1 if self.count(Severity.ERROR) else 0


def check(
    registry: Registry,
    options: CheckOptions,
    progress: Progress | None = None,
    overrides: Mapping[str, str | bytes] | None = None,
) -> CheckResult:
    """Check a whole registry; findings are limited to ``options.paths`` when given.

    The one check engine: ``kexie check``, ``show`` and the edit commands
    all come here. ``overrides`` maps registry-relative paths
    (``records/societies/x.yaml``) to the text to check instead of the
    file's content (a path not on disk is a new file): the edit commands
    check a change before writing it. This module orchestrates;
    :mod:`kexie_cli.validate.pipeline` plugs in the loader, the worker pool and
    the content-hash cache:

    1. read and hash every file (overrides instead of their files);
    2. if the same files were checked before with the same options, the
       remembered findings are the answer (the run memo);
    3. per-file outcomes (load, schema, record rules that look at no other
       record) from the cache or worked out, in worker processes for large
       registries;
    4. cross-record rules on the full index; suppressions, selection,
       ``--strict`` and order (:func:`finish`).
    """
    quick = _StateMemo(registry, options) if overrides is None and options.cache else None
    if quick is not None:
        known = quick.result()
        if known is not None:
            return known
    with gc_thawed():
        door = Door(registry, options, overrides)
        result = _evaluate(door, registry, options, progress)
        if quick is not None and door.store is not None:
            quick.keep(door.store, result)
        door.save()
    return result


class _StateMemo:
    """The run memo under the registry's stat state: a warm check over unchanged files with no file list.

    The run memo of :func:`_evaluate` is keyed by every file's content key, which needs the files
    listed and the stat index read (about 17 µs a file). Under it, the same findings are kept under
    the registry's *state* (:func:`kexie_cli.validate.answers.registry_state`: names and stat data of
    every entry, about 5 µs a file), with the same fingerprint and options; a state changed within
    the second it was taken (racily clean) is never kept. A check answered here builds its records
    only when asked (``kexie show``).
    """

    def __init__(self, registry: Registry, options: CheckOptions) -> None:
        self.registry = registry
        self.options = options
        self.state = registry_state(registry.root, git=False)
        self.store: Cache | None = None
        self.key: str | None = None
        if self.state is not None:
            self.store = Cache.open(registry, options, all_rules())
            if self.store.secret is None:
                self.store = None
            else:
                self.key = self.store.memo_key([f"state\t{self.state.digest}"], _options_text(options))

    def result(self) -> CheckResult | None:
        if self.store is None or self.key is None:
            return None
        known = self.store.memo_get(self.key)
        try:
            found, strict, files = known
        except (TypeError, ValueError):
            return None
        registry, options = self.registry, self.options
        every = LazyRecords(lambda: load_registry(registry, options.today, options.lang).records)
        loaded = LazyRecords(lambda: [r for r in every if r.loaded])
        return CheckResult([finding_from_row(r) for r in found], int(files), loaded, bool(strict), every)

    def keep(self, store: Cache, result: CheckResult) -> None:
        """Keep ``result`` under the state (in the door's store, written with it), unless racily clean."""
        if self.state is None or self.state.racy or self.key is None:
            return
        store.memo_put(self.key, (rows(result.findings), result.strict, result.files))


def check_change(
    registry: Registry, options: CheckOptions, overrides: Mapping[str, str | bytes]
) -> tuple[CheckResult, CheckResult]:
    """The registry as it is, and with ``overrides`` (see :func:`check`): the files are listed and read once.

    The edit commands compare the two to tell the errors an edit would add.
    """
    with gc_thawed():
        now = Door(registry, options)
        changed = Door(registry, options, overrides, base=now)
        results = (_evaluate(now, registry, options, None), _evaluate(changed, registry, options, None))
        now.save()
    return results


def _evaluate(door: Door, registry: Registry, options: CheckOptions, progress: Progress | None) -> CheckResult:
    """Steps 2-4 of :func:`check` on an open door (the caller saves the cache)."""
    run, store = door.run, door.store
    memo = store.memo_key(run.memo_parts(), _options_text(options)) if store is not None else None
    if store is not None and memo is not None:
        known = store.memo_get(memo)
        if known is not None:  # nothing changed since a run with the same options
            found, strict = known
            every = LazyRecords(door.records)
            loaded = LazyRecords(lambda: [r for r in every if r.loaded])
            return CheckResult([finding_from_row(r) for r in found], len(run.files), loaded, strict, every)
    records = door.records(progress)
    ctx = Context(registry.settings, registry.schemas, options.today, Index(records), options.lang)
    if store is not None:
        findings = run.findings + registry_findings(run.rules, ctx)
        findings += deferred_findings(run.rules, run.deferred, ctx, run.key_of, store)
    else:
        findings = run.findings + index_findings(run.rules, run.deferred, ctx)
    result = finish(registry, records, findings, ctx, options)
    if store is not None and memo is not None:
        run.remember_positions(store)
        store.memo_put(memo, (rows(result.findings), result.strict))
    return result


def _options_text(options: CheckOptions) -> str:
    """What besides the per-file fingerprint decides the final findings."""
    return repr(
        (
            sorted(options.select) if options.select is not None else None,
            sorted(options.ignore),
            options.paths,
            options.strict,
        )
    )


def finish(
    registry: Registry, records: list[Record], findings: list[Finding], ctx: Context, options: CheckOptions
) -> CheckResult:
    """Suppressions, selection, --strict and order: the last steps of every check."""
    findings = _suppress(findings, records, ctx, options)
    strict = registry.settings.strict if options.strict is None else options.strict
    findings = [f for f in findings if _selected(f.code, options) and _in_paths(f.file, options.paths)]
    if strict:
        findings = [replace(f, severity=Severity.ERROR) if f.severity is Severity.WARNING else f for f in findings]
    findings.sort(key=Finding.sort_key)
    return CheckResult(findings, len(records), [r for r in records if r.loaded], strict, records)


def _suppress(findings: list[Finding], records: list[Record], ctx: Context, options: CheckOptions) -> list[Finding]:
    comments: dict[str, list[Comment]] = {}
    for record in records:
        if record.loaded and record.mentions("kexie:"):
            comments[record.relpath] = parse_comments(record.text)
    kept: list[Finding] = []
    used_settings: set[int] = set()
    for finding in findings:
        if finding.code.startswith(("K0", "K9")):
            kept.append(finding)
            continue
        if _by_comment(finding, comments.get(finding.file, ())):
            continue
        entry = next(
            (i for i, e in enumerate(ctx.settings.ignore) if e.applies(finding.code, finding.id, ctx.today)),
            None,
        )
        if entry is not None:
            used_settings.add(entry)
            continue
        kept.append(finding)
    kept.extend(_comment_findings(comments, ctx, options, records))
    if options.paths is None:
        kept.extend(_settings_findings(used_settings, ctx, options))
    return kept


def _by_comment(finding: Finding, comments: Iterable[Comment]) -> bool:
    for comment in comments:
        if comment.target == finding.line and finding.code in comment.codes and comment.reason:
            comment.used.add(finding.code)
            return True
    return False


def _comment_findings(
    comments: dict[str, list[Comment]], ctx: Context, options: CheckOptions, records: list[Record]
) -> list[Finding]:
    ids = {r.relpath: r.id for r in records}
    out: list[Finding] = []
    for file, items in comments.items():
        for c in items:
            where = {"_line": c.line, "_column": c.column}
            unknown = [code for code in c.codes if not is_code(code) or code not in RULES]
            if unknown or not c.codes:
                hit = Hit(params=where | {"codes": ", ".join(unknown) or "-"}, variant="unknown")
                out.append(replace(make("K901", None, hit, ctx, file), id=ids.get(file)))
                continue
            if not c.reason:
                out.append(
                    replace(
                        make("K901", None, Hit(params=where, variant="reason"), ctx, file),
                        id=ids.get(file),
                    )
                )
                continue
            for code in c.codes:
                if code not in c.used and _selected(code, options):
                    hit = Hit(params=where | {"code": code}, variant="unused")
                    out.append(replace(make("K902", None, hit, ctx, file), id=ids.get(file)))
    return out


def _settings_findings(used: set[int], ctx: Context, options: CheckOptions) -> list[Finding]:
    out: list[Finding] = []
    for i, entry in enumerate(ctx.settings.ignore):
        where = {"_line": entry.line, "_column": entry.column, "code": entry.code}
        if entry.code not in RULES:
            out.append(
                make(
                    "K901",
                    None,
                    Hit(params=where | {"codes": entry.code}, variant="unknown"),
                    ctx,
                    SETTINGS_FILE,
                )
            )
        elif entry.until is not None and ctx.today > entry.until:
            hit = Hit(params=where | {"until": entry.until.isoformat()}, variant="expired")
            out.append(make("K902", None, hit, ctx, SETTINGS_FILE))
        elif i not in used and _selected(entry.code, options):
            out.append(make("K902", None, Hit(params=where, variant="unused_setting"), ctx, SETTINGS_FILE))
    return out


def _selected(code: str, options: CheckOptions) -> bool:
    if any(code.startswith(p) for p in options.ignore):
        return False
    return options.select is None or any(code.startswith(p) for p in options.select)


def _in_paths(file: str, paths: tuple[str, ...] | None) -> bool:
    if paths is None:
        return True
    return any(file == p or file.startswith(p.rstrip("/") + "/") for p in paths)
