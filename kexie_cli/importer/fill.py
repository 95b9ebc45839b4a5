"""What the sheet lacks: ``--set FIELD=VALUE`` constants, and the required fields still missing at the end.

A 学会 sheet seldom has a 级别 column (every society on it is 市级): ``--set level=市级``
fills it for every row whose cell is empty (labels and codes alike, read as a cell of that
field would be). The report then lists, field by field, how many written records still miss
a required field (K101), with the command that fills it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.finding import Finding
from kexie_cli.importer.cells import Cell, Unreadable
from kexie_cli.importer.columns import valid_target
from kexie_cli.importer.rows import RowValues, read_value
from kexie_cli.registry.schemas import SchemaSet


def parse_constants(items: tuple[str, ...] | list[str], kind: str, schemas: SchemaSet) -> dict[str, Any]:
    """``["level=市级"]`` → ``{"level": "municipal"}``; a bad field or value is a usage error (exit 2)."""
    out: dict[str, Any] = {}
    for item in items:
        target, sep, raw = item.partition("=")
        target = target.strip()
        if not sep or not target or target == "name" or not valid_target(target, kind, schemas):
            raise KexieError("import.set_target", item=item[:100])
        try:
            value, _ = read_value(Cell(raw.strip()), target, kind, schemas)
        except Unreadable as exc:
            raise KexieError("import.set_value", item=item[:100], field=target) from exc
        out[target] = value
    return out


def apply_constants(rows: list[RowValues], constants: dict[str, Any]) -> None:
    for row in rows:
        for target, value in constants.items():
            row.values.setdefault(target, value)


def missing_fields(errors: list[Finding], kind: str, schemas: SchemaSet) -> list[tuple[str, int]]:
    """(field, records) for the K101 findings of the written records, most frequent first.

    A missing object names its first required field (``registration`` → ``registration.uscc``).
    """
    counts: Counter[str] = Counter()
    for finding in errors:
        if finding.code != "K101" or not finding.anchor.startswith("$."):
            continue
        name = finding.anchor[2:].split("#", 1)[0]
        node = schemas.node(kind, tuple(name.split("."))) or {}
        required = node.get("required") if isinstance(node, dict) else None
        if isinstance(required, list) and required:
            name = f"{name}.{required[0]}"
        counts[name] += 1
    return counts.most_common()
