"""台账 workbooks as secretariats keep them, built with openpyxl for the import tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

# 统一社会信用代码 with valid GB 32100 check digits (fictional)
USCC = {
    "a": "51369900509370784D",
}

HEADERS = [
    "序号",
    "学会名称",
    "统一社会信用代码",
    "成立时间",
    "业务主管单位",
    "理事长",
    "秘书长",
    "届次",
    "本届换届时间",
    "任期",
    "个人会员数",
    "备注",
]

# (name, founded as written, expected ISO date, precision)
DATES: list[tuple[Any, str, str]] = [
    ("1980.05", "1980-05-01", "month"),
    ("2005.7", "2005-07-01", "month"),
    ("1981年3月", "1981-03-01", "month"),
    ("2023年1月8日", "2023-01-08", "day"),
    ("2022/04/15", "2022-04-15", "day"),
    ("1990-12", "1990-12-01", "month"),
    (1995, "1995-01-01", "year"),
    (dt.datetime(2001, 9, 30), "2001-09-30", "day"),
]


def messy_rows() -> list[list[Any]]:
    """Data rows (without 序号): every date spelling, 届次 both ways, stray spaces, half-width brackets."""
    rows = []
    for i, (founded, _, _) in enumerate(DATES):
        rows.append(
            [
                f"示例市 测试{'一二三四五六七八'[i]}学会" if i != 2 else "示例市测试三学会(筹)",
                None,
                founded,
                " 示例市科学技术协会 ",
                f"张 {i}明".replace("0", "零"),
                f"李{i}华",
                "第八届" if i % 2 == 0 else 8,
                "2023.6" if i % 2 == 0 else dt.datetime(2023, 6, 18),
                5,
                100 + i,
                f"备注{i}",
            ]
        )
    return rows


def write_book(path: Path, rows: list[list[Any]] | None = None) -> Path:
    """A sheet with a merged title, a 填报单位 row, the header in row 3, a blank row and a 合计 formula row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "学会名录"
    data = messy_rows() if rows is None else rows
    sheet.append(["示例市科技社团基本情况统计表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(["填报单位：示例市科协学会部", None, None, None, None, None, None, None, "填报日期：2026年11月"])
    sheet.append(HEADERS)
    for n, row in enumerate(data, 1):
        sheet.append([n, *row])
        if n == 3:
            sheet.append([])  # a blank row in the middle
    last = sheet.max_row
    sheet.append(["合计", None, None, None, None, None, None, None, None, None, f"=SUM(K4:K{last})", None])
    book.save(path)
    return path
