"""The text of ``kexie export --format json``: ``json.dumps(to_jsonable(document), ensure_ascii=False, indent=2)``.

With ``indent`` the json module encodes in Python, value by value (3 s for the 1.2 million values
of a 10,000-record export). The same text is made here from the C string encoder: the rows of a
table share their keys, so a row is a template filled with its encoded values, and each column's
distinct values are encoded once. Anything else (the document's head, a value that is not a
plain scalar, rows with other keys) goes through the json module itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any

from kexie_cli.tables import to_jsonable

INDENT = 2


def json_text(document: dict[str, Any]) -> str:
    """``document`` as indented JSON; its ``tables`` (name -> list of rows) the fast way."""
    parts: list[str] = []  # joined once at the end: a 55 MB text is not copied level by level
    _object(parts, document, 0, lambda out, key, value, level: _tables(out, value, level) if key == "tables" else None)
    return "".join(parts)


def list_text(rows: list[Any]) -> str:
    """``json.dumps(rows, ensure_ascii=False, indent=2)``; rows that share their keys the fast way
    (``kexie check --format json``: 10,000 findings in a tenth of the time)."""
    parts: list[str] = []
    if _rows(parts, rows, 0) is None:
        return json.dumps(to_jsonable(rows), ensure_ascii=False, indent=INDENT)
    return "".join(parts)


Member = Callable[[list[str], str, Any, int], "bool | None"]


def _object(out: list[str], mapping: dict[Any, Any], level: int, member: Member | None = None) -> None:
    """``mapping`` as a JSON object at ``level``, as json indents it (``member`` may write a value itself)."""
    if not mapping:
        out.append("{}")
        return
    inner = "\n" + " " * (INDENT * (level + 1))
    separator = "{" + inner
    for key, value in mapping.items():
        out.append(separator + encode_basestring(str(key)) + ": ")
        separator = "," + inner
        if member is None or member(out, str(key), value, level + 1) is None:
            out.append(_nested(value, level + 1))
    out.append("\n" + " " * (INDENT * level) + "}")


def _nested(value: Any, level: int) -> str:
    """Any value at ``level``, by the json module (its lines moved in to the level)."""
    text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=INDENT)
    return text.replace("\n", "\n" + " " * (INDENT * level))


def _tables(out: list[str], tables: Any, level: int) -> bool | None:
    """The ``tables`` member: each table's rows by :func:`_rows` (None: not a mapping, json writes it)."""
    if not isinstance(tables, dict):
        return None
    _object(out, tables, level, lambda out, key, rows, level: _rows(out, rows, level))
    return True


def _rows(out: list[str], rows: Any, level: int) -> bool | None:
    """A list of rows that share their keys at ``level``, from a template (None: anything else, json writes it)."""
    if not isinstance(rows, list) or not rows or type(rows[0]) is not dict or not rows[0]:
        return None
    keys = tuple(rows[0])
    if not all(type(k) is str for k in keys) or any(type(r) is not dict or tuple(r) != keys for r in rows):
        return None
    inner = "\n" + " " * (INDENT * (level + 2))
    members = [encode_basestring(k).replace("%", "%%") + ": %s" for k in keys]  # a template for %
    template = "{" + inner + ("," + inner).join(members) + "\n" + " " * (INDENT * (level + 1)) + "}"
    values = zip(*map(itemgetter(*keys), rows), strict=True) if len(keys) > 1 else [[row[keys[0]] for row in rows]]
    columns = [_column(list(column), level + 2) for column in values]
    between = ",\n" + " " * (INDENT * (level + 1))
    out.append("[" + between[1:])
    out.append(between.join(map(template.__mod__, zip(*columns, strict=True))))
    out.append("\n" + " " * (INDENT * level) + "]")
    return True


#: raw type -> its JSON text, for the values of a row (what ``to_jsonable`` then ``json`` make of them)
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
    dt.date: lambda value: encode_basestring(value.isoformat()),
    dt.datetime: lambda value: encode_basestring(value.isoformat()),
}


_BY_VALUE = frozenset({str, int, bool, type(None), dt.date})  # not a float: -0.0 == 0.0


def _column(values: list[Any], level: int) -> list[str]:
    """The JSON text of each value of one column, each distinct value encoded once."""
    types = set(map(type, values))
    if types == {str}:
        return list(map(encode_basestring, values))  # the C encoder, value by value
    if types <= _BY_VALUE and not {bool, int} <= types:  # equal values are the same text
        made = {value: _SCALARS[type(value)](value) for value in set(values)}
        return list(map(made.__getitem__, values))
    return [_value(value, level) for value in values]


def _value(value: Any, level: int) -> str:
    encode = _SCALARS.get(type(value))
    return encode(value) if encode is not None else _nested(value, level)
