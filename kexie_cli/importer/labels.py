"""The Chinese words for the fields an import reads and writes, for its report (never a field path in zh)."""

from __future__ import annotations

from collections.abc import Iterable

from kexie_cli.importer.years import is_year_target
from kexie_cli.kinds import ORG_CODES
from kexie_cli.records.roles import role_label
from kexie_cli.registry.schemas import SchemaSet


def target_label(target: str, kind: str, schemas: SchemaSet) -> str:
    """``academic.events`` → 学术活动·学术活动场次, ``leaders.chair`` → 理事长 (the kind's word),
    ``inspections.2024`` → 2024 年检/年报; a path the schema does not title shows its own words."""
    parts = tuple(target.split("."))
    if parts[0] == "leaders" and len(parts) == 2:
        return role_label(parts[1], kind)
    if is_year_target(target):
        return f"{parts[1]} {schemas.title(kind, (parts[0],)) or parts[0]}"
    # an annual sheet's 名称 / 统一社会信用代码 name the organisation: the organisation kinds' words
    return schemas.path_label(kind, parts, *ORG_CODES)


def target_labels(targets: Iterable[str], kind: str, schemas: SchemaSet) -> dict[str, str]:
    return {target: target_label(target, kind, schemas) for target in targets}
