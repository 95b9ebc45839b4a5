"""``kexie find TEXT``: search names, short and former names, leaders and host/supporting units.

Text is compared after NFKC, case folding and OpenCC traditional-to-simplified
conversion, so 濟寧 finds 济宁. A query of ASCII letters also matches the
pinyin initials (``slxh`` finds 水利学会), the full pinyin without tones
(``shuili``) and the id. The usual abbreviations of organisation names
match their full form both ways (``ABBREVIATIONS``: 东城区科协 finds
东城区科学技术协会, 社科联 finds 社会科学界联合会).

Initials and pinyin are matched after the place prefix every name in the
registry shares ("示例市", "中共示例市", taken from settings ``registry``),
so ``slxh`` does not find 示例市林学会 through 示-例-**市林学会**. Within a
kind, matches at the start of the name come before matches inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kexie_cli.i18n import tr
from kexie_cli.query import names
from kexie_cli.query.context import KIND_LABELS
from kexie_cli.query.pinyin_cache import kept_pinyin
from kexie_cli.query.simplified import normalize
from kexie_cli.records.model import Record, entries, text
from kexie_cli.registry.layout import KINDS
from kexie_cli.tables import Column, TableData

ASCII_QUERY = re.compile(r"^[a-z][a-z0-9]*$")

# The usual abbreviations of organisation names (full → short), longest first: a query in either form
# finds a name in the other (科协 ↔ 科学技术协会, 社科联 ↔ 社会科学界联合会 ...).
ABBREVIATIONS = (
    ("科学技术协会", "科协"),
    ("社会科学界联合会", "社科联"),
    ("社会科学联合会", "社科联"),
    ("文学艺术界联合会", "文联"),
    ("工商业联合会", "工商联"),
    ("归国华侨联合会", "侨联"),
    ("妇女联合会", "妇联"),
    ("共产主义青年团", "共青团"),
    ("残疾人联合会", "残联"),
    ("科学技术", "科技"),
)


@lru_cache(maxsize=8192)
def abbreviated(value: str) -> str:
    """A normalised text with every full name of :data:`ABBREVIATIONS` in its short form."""
    for full, short in ABBREVIATIONS:
        value = value.replace(full, short)
    return value


@dataclass(frozen=True, slots=True)
class Match:
    record: Record
    field: str  # name, short_name, former_name, leader, liaison, three_heads, supporting_unit, host_unit, id
    text: str  # the matched text as written in the record
    how: str  # text, abbreviation, initials, pinyin, id
    inside: bool = False  # matched inside the name rather than at its start (ranked after)


PERSON_FIELDS = ("leader", "liaison", "three_heads")


def searchable(record: Record) -> list[tuple[str, str]]:
    """(field, text) pairs of a record that find looks at."""
    out: list[tuple[str, str]] = []
    for field in ("name", "short_name", "supporting_unit", "host_unit"):
        value = text(record.get(field))
        if value:
            out.append((field, value))
    for _, entry in entries(record.get("former_names")):
        if text(entry.get("name")):
            out.append(("former_name", entry["name"]))
    for field, key in (("leader", "leaders"), ("three_heads", "three_heads")):
        for _, entry in entries(record.get(key)):
            if text(entry.get("name")):
                out.append((field, entry["name"]))
    liaison = text(record.get("liaison", "name"))
    if liaison:
        out.append(("liaison", liaison))
    return list(dict.fromkeys(out))


DIVISIONS = "省市区县州盟旗"


def place_prefix(registry_name: str) -> str:
    """The place the registry is named for ("示例市科学技术协会" → "示例市"); "" if none."""
    for i, ch in enumerate(registry_name):
        if ch in DIVISIONS and i > 0:
            return registry_name[: i + 1]
    return ""


def _without_place(value: str, place: str) -> str:
    """``value`` without 中共 and the place ("示例市"), or its short form ("市林学会党支部": 市)."""
    rest = value.removeprefix("中共")
    for prefix in (place, place[-1:]):
        if prefix and rest.startswith(prefix) and len(rest) > len(prefix):
            return rest[len(prefix) :]
    return value


def find(records: list[Record], query: str, registry_name: str = "") -> list[Match]:
    """Records matching ``query``, one match per record (the first field that matches)."""
    place = normalize(place_prefix(registry_name)) if registry_name else ""
    wanted = normalize(query.strip())
    if not wanted:
        return []
    letters = wanted.replace(" ", "")
    ascii_query = bool(ASCII_QUERY.match(letters))
    found: list[Match] = []
    for record in records:
        if not record.loaded or record.kind is None:
            continue
        match = _match(record, wanted, letters if ascii_query else None, place)
        if match is not None:
            found.append(match)
    return found


def _match(record: Record, wanted: str, letters: str | None, place: str = "") -> Match | None:
    fields = searchable(record)
    for field, value in fields:
        simplified = normalize(value)
        if wanted in simplified:
            inside = not _without_place(simplified, place).startswith(wanted) and not simplified.startswith(wanted)
            return Match(record, field, value, "text", inside)
    short = abbreviated(wanted)
    for field, value in fields:
        simplified = abbreviated(normalize(value))
        if field not in PERSON_FIELDS and short in simplified:
            inside = not abbreviated(_without_place(normalize(value), place)).startswith(short)
            return Match(record, field, value, "abbreviation", inside and not simplified.startswith(short))
    if letters is None:
        return None
    if letters in record.id.replace("-", ""):
        return Match(record, "id", record.id, "id", not record.id.replace("-", "").startswith(letters))
    for field, value in fields:
        person = field in PERSON_FIELDS
        simplified = normalize(value) if person else _without_place(normalize(value), place)
        initials = names.initials(simplified, person)
        if letters in initials:
            return Match(record, field, value, "initials", not initials.startswith(letters))
        pinyin = names.plain_pinyin(simplified, person)
        if len(letters) >= 3 and letters in pinyin:
            return Match(record, field, value, "pinyin", not pinyin.startswith(letters))
    return None


def find_table(
    records: list[Record],
    query: str,
    lang: str,
    order: str = "pinyin",
    registry_name: str = "",
    root: Path | None = None,
) -> TableData:
    """The matches as a table: kind, id, name, which field matched and how.

    ``root``: the registry's folder, whose cache keeps the pinyin of names between runs.
    """
    with kept_pinyin(root):
        matches = sorted(
            find(records, query, registry_name),
            key=lambda m: (KINDS.index(m.record.kind or ""), m.inside, names.sort_key(m.record.name, order)),
        )
    rows = [
        {
            "kind": m.record.kind,
            "id": m.record.id,
            "name": m.record.name,
            "field": m.field,
            "text": m.text,
            "how": m.how,
        }
        for m in matches
    ]

    def kind_label(value: Any, language: str) -> str:
        zh, en = KIND_LABELS.get(str(value), (str(value), str(value)))
        return en if language == "en" else zh

    columns = [
        Column("kind", tr("find.kind", "zh"), tr("find.kind", "en"), show=kind_label),
        Column("id", "标识符", "id"),
        Column("name", "全称", "Name"),
        Column("field", tr("find.field", "zh"), tr("find.field", "en"), show=lambda v, g: tr(f"find.field.{v}", g)),
        Column("text", tr("find.text", "zh"), tr("find.text", "en")),
        Column("how", tr("find.how", "zh"), tr("find.how", "en"), show=lambda v, g: tr(f"find.how.{v}", g)),
    ]
    return TableData(tr("find.title", lang, query=query), columns, rows, tr("find.count", lang, count=len(rows)))
