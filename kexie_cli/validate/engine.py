"""``kexie check``: load, validate, run every rule, apply suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

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


@dataclass(slots=True)
class CheckResult:
    findings: list[Finding]
    files: int
    records: list[Record] = field(default_factory=list)
    strict: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def exit_code(self) -> int:
        return 1 if self.count(Severity.ERROR) else 0


def check(registry: Registry, options: CheckOptions, progress: Progress | None = None) -> CheckResult:
    """Check a whole registry; findings are limited to ``options.paths`` when given."""
    records = registry.load(progress=progress)
    return check_records(registry, records, options)


def check_records(registry: Registry, records: list[Record], options: CheckOptions) -> CheckResult:
    rules = all_rules()
    index = Index(records)
    ctx = Context(registry.settings, registry.schemas, options.today, index, options.lang)
    findings: list[Finding] = []
    for record in records:
        findings.extend(file_findings(record, ctx))
    findings.extend(rule_findings(rules, index, ctx))
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
    return Finding(code, RULES[code].severity, file or "", line, column, record_id, tr(key, ctx.lang, **params))


def file_findings(record: Record, ctx: Context) -> list[Finding]:
    """K001–K006 and the schema checks K101–K105 of one file."""
    if record.kind is None:
        return [make("K006", record, Hit(params={"path": record.relpath}), ctx)]
    if not record.loaded:
        out = []
        for problem in record.problems:
            params = dict(problem.params) | {"_line": problem.line, "_column": problem.column}
            finding = make(problem.code, None, Hit(params=params, variant=problem.key), ctx, record.relpath)
            out.append(replace(finding, id=record.file.stem_id))
        return out
    out = [make(code, record, hit, ctx) for code, hit in _placement(record)]
    out.extend(make(code, record, hit, ctx) for code, hit in schema_hits(record, ctx.schemas))
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
