"""``kexie summary`` per 区县: district-level societies counted for their 区县, not in the city's ratios.

A district-level society (``level: district``) names its 区县 in ``district`` (the id of a 区县科协).
It is counted here, per 区县, and left out of the city-level ratios of 星级学会 and 评估等级
(:func:`city_societies`); the count by level (``levels``), the member totals and the Party coverage
(every society on the books, as K501 and ``kexie party`` count) still include it (docs/registry.md,
"区县级科技社团").
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kexie_cli.figures.recognition import societies_target
from kexie_cli.query.derived import district_of
from kexie_cli.query.summary_base import Summary
from kexie_cli.records.model import Record, text
from kexie_cli.tables import Column, TableData

UNASSIGNED = ""


def district_level(record: Record) -> bool:
    return bool(record.get("level") == "district")


def city_societies(data: Summary) -> list[Record]:
    """Societies on the books that count in the city's ratios: every level but ``district``."""
    return [r for r in data.live("society") if not district_level(r)]


def left_out(data: Summary) -> str:
    """What a city-level ratio's headline adds when district-level societies were left out of it."""
    count = sum(1 for r in data.live("society") if district_level(r))
    if not count:
        return ""
    return data.t(f"，不含区县级{count}家", f", not counting {count} district-level")


def average(total: int, places: int) -> float | None:
    """``total / places`` rounded half up to one decimal; None without a place to divide by."""
    if not places:
        return None
    exact = (Decimal(total) / Decimal(places)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(exact)


def districts(data: Summary) -> TableData:
    """Societies and branches per 区县, and the average number of societies a 区县 has."""
    on_books = sorted((r for r in data.live("branch") if r.get("type") == "district"), key=lambda r: r.name)
    known = {r.id for r in on_books}
    societies: Counter[str] = Counter()
    for record in data.live("society"):
        if district_level(record):
            place = text(record.get("district")) or UNASSIGNED
            societies[place if place in known else UNASSIGNED] += 1
    branches: Counter[str] = Counter()
    for record in data.live("branch"):
        found = district_of(record, data.qctx.index)
        if found in known and found != record.id:
            branches[found] += 1
    rows: list[dict[str, Any]] = [
        {"district": r.id, "name": r.name, "societies": societies[r.id], "branches": branches[r.id]} for r in on_books
    ]
    if societies[UNASSIGNED]:
        rows.append({"district": None, "name": data.t("未填区县", "(no district)"), "societies": societies[UNASSIGNED]})
    total = sum(societies.values())
    places = data.qctx.settings.coverage.get("district") or len(on_books)
    mean = average(total, places)
    footer: dict[str, Any] = {
        "district": None,
        "name": data.t("合计", "Total"),
        "societies": total,
        "branches": sum(branches.values()),
    }
    footer |= {"districts": places, "average": mean}  # JSON: the 区县 divided by and the average per 区县
    columns = [
        Column("name", "区县", "District", name=True, min_width=8),
        data.count_col("societies", "区县级科技社团", "District-level societies"),
        data.count_col("branches", "下级基层科协", "Branches under it"),
    ]
    target = societies_target(data.qctx.settings)
    reached = mean is not None and mean > target
    shown = "—" if mean is None else f"{mean:.1f}"
    headline = data.t(
        f"区县级科技社团{total}家，{places}个区县平均每个区县{shown}家"
        f"（目标：超过{target}家，{'已达到' if reached else '未达到'}）",
        f"{total} district-level societies; {shown} on average in each of {places} districts"
        f" (target: over {target}, {'reached' if reached else 'not reached'})",
    )
    return TableData(data.t("科技社团：各区县", "Societies per district"), columns, rows, headline, footer)
