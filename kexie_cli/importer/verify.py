"""The records an import writes, checked by the one check engine before anything is written.

A new record is written with the errors it has (a sheet often lacks a required field, such
as ``level``: the registry is the place to complete it). An update is refused — the row is
skipped and its file left as it is — when it would give the record an error it does not
have now, as ``kexie set`` refuses such an edit: an import never makes good data worse.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from kexie_cli.finding import Finding, Severity
from kexie_cli.registry.load import Registry
from kexie_cli.validate.engine import check_change
from kexie_cli.validate.options import CheckOptions


def verify(
    registry: Registry, texts: dict[str, str], updates: set[str], today: dt.date
) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
    """(errors by file after the import, errors an update would add by file) for the files in ``texts``."""
    if not texts:
        return {}, {}
    now, changed = check_change(registry, CheckOptions(today=today, strict=False), texts)
    before = Counter(_identity(f) for f in now.findings if f.severity is Severity.ERROR and f.file in updates)
    errors: dict[str, list[Finding]] = {}
    added: dict[str, list[Finding]] = {}
    for finding in changed.findings:
        if finding.severity is not Severity.ERROR or finding.file not in texts:
            continue
        errors.setdefault(finding.file, []).append(finding)
        if finding.file in updates:
            key = _identity(finding)
            if before[key]:
                before[key] -= 1
            else:
                added.setdefault(finding.file, []).append(finding)
    return errors, added


def _identity(finding: Finding) -> tuple[str, str, str]:
    """A finding apart from its position (lines move when a record is edited), as ``kexie set`` compares them."""
    return (finding.file, finding.code, finding.message)
