"""Listing data: what a listing command's library function returns.

A :class:`TableData` holds raw rows with stable English keys (what ``--format
json`` prints) and columns that know their Chinese/English header and how to
display a raw value. Rendering (table, plain, csv, md, json) is in
``kexie_cli/reporters/tables.py``; this module is library code (no rich, no click).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    zh: str
    en: str
    show: Callable[[Any, str], str] | None = None  # (raw value, lang) -> display text
    align: str = "left"
    percent: bool = False  # a share (0.029): a percent number format in xlsx
    # terminal tables only (format ``table``; csv, json, plain and md show every column as is):
    in_table: bool = True  # False: left out (redundant there, or merged into another column's ``cell``)
    cell: Callable[[dict[str, Any], str], str] | None = None  # (row, lang) -> text: merge several keys
    name: bool = False  # a record name: the place prefix all rows share ("示例市") is left out
    person: bool = False  # person names: a line breaks only between two names, never inside one
    min_width: int = 0  # do not wrap narrower than this (a name stays readable)
    optional: bool = False  # left out when the terminal is too narrow to show it without heavy wrapping
    short_zh: str = ""  # a shorter header for a narrow terminal
    short_en: str = ""
    # (row, lang) -> text, in every format: a value whose words depend on another column of the row
    # (a leader's role is 理事长 in a society, 主席 in a branch); the row keeps the code
    show_row: Callable[[dict[str, Any], str], str] | None = None

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def table_header(self, lang: str) -> str:
        short = self.short_en if lang == "en" else self.short_zh
        return short or self.header(lang)

    def text(self, row: dict[str, Any], lang: str) -> str:
        """The cell of ``row`` in this column, as every format shows it."""
        if self.show_row is not None:
            return self.show_row(row, lang)
        return self.display(row.get(self.key), lang)

    def display(self, value: Any, lang: str) -> str:
        if self.show is not None:
            return self.show(value, lang)
        if value is None:
            return ""
        if isinstance(value, bool):
            return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
        return str(value)


@dataclass(slots=True)
class TableData:
    title: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    headline: str = ""  # one-line summary shown under the table
    footer: dict[str, Any] | None = None  # a total row (display only)

    def display_rows(self, lang: str) -> list[list[str]]:
        """Every row as its columns show it (:meth:`Column.text`), column by column.

        A column's ``show`` is a function of the value and the language, so it runs once per
        distinct value of the column (a 10,000-record export shows 1.5 million cells, most of
        them a few labels and dates over and over).
        """
        if not self.columns:
            return [[] for _ in self.rows]
        return [list(row) for row in zip(*(_column_texts(c, self.rows, lang) for c in self.columns), strict=True)]

    def headers(self, lang: str) -> list[str]:
        return [c.header(lang) for c in self.columns]


def _column_texts(column: Column, rows: list[dict[str, Any]], lang: str) -> list[str]:
    """:meth:`Column.text` of every row, each distinct value shown once (by type and value: 1 is not True)."""
    if column.show_row is not None:
        return [column.show_row(row, lang) for row in rows]
    key, show = column.key, column.show
    if show is None:
        return [column.display(row.get(key), lang) for row in rows]
    shown: dict[tuple[type, Any], str] = {}
    texts = []
    for row in rows:
        value = row.get(key)
        try:
            text = shown[type(value), value]
        except KeyError:
            text = shown[type(value), value] = show(value, lang)
        except TypeError:  # a list (several values): not memoised
            text = show(value, lang)
        texts.append(text)
    return texts


def to_jsonable(value: Any) -> Any:
    """``value`` as strict JSON data: dates as ISO text, bytes as hex, no NaN or Infinity (null)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None  # 1e400 in a record, or SQL: NaN/Infinity are not JSON
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value
