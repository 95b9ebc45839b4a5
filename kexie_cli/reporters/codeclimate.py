"""Code Climate JSON output of ``kexie check`` (GitLab merge-request Code Quality widget and diff annotations)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar, TextIO

from kexie_cli.finding import Finding, Severity
from kexie_cli.reporters.findings import FindingReporter

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class CodeClimateReporter(FindingReporter):
    """A JSON array of Code Climate issues, as GitLab's ``codequality`` report expects."""

    name: ClassVar[str] = "codeclimate"
    summary: ClassVar[bool] = False

    def render(self, findings: list[Finding], out: TextIO) -> None:
        json.dump([issue(f) for f in findings], out, ensure_ascii=False, indent=2)
        out.write("\n")


def issue(finding: Finding) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {finding.message}",
        "categories": ["Bug Risk"] if finding.severity is Severity.ERROR else ["Style"],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": hashlib.sha256(finding.fingerprint_key().encode("utf-8")).hexdigest(),
        "location": {"path": finding.file, "lines": {"begin": max(finding.line, 1)}},
    }
