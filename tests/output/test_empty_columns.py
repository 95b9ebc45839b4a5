"""A column empty in every row is left out of terminal tables only."""

from __future__ import annotations

import io

from kexie_cli.reporters.tables import render_table
from kexie_cli.tables import Column, TableData


def _table() -> TableData:
    columns = [Column("name", "名称", "Name"), Column("done", "已完成", "Done"), Column("days", "天数", "Days")]
    return TableData("示例", columns, [{"name": "甲学会", "done": "", "days": 3}, {"name": "乙学会", "days": 5}])


def test_terminal_table_leaves_out_a_column_empty_everywhere() -> None:
    out = io.StringIO()
    render_table(_table(), "table", "zh", out)
    assert "已完成" not in out.getvalue()
    assert "天数" in out.getvalue()


def test_other_formats_keep_every_column() -> None:
    for fmt in ("csv", "plain", "md"):
        out = io.StringIO()
        render_table(_table(), fmt, "zh", out)
        assert "已完成" in out.getvalue(), fmt
