"""Output formats: findings reporters and generic table output, by name.

Library code hands results here; only the ``table`` format imports rich, and
only when it renders.
"""

from __future__ import annotations

from kexie_cli.reporters.check_formats import FINDING_REPORTERS
from kexie_cli.reporters.findings import FindingReporter
from kexie_cli.reporters.tables import TABLE_FORMATS, render_table

__all__ = [
    "FINDING_REPORTERS",
    "TABLE_FORMATS",
    "FindingReporter",
    "render_table",
]
