"""``kexie check --changed [REV]``: report on the files changed since a revision, plus every cross-record finding.

Every record is still loaded and every rule still runs (cross-record rules need
the whole index); what is limited is the report: findings in changed or new
files, and findings of the cross-record rules wherever they are (deleting a
society makes a party cell's ``covers`` point nowhere: that must show up).
A change to ``kexie.yaml`` or ``schemas/`` can affect every record, so it
widens the report to the whole registry.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kexie_cli.registry.gitio import changed_paths, ensure_repo
from kexie_cli.registry.layout import SETTINGS_FILE
from kexie_cli.validate.engine import CheckResult

# Rules whose finding in one file can be caused by a change in another.
CROSS_RECORD = frozenset(
    {"K201", "K202", "K203", "K204", "K206", "K207", "K501", "K504", "K508", "K702", "K703", "K704", "K705", "K706"}
)


def changed_scope(root: Path, rev: str) -> tuple[str, ...] | None:
    """Registry-relative files changed since ``rev`` (None: settings or schemas changed, so all)."""

    ensure_repo(root)
    names = changed_paths(root, rev)
    if any(name == SETTINGS_FILE or name.startswith("schemas/") for name in names):
        return None
    return tuple(name for name in names if name.startswith("records/"))


def limit_to(result: CheckResult, files: tuple[str, ...]) -> CheckResult:
    """The result keeping findings in ``files`` (or below them) and every cross-record finding."""
    if "" in files:
        return result
    prefixes = tuple(f.rstrip("/") + "/" for f in files)
    chosen = set(files)
    findings = [f for f in result.findings if f.file in chosen or f.file.startswith(prefixes) or f.code in CROSS_RECORD]
    return replace(result, findings=findings)
