"""The docx report's tables take their column widths from what they hold (issue 25)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from kexie_cli.reporters.docx_table import PADDING_MM, column_widths, header_lines, header_words, text_mm
from tests.conftest import copy_sample, run_cli

NAME = re.compile(r"(学会|协会|研究会|科协|联合体|联盟)$")  # an organisation's name, not a count


def test_names_get_room_and_counts_little() -> None:
    widths = column_widths(["区县", "街道/乡镇科协", "合计"], [["示例市东城区科学技术协会", "2", "6"]])
    assert widths[0] > 40 and widths[2] < 12 and sum(widths) <= 156.01
    types = ["区县科协", "街道/乡镇科协", "村/社区科协", *[f"{t}科协" for t in ("企业", "高校", "学校", "机关")]]
    types += ["事业单位科协", "园区科协", "医院科协", "地市科协"]
    many = column_widths(["区县", *types, "合计"], [["示例市东城区科学技术协会"] + ["1"] * 12])
    assert abs(sum(many) - 156) < 0.1 and many[0] == max(many) and many[0] > 25
    assert all(
        w >= text_mm(max(header_words(h), key=text_mm)) + PADDING_MM for w, h in zip(many[1:], types, strict=False)
    )


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("学会数", ["学会数"]),
        ("党组织届满", ["党组织", "届满"]),
        ("街道/乡镇科协", ["街道/", "乡镇", "科协"]),
        ("有党建联络员/指导员", ["有党建", "联络员/", "指导员"]),
        ("不换届（党的工作小组）", ["不换届", "（党的", "工作", "小组）"]),
        ("应建数（按台账设置）", ["应建数", "（按台账", "设置）"]),
        ("所在基层科协数", ["所在", "基层", "科协数"]),
        ("已建科协", ["已建科协"]),
    ],
)
def test_a_header_breaks_between_words(header: str, words: list[str]) -> None:
    assert header_words(header) == words
    assert header_lines(header, 1000) == [header]


def test_count_columns_fit_their_header_words(tmp_path: Path) -> None:
    """Issue 25: count columns were 10 mm and their headers wrapped a character a line (学/会/数)."""
    root = copy_sample(tmp_path)
    out = tmp_path / "r.docx"
    assert run_cli(["report", "--format", "docx", "-o", str(out), "--as-of", "2026-12-01"], root).exit_code == 0
    seen = set()
    for table in Document(str(out)).tables:
        for cell in table.rows[0].cells:
            assert cell.width is not None
            lines = cell.text.split("\n")  # the breaks kexie put in: between words only
            header = "".join(lines)
            seen.add(header)
            words = header_words(header)
            assert all(text_mm(line) + PADDING_MM <= cell.width.mm + 0.05 for line in lines), (header, cell.width.mm)
            bounds = {len("".join(words[: i + 1])) for i in range(len(words))}
            assert {len("".join(lines[: i + 1])) for i in range(len(lines))} <= bounds, lines
        cells = [c.text for row in table.rows[1:] for c in row.cells]
        widths = [c.width.mm for row in table.rows[1:] for c in row.cells if c.width is not None]
        # a count, a share or a short label on one line; a name may wrap where a table has many columns
        # (the 按单位 table of the 工作总结 has ten: 示例市农学会 takes two lines there)
        counts = [(t, w) for t, w in zip(cells, widths, strict=True) if len(t) <= 6 and not NAME.search(t)]
        assert all(text_mm(t) + PADDING_MM <= w + 0.05 for t, w in counts)
    assert {"学会数", "在册数", "党组织届满", "所在基层科协数"} <= seen


def test_district_table_first_column_is_wide(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    out = tmp_path / "r.docx"
    assert run_cli(["report", "--format", "docx", "-o", str(out), "--as-of", "2026-12-01"], root).exit_code == 0
    tables = [t for t in Document(str(out)).tables if t.rows[0].cells[0].text == "区县"]
    assert tables
    cells = tables[0].rows[0].cells
    assert cells[0].width is not None and cells[0].width.mm > 30
    assert sum(c.width.mm for c in cells if c.width is not None) <= 156.1
