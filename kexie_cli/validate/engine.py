"""``kexie check``: load, validate, run every rule, apply suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from kexie_cli.finding import Finding, Severity
from kexie_cli.i18n import tr
from kexie_cli.records.model import Record
from kexie_cli.registry.layout import KIND_FOLDERS, KINDS, SETTINGS_FILE
from kexie_cli.registry.load import Progress, Registry
from kexie_cli.rules import RULES, Hit, Rule, all_rules
from kexie_cli.validate.context import Context
from kexie_cli.validate.index import Index
from kexie_cli.validate.schema_check import schema_hits
from kexie_cli.validate.suppress import Comment, is_code, parse_comments


@dataclass(frozen=True, slots=True)
class CheckOptions:
    today: dt.date
    lang: str = "zh"
    strict: bool | None = None  # None: take settings rules.strict
    select: frozenset[str] | None = None  # codes or prefixes ("K3")
    ignore: frozenset[str] = frozenset()
    paths: tuple[str, ...] | None = None  # registry-relative files or folders to report on
    cache: bool = True  # use and update the registry's .kexie/cache/
    jobs: int | None = None  # worker processes for loading; None: by registry size and cores


@dataclass(slots=True)
class CheckResult:
    findings: list[Finding]
    files: int
    records: Sequence[Record] = field(default_factory=list)  # the loaded records (may be built on first use)
    strict: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def exit_code(self) -> int:
        return 1 if self.count(Severity.ERROR) else 0


def check(registry: Registry, options: CheckOptions, progress: Progress | None = None) -> CheckResult:
    """Check a whole registry; findings are limited to ``options.paths`` when given.

    The bulk path (:mod:`kexie_cli.fast.pipeline`): per-file work (loading,
    schema, the record rules that need no other record) runs in worker
    processes for large registries and is cached by content; cross-record
    rules always run on the full index. Its findings are those of
    :func:`check_records` on the same files.
    """
    from kexie_cli.fast.pipeline import analyse

    return analyse(registry, options, progress)


def check_records(registry: Registry, records: list[Record], options: CheckOptions) -> CheckResult:
    """Check already loaded records: every file check and every rule, in this process."""
    rules = all_rules()
    index = Index(records)
    ctx = Context(registry.settings, registry.schemas, options.today, index, options.lang)
    findings: list[Finding] = []
    for record in records:
        findings.extend(file_findings(record, ctx))
    findings.extend(rule_findings(rules, index, ctx))
    return finish(registry, records, findings, ctx, options)


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
    return CheckResult(findings, len(records), [r for r in records if r.loaded], strict)


def make(code: str, record: Record | None, hit: Hit, ctx: Context, file: str | None = None) -> Finding:
    """Turn a hit into a localised finding at the most specific position."""
    if record is not None:
        line, column = record.positions.key(hit.path) if hit.at_key else record.positions.of(hit.path)
        file = record.relpath
        record_id: str | None = record.id
    else:
        line, column = hit.params.get("_line", 1), hit.params.get("_column", 1)
        record_id = None
    key = f"{code}.{hit.variant}" if hit.variant else code
    params = {k: _text(v) for k, v in hit.params.items() if not k.startswith("_")}
    message = tr(key, ctx.lang, **params)
    return Finding(code, RULES[code].severity, file or "", line, column, record_id, message, _anchor(record, hit))


def _anchor(record: Record | None, hit: Hit) -> str:
    """The data path and message variant of a hit (empty outside a record's data: the position stands in)."""
    if record is None:
        return f"#{hit.variant}" if hit.variant else ""
    path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in hit.path)
    return path + (f"#{hit.variant}" if hit.variant else "") + (f"~{hit.ident}" if hit.ident else "")


