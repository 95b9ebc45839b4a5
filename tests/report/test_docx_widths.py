"""The docx report's tables take their column widths from what they hold (issue 25)."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from kexie_cli.reporters.report import column_widths
from tests.conftest import copy_sample, run_cli


def test_names_get_room_and_counts_little() -> None:
    widths = column_widths(["区县", "街道/乡镇科协", "合计"], [["示例市东城区科学技术协会", "2", "6"]])
    assert widths[0] > 40 and widths[2] < 12 and sum(widths) <= 156.01
    many = column_widths(["区县", *[f"类型{i}科协" for i in range(11)]], [["示例市东城区科学技术协会"] + ["1"] * 11])
    assert abs(sum(many) - 156) < 0.1 and many[0] == max(many) and many[0] > 25


def test_district_table_first_column_is_wide(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    out = tmp_path / "r.docx"
    assert run_cli(["report", "--format", "docx", "-o", str(out), "--as-of", "2026-12-01"], root).exit_code == 0
    tables = [t for t in Document(str(out)).tables if t.rows[0].cells[0].text == "区县"]
    assert tables
    cells = tables[0].rows[0].cells
    assert cells[0].width is not None and cells[0].width.mm > 30
    assert sum(c.width.mm for c in cells if c.width is not None) <= 156.1
