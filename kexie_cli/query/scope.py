"""``--where`` for statistics (``kexie summary``, ``kexie party``): which records a figure counts.

The expressions are those of ``kexie list`` (``query/where.py``). Each is tried on every kind:

- a society or branch is in scope when every expression names a field of its kind and holds;
  a kind on which some expression names no field is out of scope altogether
  (``--where level=municipal`` keeps municipal societies and no branches);
- a party cell is in scope when every expression names a field of party cells and holds, or, when
  some does not, when it covers a society or branch in scope (``--where
  party_affiliation=tech-society-committee`` keeps those societies and the cells covering them).

Whether a record is covered never depends on the scope: every live cell of the registry counts.
An expression that names a field of no kind, or a syntax error, exits 2 as in ``kexie list``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kexie_cli import kinds
from kexie_cli.query.context import Item, QueryContext
from kexie_cli.query.listing import caret_message
from kexie_cli.query.where import Condition, WhereError, parse
from kexie_cli.records.model import Record

SCOPE_KINDS = kinds.CODES
UNKNOWN_FIELD_KEYS = ("query.field_unknown", "query.field_kind")


@dataclass(slots=True)
class Scope:
    """The records a statistic counts; ``where`` empty means every record."""

    where: tuple[str, ...] = ()
    conditions: dict[str, list[Condition] | None] = field(default_factory=dict)  # None: kind out of scope
    _cache: dict[int, bool] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.where)

    def describe(self, lang: str) -> list[str]:
        """The conditions as a reader says them: 党建归属为科技社团党委 (no field names, no codes); English as typed."""
        parsed = next((c for c in self.conditions.values() if c is not None), None)
        if lang == "en" or parsed is None:
            return list(self.where)
        return [_describe(c) for c in parsed]

    def holds(self, record: Record, qctx: QueryContext) -> bool:
        """Whether ``record`` is in scope."""
        if not self.where or record.kind is None:
            return True
        key = id(record)
        if key not in self._cache:
            self._cache[key] = self._holds(record, qctx)
        return self._cache[key]

    def _holds(self, record: Record, qctx: QueryContext) -> bool:
        conds = self.conditions.get(str(record.kind))
        if conds is not None:
            item = Item(record)
            return all(c.holds(c.field.value(item, qctx)) for c in conds)
        if record.kind != "party-cell":
            return False
        covers = record.get("covers")
        for target_id in covers if isinstance(covers, list) else []:
            target = qctx.index.get(target_id) if isinstance(target_id, str) else None
            if target is not None and target.kind != "party-cell" and self.holds(target, qctx):
                return True
        return False


def make_scope(where: Sequence[str], qctx: QueryContext) -> Scope:
    """Parse ``--where`` for every kind; raises KexieError (exit 2) like ``kexie list``."""

    exprs = tuple(where)
    if not exprs:
        return Scope()
    conditions: dict[str, list[Condition] | None] = {}
    for kind in SCOPE_KINDS:
        parsed: list[Condition] = []
        for expr in exprs:
            try:
                parsed.append(parse(expr, kind, qctx.schemas))
            except WhereError:
                # a field this kind lacks, or a value its field does not allow (level=provincial on a 联络处,
                # whose levels are 市级/区县级): the kind is out of scope; an expression no kind takes fails below
                break
        conditions[kind] = parsed if len(parsed) == len(exprs) else None
    if all(c is None for c in conditions.values()):
        for expr in exprs:  # the first expression no kind takes: report it as `kexie list <kind>` would
            errors = [_error(expr, k, qctx) for k in SCOPE_KINDS]
            if not all(errors):
                continue
            # a value error of a kind that has the field says more than "unknown field" of the first kind
            first = next((e for e in errors if e and e.key not in UNKNOWN_FIELD_KEYS), errors[0])
            assert first is not None
            raise caret_message(first, qctx.lang)
    return Scope(exprs, conditions)


_OPS_ZH = {"=": "为", "!=": "不为", "~": "含", "!~": "不含", ">": "大于", ">=": "不小于", "<": "小于", "<=": "不大于"}


def _describe(cond: Condition) -> str:
    if not cond.values:
        return f"{cond.field.zh}{'不为空' if cond.op in ('!=', '!~') else '为空'}"
    shown = "或".join(cond.field.display(v, "zh") for v in cond.values)
    return f"{cond.field.zh}{_OPS_ZH.get(cond.op, cond.op)}{shown}"


def _error(expr: str, kind: str, qctx: QueryContext) -> WhereError | None:
    """Why ``expr`` does not parse for ``kind`` (None: it does)."""
    try:
        parse(expr, kind, qctx.schemas)
    except WhereError as exc:
        return exc
    return None
