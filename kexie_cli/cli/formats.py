"""The output formats the commands offer, in one place.

Every ``cmd_*.py`` takes its ``--format`` choices from here; the order is the
order ``--help`` shows. Table formats are the keys of
:data:`kexie_cli.reporters.tables.TABLE_RENDERERS`, finding formats those of
:data:`kexie_cli.reporters.check_formats.FINDING_REPORTERS`.
"""

from __future__ import annotations

from kexie_cli.reporters.check_formats import FINDING_REPORTERS
from kexie_cli.reporters.tables import TABLE_FORMATS

#: a listing on stdout: ``kexie rules``
TABLE: tuple[str, ...] = TABLE_FORMATS
#: one record, section by section (no csv): ``kexie show``
RECORD: tuple[str, ...] = ("table", "plain", "json", "md")
#: a listing that may also go to a workbook: ``list``, ``find``, ``summary``, ``sql``, ``party``, ``inspections``
LISTING: tuple[str, ...] = (*TABLE_FORMATS, "xlsx")
#: a calendar listing that may also go to a calendar file: ``due-elections``
CALENDAR: tuple[str, ...] = (*LISTING, "ics")
#: findings: ``check``
FINDINGS: tuple[str, ...] = tuple(FINDING_REPORTERS)
#: changes between two versions: ``diff``, ``log``
CHANGES: tuple[str, ...] = ("plain", "md", "json")
#: the report of an import: ``import``
IMPORT_REPORT: tuple[str, ...] = ("plain", "json")
#: the written report: ``report``
REPORT: tuple[str, ...] = ("md", "docx", "html")
#: the whole registry: ``export``
EXPORT: tuple[str, ...] = ("xlsx", "csv", "json", "sqlite")
