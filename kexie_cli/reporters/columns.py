"""A table's cells column by column, each distinct value made once.

A 10,000-record export writes some 1.5 million cells, and most of them are a few labels, days,
numbers and empty cells over and over. The xlsx and csv writers of ``kexie export`` make the cells
of a column here: the text of a value (:meth:`~kexie_cli.tables.Column.text`) and what the writer
makes of it are worked out once per distinct value, and the rows take them from a dictionary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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
    return [column_cells(c, rows, lang, make) for c in columns]


def column_cells(
    column: Column, rows: list[dict[str, Any]], lang: str, make: Callable[[Any, str], T]
) -> tuple[list[T], set[str]]:
    """``make(raw value, its text)`` for the cell of ``column`` in every row, and the column's distinct texts.

    The text is :meth:`Column.text` (a column shown by its row, such as a leader's role, by the row).
    Values are told apart by type and value (``True`` is not ``1``, a day is not a time); a column
    holding any other kind of value is made cell by cell.
    """
    key = column.key
    raws = [row.get(key) for row in rows]
    types = set(map(type, raws))
    if column.show_row is not None or not types <= PLAIN:
        texts = [column.text(row, lang) for row in rows]
        if not types <= PLAIN:
            return [make(raw, text) for raw, text in zip(raws, texts, strict=True)], set(texts)
        triples = list(zip(raws, map(type, raws), texts, strict=True))  # the text depends on the row
        by_row = {triple: make(triple[0], triple[2]) for triple in set(triples)}
        return list(map(by_row.__getitem__, triples)), set(texts)
    if {bool, int} <= types:  # True == 1: told apart by their type
        typed = list(zip(raws, map(type, raws), strict=True))
        shown = {pair: column.display(pair[0], lang) for pair in set(typed)}
        made = {pair: make(pair[0], text) for pair, text in shown.items()}
        return list(map(made.__getitem__, typed)), set(shown.values())
    texts_of = {raw: column.display(raw, lang) for raw in set(raws)}  # equal values are the same value
    cells = {raw: make(raw, text) for raw, text in texts_of.items()}
    return list(map(cells.__getitem__, raws)), set(texts_of.values())
