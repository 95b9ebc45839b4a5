"""Year columns: ``2023年检 | 2024年检 | 2025年检`` into ``inspections``, ``2024年星级`` into ``stars``.

A header with a year and 年检 / 年报 / 年度检查 (or 星级) is the result of that year; under a
two-row header the year may be the child of a 年检 parent. A map names such a column
``inspections.2024`` or ``stars.2024`` (or ``inspections`` / ``stars`` with the year taken from
the header). The sheet's entries are merged into the record's list by year: a year the
record does not have is added, a year whose result differs takes the sheet's result (other
keys, such as ``submitted``, are kept), and a year the sheet leaves empty is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from kexie_cli.importer import cells
from kexie_cli.importer.cells import Cell, Unreadable
from kexie_cli.registry.schemas import SchemaSet

LIST_FIELDS = ("inspections", "stars")
_INSPECTION = re.compile(
    r"^(?:(\d{4})年?度?)(?:年检|年度检查|年检结论|年检情况|年检结果|年报|年度报告|年度工作报告)(?:结论|结果|情况)?$"
)
_INSPECTION_AFTER = re.compile(r"^(?:年检|年报|年度检查|年度报告)(?:结论|结果|情况)?[（(]?(\d{4})年?度?[）)]?$")
_STARS = re.compile(r"^(?:(\d{4})年?度?)(?:星级|星级评定|星级学会|星级评定结果)(?:[★☆]*)$")
_STARS_AFTER = re.compile(r"^(?:星级|星级评定)[（(]?(\d{4})年?度?[）)]?$")
RESULT_WORDS = {
    "通过": "pass",
    "年检合格": "pass",
    "基本通过": "basic-pass",
    "未通过": "fail",
    "年检不合格": "fail",
    "未参检": "missing",
    "未参加": "missing",
    "未参加年检": "missing",
    "未年检": "missing",
    "未报送": "missing",
    "未报": "missing",
    "未提交": "missing",
    "已报送": "submitted",
    "报送": "submitted",
    "已报": "submitted",
    "已提交": "submitted",
}


def year_target(key: str) -> str | None:
    """``2023年检`` → ``inspections.2023``, ``2024年星级`` → ``stars.2024``; None for any other header."""
    key = re.sub(r"\s", "", unicodedata.normalize("NFKC", key)).replace("年年", "年")
    for pattern, field in ((_INSPECTION, "inspections"), (_INSPECTION_AFTER, "inspections")):
        if (match := pattern.match(key)) is not None:
            return f"{field}.{match.group(1)}"
    for pattern in (_STARS, _STARS_AFTER):
        if (match := pattern.match(key)) is not None:
            return f"stars.{match.group(1)}"
    return None


def is_year_target(target: str) -> bool:
    return re.fullmatch(r"(inspections|stars)\.\d{4}", target) is not None


def map_year_target(target: str, header: str) -> str | None:
    """A map's ``inspections`` / ``stars`` target with the year from its header (``2024年检查结果`` → 2024)."""
    if is_year_target(target):
        return target
    match = re.search(r"(19|20)\d{2}", unicodedata.normalize("NFKC", header))
    return f"{target}.{match.group(0)}" if target in LIST_FIELDS and match is not None else None


def read_year_value(cell: Cell, target: str, schemas: SchemaSet) -> Any:
    """A year column's cell: an inspection result code, or a star count 1 … 5 (``★★★★☆``, ``4星``, ``四星级``)."""
    if target.startswith("inspections."):
        labels = schemas.labels("society", ("inspections", 0, "result")) or {}
        return cells.read_enum(cell, labels, RESULT_WORDS)
    text = cells.half_width(cells.cell_text(cell)).replace(" ", "")
    if text and set(text) <= {"★", "☆"}:
        count = text.count("★")
    elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        count = cells.read_int(cell)
    else:
        count = cells.read_int(Cell(re.sub(r"(星级|星|级)$", "", text)))
    if not 1 <= count <= 5:
        raise Unreadable("import.value.bad_stars", value=cells.cell_text(cell))
    return count


def merge_years(current: Any, values: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The ``inspections`` / ``stars`` lists with the row's years merged in (see the module docstring)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for field in LIST_FIELDS:
        years = {int(t.split(".")[1]): v for t, v in values.items() if t.startswith(f"{field}.")}
        if not years:
            continue
        existing = current(field)
        merged = [dict(e) for e in existing if isinstance(e, dict)] if isinstance(existing, list) else []
        key = "result" if field == "inspections" else "stars"
        for year, value in sorted(years.items()):
            entry = next((e for e in merged if e.get("year") == year), None)
            if entry is None:
                merged.append({"year": year, key: value})
            elif entry.get(key) != value:
                entry[key] = value
        out[field] = merged  # the record's order kept, new years after it
    return out
