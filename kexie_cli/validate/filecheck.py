"""The checks of one file (K001–K006, schema, record rules) and the cross-record rule runs.

Shared by the engine (:mod:`kexie_cli.validate.engine`, which orchestrates a
check) and the bulk machinery (:mod:`kexie_cli.validate.pipeline`, which runs
the per-file part in worker processes and caches it). Neither imports the
other's orchestration: this module imports neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import cast

from kexie_cli.cells import cut
from kexie_cli.finding import Finding, Severity
from kexie_cli.i18n import tr
from kexie_cli.kinds import BY_CODE
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record
from kexie_cli.registry.layout import KIND_FOLDERS, KINDS
from kexie_cli.rules import RULES
from kexie_cli.rules.base import Context, Hit, Rule
from kexie_cli.validate.schema_check import schema_hits


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
    does not call the data valid (same findings, see :mod:`kexie_cli.registry.prevalidate`).
    """
    if record.file.link is not None:  # a linked folder (K007): the problem from the loader, no id
        return [replace(finding, id=None) for finding in _problem_findings(record, ctx)]
    if record.kind is None:
        return [replace(make("K006", record, Hit(params={"path": record.relpath}), ctx), id=None)]  # not a record
    if not record.loaded:
        return [replace(finding, id=record.file.stem_id) for finding in _problem_findings(record, ctx)]
    out = [make(code, record, hit, ctx) for code, hit in _placement(record)]
    known_valid = False
    if fast and record.kind is not None:
        from kexie_cli.registry.prevalidate import is_valid  # noqa: PLC0415 - imports jsonschema-rs: only when a file is worked on

        known_valid = is_valid(ctx.schemas, record.kind, record.data)
    hits = schema_hits(record, ctx.schemas, known_valid=known_valid)
    out.extend(make(code, record, hit, ctx) for code, hit in hits)
    return out


def _problem_findings(record: Record, ctx: Context) -> list[Finding]:
    out = []
    for problem in record.problems:
        params = dict(problem.params) | {"_line": problem.line, "_column": problem.column}
        out.append(make(problem.code, None, Hit(params=params, variant=problem.key), ctx, record.relpath))
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
    out = registry_findings(rules, ctx)
    for record, codes in deferred:
        for code in codes:
            out.extend(make(code, record, hit, ctx) for hit in _run(rules[code], record, ctx))
    return out


def registry_findings(rules: dict[str, Rule], ctx: Context) -> list[Finding]:
    """The registry-scope rules on the full index."""
    out: list[Finding] = []
    for rule in rules.values():
        if rule.check is not None and rule.scope == "registry":
            out.extend(make(rule.code, hit.record, hit, ctx) for hit in _run(rule, None, ctx))
    return out


YEARLY_FOLDERS_KINDS = frozenset(k.code for k in BY_CODE.values() if k.yearly)


def _placement(record: Record) -> Iterable[tuple[str, Hit]]:
    """K005: the ``id`` must name the file and ``kind`` must match the folder."""
    data = record.data or {}
    value = data.get("id")
    if isinstance(value, str) and value != record.file.stem_id:
        yield "K005", Hit(("id",), {"id": value, "file": record.file.name}, variant="id")
    kind = data.get("kind")
    if kind in KINDS and kind != record.kind:
        yield (
            "K005",
            Hit(("kind",), {"kind": kind, "folder": KIND_FOLDERS[str(record.kind)]}, variant="kind"),
        )
    if record.kind in YEARLY_FOLDERS_KINDS:
        yield from _year_placement(record, data)


def _year_placement(record: Record, data: dict[str, object]) -> Iterable[tuple[str, Hit]]:
    """K005 of a yearly record: the ``year`` must name its folder and the id must be ``<org>-<year>``."""
    year, org, value = data.get("year"), data.get("org"), data.get("id")
    folder = record.relpath.split("/")[2]
    if not isinstance(year, int) or isinstance(year, bool):  # not a year: K102 says so, no id to expect
        return
    if str(year) != folder:
        yield "K005", Hit(("year",), {"year": year, "folder": folder}, variant="year")
    if isinstance(org, str) and isinstance(value, str):
        expected = f"{org}-{year}"
        if value == record.file.stem_id and value != expected:  # a file-name mismatch is K005.id already
            yield "K005", Hit(("id",), {"id": value, "expected": expected}, variant="org_year")


def _run(rule: Rule, record: Record | None, ctx: Context) -> list[Hit]:
    assert rule.check is not None
    return list(rule.check(ctx) if record is None else rule.check(record, ctx))


def _text(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return cut(value) if isinstance(value, str) else value  # a 5,000-digit value is not echoed whole


def rows(found: list[Finding]) -> list[tuple[str, str, str, int, int, str | None, str, str]]:
    """Findings as plain tuples (for the cache)."""
    return [(f.code, str(f.severity), f.file, f.line, f.column, f.id, f.message, f.anchor) for f in found]


def finding_from_row(row: tuple[str, str, str, int, int, str | None, str, str]) -> Finding:
    code, severity, file, line, column, record_id, message, anchor = row
    return Finding(code, Severity(severity), file, line, column, record_id, message, anchor)
