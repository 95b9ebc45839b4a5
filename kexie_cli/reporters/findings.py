"""Reporters for ``kexie check``: one class per format (registered by name in ``reporters/check_formats.py``)."""

from __future__ import annotations

import csv
from pathlib import PurePosixPath
from typing import ClassVar, TextIO

from kexie_cli.cells import csv_text, md_text, safe_text
from kexie_cli.finding import Finding, Severity, severity_label
from kexie_cli.i18n import tr
from kexie_cli.reporters import layout
from kexie_cli.reporters.tables import make_console

FIELDS = ("code", "severity", "file", "line", "column", "id", "message")


class FindingReporter:
    """Writes findings to a stream; ``summary`` says whether a summary line suits."""

    name: ClassVar[str] = ""
    summary: ClassVar[bool] = True

    def __init__(self, lang: str, color: bool = False) -> None:
        self.lang = lang
        self.color = color

    def render(self, findings: list[Finding], out: TextIO) -> None:
        raise NotImplementedError


class PlainReporter(FindingReporter):
    """``file:line:col: severity code message [id]`` — one line a finding (grep-friendly)."""

    name = "plain"

    def render(self, findings: list[Finding], out: TextIO) -> None:
        for f in findings:
            ident = f" [{safe_text(f.id)}]" if f.id else ""
            location = f"{safe_text(f.file)}:{f.line}:{f.column}"
            out.write(f"{location}: {f.severity} {f.code} {safe_text(f.message)}{ident}\n")


class TableReporter(FindingReporter):
    """Findings grouped by file, coloured by severity on a terminal.

    The file (which names the record: ``<id>.yaml``) heads its group once, so no
    column repeats it; each finding is one row of position, severity, code and
    message, the message wrapping inside its column (docs/output.md).
    """

    name = "table"

    def render(self, findings: list[Finding], out: TextIO) -> None:
        if not findings:
            return
        from rich.text import Text  # noqa: PLC0415 - rich is slow to import; loaded only when a table is drawn on a terminal

        styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
        console = make_console(out, self.color)
        heads = ("行:列", "级别", "代码", "说明") if self.lang != "en" else ("Line:col", "Severity", "Code", "Message")
        where = [f"{f.line}:{f.column}" for f in findings]
        labels = [severity_label(f.severity, self.lang) for f in findings]
        w_pos = max(layout.width(t) for t in [heads[0], *where])
        w_sev = max(layout.width(t) for t in [heads[1], *labels])
        w_code = max(layout.width(t) for t in [heads[2], *(f.code for f in findings)])
        indent = 2 + w_pos + 2 + w_sev + 2 + w_code + 2
        w_msg = max(console.width - indent, 20)

        def pad(text: str, cells: int, right: bool = False) -> str:
            gap = " " * (cells - layout.width(text))
            return gap + text if right else text + gap

        header = "  " + "  ".join(
            (pad(heads[0], w_pos, right=True), pad(heads[1], w_sev), pad(heads[2], w_code), heads[3])
        )
        console.print(Text(header, style="bold"))
        current = None
        for f, pos, label in zip(findings, where, labels, strict=True):
            if f.file != current:
                current = f.file
                heading = Text(safe_text(f.file), style="bold")
                if f.id and PurePosixPath(f.file).stem != f.id:
                    heading.append(f"  [{safe_text(f.id)}]")
                console.print(heading, soft_wrap=True)
            lines = layout.wrap(safe_text(f.message), w_msg)
            row = Text("  " + pad(pos, w_pos, right=True) + "  ")
            row.append(pad(label, w_sev), style=styles[f.severity])
            row.append("  " + pad(f.code, w_code) + "  " + lines[0])
            for line in lines[1:]:
                row.append("\n" + " " * indent + line)
            console.print(row, soft_wrap=True)


class JsonReporter(FindingReporter):
    """A JSON array of findings: code, severity, file, line, column, id, message."""

    name = "json"
    summary = False

    def render(self, findings: list[Finding], out: TextIO) -> None:
        from kexie_cli.reporters.export_json import list_text  # noqa: PLC0415 - only for this format

        out.write(list_text([f.as_dict() for f in findings]))
        out.write("\n")


class CsvReporter(FindingReporter):
    name = "csv"
    summary = False

    def render(self, findings: list[Finding], out: TextIO) -> None:
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for f in findings:
            writer.writerow({k: csv_text(v) if isinstance(v, str) else v for k, v in f.as_dict().items()})


class MarkdownReporter(FindingReporter):
    name = "md"

    def render(self, findings: list[Finding], out: TextIO) -> None:
        heads = (
            ("位置", "级别", "代码", "记录", "说明")
            if self.lang != "en"
            else ("Location", "Severity", "Code", "Record", "Message")
        )
        out.write("| " + " | ".join(heads) + " |\n|" + "---|" * len(heads) + "\n")
        for f in findings:
            cells = (
                "`" + safe_text(f.file).replace("`", "'") + f":{f.line}:{f.column}`",
                severity_label(f.severity, self.lang),
                f.code,
                md_text(f.id or ""),
                md_text(f.message),
            )
            out.write("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |\n")


class GithubReporter(FindingReporter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=K…::message``."""

    name = "github"
    summary = False
    LEVELS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def render(self, findings: list[Finding], out: TextIO) -> None:
        for f in findings:
            props = f"file={_prop(f.file)},line={f.line},col={f.column},title={_prop(f.code)}"
            out.write(f"::{self.LEVELS[f.severity]} {props}::{safe_text(_data(f.message))}\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return safe_text(_data(text)).replace(":", "%3A").replace(",", "%2C")


def summary_line(counts: dict[Severity, int], files: int, lang: str, strict: bool) -> str:
    text = tr(
        "check.summary",
        lang,
        files=files,
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
    )
    return text + (tr("check.strict", lang) if strict else "")