def file_findings(record: Record, ctx: Context, *, fast: bool = False) -> list[Finding]:
    """K001–K006 and the schema checks K101–K105 of one file.

    ``fast``: ask jsonschema-rs first; the Python validator runs only when it
    does not call the data valid (same findings, see :mod:`kexie_cli.fast.validate`).
    """
    if record.kind is None:
        return [replace(make("K006", record, Hit(params={"path": record.relpath}), ctx), id=None)]  # not a record
    if not record.loaded:
        out = []
        for problem in record.problems:
            params = dict(problem.params) | {"_line": problem.line, "_column": problem.column}
            finding = make(problem.code, None, Hit(params=params, variant=problem.key), ctx, record.relpath)
            out.append(replace(finding, id=record.file.stem_id))
        return out
    out = [make(code, record, hit, ctx) for code, hit in _placement(record)]
    known_valid = False
    if fast and record.kind is not None:
        from kexie_cli.fast.validate import is_valid

        known_valid = is_valid(ctx.schemas, record.kind, record.data)
    hits = schema_hits(record, ctx.schemas, known_valid=known_valid)
    out.extend(make(code, record, hit, ctx) for code, hit in hits)
    return out


class NeedsIndex(BaseException):
    """Raised by :data:`NO_INDEX` when a rule looks at other records.

    A BaseException, so that a rule's own ``except Exception`` cannot swallow it.
    """


class _NoIndex:
    """Stands in for the index where records are checked one by one (worker processes)."""

    def __getattr__(self, name: str) -> object:
        raise NeedsIndex(name)


NO_INDEX: Index = cast(Index, _NoIndex())


def local_findings(record: Record, ctx: Context, rules: dict[str, Rule]) -> tuple[list[Finding], list[str]]:
    """Record-scope rules run without the index (``ctx.index`` is :data:`NO_INDEX`).

    Returns the findings of the rules that did not look at other records, and
    the codes of those that did (to be run again with the full index: they
    depend on more than this file).
    """
    out: list[Finding] = []
    deferred: list[str] = []
    if not record.loaded or record.kind is None:
        return out, deferred
    for rule in rules.values():
        if rule.check is None or rule.scope != "record":
            continue
        try:
            hits = _run(rule, record, ctx)
        except NeedsIndex:
            deferred.append(rule.code)
            continue
        out.extend(make(rule.code, record, hit, ctx) for hit in hits)
    return out, deferred


def index_findings(
    rules: dict[str, Rule], deferred: Iterable[tuple[Record, Iterable[str]]], ctx: Context
) -> list[Finding]:
    """Registry-scope rules, and the deferred record rules, on the full index."""
    out: list[Finding] = []
    for rule in rules.values():
        if rule.check is not None and rule.scope == "registry":
            out.extend(make(rule.code, hit.record, hit, ctx) for hit in _run(rule, None, ctx))
    for record, codes in deferred:
        for code in codes:
            out.extend(make(code, record, hit, ctx) for hit in _run(rules[code], record, ctx))
    return out


def _placement(record: Record) -> Iterable[tuple[str, Hit]]:
    """K005: the ``id`` must name the file and ``kind`` must match the folder."""
    data = record.data or {}
    value = data.get("id")
    if isinstance(value, str) and value != record.file.stem_id:
        yield "K005", Hit(("id",), {"id": value, "file": record.file.path.name}, variant="id")
    kind = data.get("kind")
    if kind in KINDS and kind != record.kind:
        yield (
            "K005",
            Hit(("kind",), {"kind": kind, "folder": KIND_FOLDERS[str(record.kind)]}, variant="kind"),
        )


def rule_findings(rules: dict[str, Rule], index: Index, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules.values():
        if rule.check is None:
            continue
        if rule.scope == "registry":
            out.extend(make(rule.code, hit.record, hit, ctx) for hit in _run(rule, None, ctx))
            continue
        for record in index.records:
            out.extend(make(rule.code, record, hit, ctx) for hit in _run(rule, record, ctx))
    return out


def _run(rule: Rule, record: Record | None, ctx: Context) -> list[Hit]:
    assert rule.check is not None
    return list(rule.check(ctx) if record is None else rule.check(record, ctx))


def _suppress(findings: list[Finding], records: list[Record], ctx: Context, options: CheckOptions) -> list[Finding]:
    comments: dict[str, list[Comment]] = {}
    for record in records:
        if record.loaded and "kexie:" in record.text:
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


def _text(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
