"""SARIF 2.1.0 output of ``kexie check`` (code-scanning UIs: GitHub, GitLab, Azure DevOps).

One run, tool ``kexie`` with every rule as a reporting descriptor (id, Chinese or
English title, default level), one result per finding with its physical
location relative to the registry root (``%SRCROOT%``, left undefined: SARIF §3.14.14
wants an absolute URI there, and code-scanning services resolve it to the checkout).
``partialFingerprints`` hash the rule code, the record id and the data path,
never the message (it counts days) nor the line (it moves with edits).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar, TextIO

from kexie_cli import __version__
from kexie_cli.finding import Finding, Severity
from kexie_cli.reporters.findings import FindingReporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/kexie/kexie/blob/main/docs/rules.md"


class SarifReporter(FindingReporter):
    """A SARIF 2.1.0 log with one run."""

    name: ClassVar[str] = "sarif"
    summary: ClassVar[bool] = False

    def render(self, findings: list[Finding], out: TextIO) -> None:
        json.dump(sarif_log(findings, self.lang), out, ensure_ascii=False, indent=2)
        out.write("\n")


def sarif_log(findings: list[Finding], lang: str) -> dict[str, Any]:
    from kexie_cli.rules import all_rules  # noqa: PLC0415 - kexie --help imports this module for the --format list; the rule registry loads only when a SARIF log is written

    rules = all_rules()
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    descriptors = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": rules[code].title(lang)},
            "fullDescription": {"text": rules[code].explanation(lang) or rules[code].title(lang)},
            "defaultConfiguration": {"level": LEVELS[rules[code].severity]},
            "helpUri": f"{INFO_URI}#{code.lower()}",
        }
        for code in codes
    ]
    results = [_result(f, index) for f in findings]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kexie",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }


def fingerprint(finding: Finding) -> str:
    """A hash of code, record id and data path: the same on every day the finding persists."""
    return hashlib.sha256(finding.fingerprint_key().encode("utf-8")).hexdigest()


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding.file, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
                }
            }
        ],
        "partialFingerprints": {"kexie/v2": fingerprint(finding)},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.id:
        result["properties"] = {"id": finding.id}
    return result
