"""``--where`` expressions: ``FIELD OP VALUE``.

Operators: ``=`` ``!=`` ``>`` ``>=`` ``<`` ``<=`` (numbers and dates), ``~`` and
``!~`` (contains / does not contain, ignoring case and simplified/traditional
differences). ``VALUE`` may list alternatives with ``|`` (``level=municipal|district``);
an empty value tests for absence (``liaison.name=``). Enumerations accept the
code or its Chinese label (``discipline=医科``); booleans ``true``/``false``
(or 是/否); dates ``YYYY-MM-DD``.

On a list-valued field (``leaders.name``, ``covered_by``) a positive operator
holds when any entry matches, a negative one (``!=``, ``!~``) when none does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kexie_cli.query.context import Field
from kexie_cli.query.fields import FieldError, resolve
from kexie_cli.query.simplified import normalize
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.terms import parse_date

OPERATORS = ("!=", ">=", "<=", "!~", "=", ">", "<", "~")
ORDERING = (">", ">=", "<", "<=")
FIELD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
TRUE = {"true", "yes", "1", "是", "有"}
FALSE = {"false", "no", "0", "否", "无"}


class WhereError(Exception):
    """A bad expression: ``start``/``end`` mark the offending characters."""

    def __init__(self, expr: str, start: int, end: int, key: str, **params: object) -> None:
        super().__init__(key)
        self.expr, self.start, self.end = expr, start, max(end, start + 1)
        self.key, self.params = key, params


@dataclass(frozen=True, slots=True)
class Condition:
    field: Field
    op: str
    values: tuple[Any, ...]  # alternatives; () means "empty"
    text: str

    def holds(self, value: Any) -> bool:
        negative = self.op in ("!=", "!~")
        if isinstance(value, list):
            hits = [v for v in value if v is not None]
            if not self.values:
                return bool(hits) if negative else not hits
            matched = any(self._one(v) for v in hits)
            return not matched if negative else matched
        if not self.values:
            empty = value is None or value == ""
            return not empty if negative else empty
        if value is None:
            return negative
        matched = self._one(value)
        return not matched if negative else matched

    def _one(self, value: Any) -> bool:
        if self.op in ("~", "!~"):
            haystacks = {normalize(str(value)), normalize(self.field.display(value, "zh"))}
            return any(normalize(str(v)) in h for v in self.values for h in haystacks)
        if self.op in ("=", "!="):
            return any(_equal(value, v) for v in self.values)
        try:
            return any(_compare(value, self.op, v) for v in self.values)
        except TypeError:
            return False


def _equal(value: Any, wanted: Any) -> bool:
    if isinstance(value, str) and isinstance(wanted, str):
        return value.casefold() == wanted.casefold()
    return bool(value == wanted)


def _compare(value: Any, op: str, wanted: Any) -> bool:
    if isinstance(value, bool) or type(value) is not type(wanted):
        return False
    if op == ">":
        return bool(value > wanted)
    if op == ">=":
        return bool(value >= wanted)
    if op == "<":
        return bool(value < wanted)
    return bool(value <= wanted)


def parse(expr: str, kind: str, schemas: SchemaSet) -> Condition:
    """Parse one expression; raises WhereError pointing at the bad part."""
    lead = len(expr) - len(expr.lstrip())
    match = FIELD_RE.match(expr, lead)
    if match is None:
        raise WhereError(expr, lead, lead + 1, "query.where_no_field")
    name_end = match.end()
    path = match.group(0)
    at = name_end + len(expr[name_end:]) - len(expr[name_end:].lstrip())
    op = next((o for o in OPERATORS if expr.startswith(o, at)), None)
    if op is None:
        raise WhereError(expr, at, at + 1, "query.where_no_operator", operators=" ".join(OPERATORS))
    try:
        field = resolve(kind, path, schemas)
    except FieldError as exc:
        raise WhereError(expr, lead, name_end, exc.key, **exc.params) from None
    value_at = at + len(op)
    raw = expr[value_at:].strip()
    value_start = value_at + len(expr[value_at:]) - len(expr[value_at:].lstrip())
    if op in ORDERING and field.type not in ("int", "date"):
        raise WhereError(expr, at, at + len(op), "query.where_bad_operator", op=op, field=path)
    if op in ("~", "!~") and field.type in ("int", "date", "bool"):
        raise WhereError(expr, at, at + len(op), "query.where_bad_operator", op=op, field=path)
    if not raw:
        if op not in ("=", "!="):
            raise WhereError(expr, value_at, value_at + 1, "query.where_no_value")
        return Condition(field, op, (), expr)
    values = []
    offset = value_start
    for part in raw.split("|"):
        values.append(_coerce(expr, offset, part.strip(), field, op))
        offset += len(part) + 1
    return Condition(field, op, tuple(values), expr)


def _coerce(expr: str, start: int, raw: str, field: Field, op: str) -> Any:
    end = start + len(raw)
    kind_type = field.type
    if kind_type == "int":
        try:
            return int(raw)
        except ValueError:
            raise WhereError(expr, start, end, "query.where_not_int", value=raw) from None
    if kind_type == "date":
        found: dt.date | None = parse_date(raw)
        if found is None:
            raise WhereError(expr, start, end, "query.where_not_date", value=raw)
        return found
    if kind_type == "bool":
        if raw.lower() in TRUE:
            return True
        if raw.lower() in FALSE:
            return False
        raise WhereError(expr, start, end, "query.where_not_bool", value=raw)
    if field.labels and op in ("=", "!="):
        for code, label in field.labels.items():
            if raw.casefold() in (code.casefold(), label.casefold()):
                return code
        choices = "、".join(f"{c}（{label}）" for c, label in field.labels.items())
        raise WhereError(expr, start, end, "query.where_not_enum", value=raw, choices=choices)
    return raw
