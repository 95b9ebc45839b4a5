"""A table's cells column by column, each distinct value made once.

A 10,000-record export writes some 1.5 million cells, and most of them are a few labels, days,
numbers and empty cells over and over. The xlsx and csv writers of ``kexie export`` make the cells
of a column here: the text of a value (:meth:`~kexie_cli.tables.Column.text`) and what the writer
makes of it are worked out once per distinct value, and the rows take them from a dictionary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from kexie_cli.tables import Column

T = TypeVar("T")

#: raw values whose text follows from their type and value alone. Not floats: -0.0 == 0.0 shows as
#: "-0.0", and a Share (a float) keeps its exact fraction; not lists and other containers (unhashable).
PLAIN = frozenset({type(None), str, int, bool, dt.date})


def table_cells(
    columns: Sequence[Column], rows: list[dict[str, Any]], lang: str, make: Callable[[Any, str], T]
) -> list[tuple[list[T], set[str]]]:
    """:func:`column_cells` of every column."""
    raws = _raw_columns(rows)
    return [column_cells(c, rows, lang, make, raws.get(c.key)) for c in columns]


def _raw_columns(rows: list[dict[str, Any]]) -> dict[str, Sequence[Any]]:
    """The values of every key of ``rows`` column by column, when all rows have the same keys (dataset
    rows do; else nothing: each column takes its values row by row)."""
    if not rows or not isinstance(rows[0], dict) or len(rows[0]) < 2:
        return {}
    keys = tuple(rows[0])
    if any(type(row) is not dict or tuple(row) != keys for row in rows):
        return {}
    return dict(zip(keys, zip(*map(itemgetter(*keys), rows), strict=True), strict=True))


def column_cells(
    column: Column,
    rows: list[dict[str, Any]],
    lang: str,
    make: Callable[[Any, str], T],
    raws: Sequence[Any] | None = None,
) -> tuple[list[T], set[str]]:
    """``make(raw value, its text)`` for the cell of ``column`` in every row, and the column's distinct texts.

    The text is :meth:`Column.text` (a column shown by its row, such as a leader's role, by the row).
    Values are told apart by type and value (``True`` is not ``1``, a day is not a time); a column
    holding any other kind of value is made cell by cell. ``raws``: the column's values, when known.
    """
    if raws is None:
        raws = [row.get(column.key) for row in rows]
    texts: list[str] | None = None
    if column.show_row is not None:
        texts = [column.show_row(row, lang) for row in rows]
    if not set(map(type, raws)) <= PLAIN:
        texts = texts if texts is not None else [column.display(raw, lang) for raw in raws]
        return [make(raw, text) for raw, text in zip(raws, texts, strict=True)], set(texts)
    keys: list[tuple[Any, ...]]
    if texts is None:
        keys = list(zip(map(type, raws), raws, strict=True))
        shown = {k: column.display(k[1], lang) for k in set(keys)}
    else:
        keys = list(zip(map(type, raws), raws, texts, strict=True))
        shown = {k: k[2] for k in set(keys)}
    made = {k: make(k[1], text) for k, text in shown.items()}
    return list(map(made.__getitem__, keys)), set(shown.values())
