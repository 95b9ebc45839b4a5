"""What an import did, row by row (the report's data), and the plan of one row's file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.finding import Finding
from kexie_cli.importer.rows import Note, RowValues
from kexie_cli.records.model import Record


@dataclass(slots=True)
class RowResult:
    row: int
    action: str  # created | updated | unchanged | skipped
    name: str | None = None
    id: str | None = None
    file: str | None = None
    fields: list[str] = field(default_factory=list)
    reason: str | None = None  # catalogue key when skipped
    params: dict[str, str] = field(default_factory=dict)
    errors: list[Finding] = field(default_factory=list)  # validation errors of the record after the import


@dataclass(slots=True)
class ImportResult:
    file: str
    kind: str
    sheet: str
    header_row: int
    columns: list[tuple[str, str]]
    unknown: list[str]
    duplicate: list[str]
    rows: list[RowResult] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # export detail sheets used
    joined: list[str] = field(default_factory=list)  # other sheets joined to the rows by code or name
    unread: list[str] = field(default_factory=list)  # sheets of the workbook neither imported nor used
    other_kinds: dict[str, str] = field(default_factory=dict)  # an export's sheets of other kinds: title → kind
    stale: list[str] = field(default_factory=list)  # temporary files of a killed write, removed
    constants: dict[str, Any] = field(default_factory=dict)  # --set FIELD=VALUE
    missing: list[tuple[str, int]] = field(default_factory=list)  # required fields still missing: (field, records)
    stale_columns: list[str] = field(default_factory=list)  # 上届 / 原 / 曾任 columns, not read
    hidden_columns: list[str] = field(default_factory=list)  # hidden columns that lost to visible ones
    default_status: bool = False  # no 状态 column: new records are active
    labels: dict[str, str] = field(default_factory=dict)  # field path -> its Chinese words (the zh report)
    dry_run: bool = False

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "skipped"]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


@dataclass(slots=True)
class Plan:
    """What one row does: the file, its text before and after."""

    result: RowResult
    values: RowValues
    record: Record | None  # the existing record it updates
    path: Path | None = None
    old_text: str = ""
    new_text: str = ""
