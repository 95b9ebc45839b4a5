"""Writing a multi-table calendar Report to stdout or to --output (xlsx: one sheet per table)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from kexie_cli.cli import options as opt


def emit_report(report: Any, fmt: str | None, language: str, output: Path | None) -> None:
    from kexie_cli.errors import KexieError
    from kexie_cli.outfile import write_text
    from kexie_cli.reporters.multitable import render_report

    chosen = opt.pick_format(fmt)
    if chosen == "xlsx":
        if output is None:
            raise KexieError("output.required", fmt="xlsx")
        from kexie_cli.reporters.xlsx import write_xlsx

        write_xlsx(report.tables, output, language, report.sheet_names or None, heading=opt.xlsx_heading())
        return
    if output is not None:
        buffer = io.StringIO()
        render_report(report, chosen, language, buffer)
        write_text(output, buffer.getvalue(), bom=chosen == "csv")
        return
    render_report(report, chosen, language, sys.stdout, opt.use_color())
