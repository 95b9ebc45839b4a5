"""The formats of ``kexie check``: format name → reporter class, in the order ``--help`` lists them.

The reporters import only their base class (``reporters/findings.py``); this
registry imports every reporter, so nothing imports it back.
"""

from __future__ import annotations

from kexie_cli.reporters.codeclimate import CodeClimateReporter
from kexie_cli.reporters.findings import (
    CsvReporter,
    FindingReporter,
    GithubReporter,
    JsonReporter,
    MarkdownReporter,
    PlainReporter,
    TableReporter,
)
from kexie_cli.reporters.sarif import SarifReporter

FINDING_REPORTERS: dict[str, type[FindingReporter]] = {
    cls.name: cls
    for cls in (
        TableReporter,
        PlainReporter,
        JsonReporter,
        CsvReporter,
        MarkdownReporter,
        GithubReporter,
        SarifReporter,
        CodeClimateReporter,
    )
}
