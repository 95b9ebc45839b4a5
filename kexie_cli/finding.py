"""The one value every check produces."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABELS = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
    Severity.INFO: ("提示", "info"),
}


def severity_label(severity: Severity, lang: str) -> str:
    """错误 / 警告 / 提示 (the words of ``kexie check``); the code in English."""
    zh, en = SEVERITY_LABELS[severity]
    return en if lang == "en" else zh


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: a rule code at a file position, with a localised message."""

    code: str
    severity: Severity
    file: str
    line: int
    column: int
    id: str | None
    message: str
    anchor: str = ""  # data path and message variant ("term.started#K306.chair"): stable across days

    def fingerprint_key(self) -> str:
        """What identifies this finding from one run to the next: code, record, data path.

        Never the message (it carries day counts) nor, where a data path is known,
        the line (it moves when the file is edited). Findings outside any record's
        data (syntax errors, suppression comments, settings) fall back to the position.
        """
        anchor = self.anchor or f"@{self.line}:{self.column}"
        return "\0".join((self.code, self.id or self.file, anchor))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "id": self.id,
            "message": self.message,
        }
