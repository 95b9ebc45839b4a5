"""JSON Schema validation mapped onto rule codes K101–K105 with exact positions."""

from __future__ import annotations

import json
import re
from typing import Any

from kexie_cli.records.model import Record
from kexie_cli.registry.layout import KINDS
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.rules.base import Hit

FORMAT_KEYWORDS = frozenset(
    {
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "multipleOf",
        "propertyNames",
    }
)
JSON_TYPES = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    list: "array",
    dict: "object",
    type(None): "null",
}


def dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(根)"


def schema_hits(record: Record, schemas: SchemaSet, *, known_valid: bool = False) -> list[tuple[str, Hit]]:
    """Schema errors of one loaded record, as (code, hit), one per code and node.

    ``known_valid``: a faster validator has already found the data valid, so
    only the checks outside the schema run.
    """
    kind = record.kind
    data = record.data
    if kind is None or data is None:
        return []
    out: list[tuple[str, Hit]] = []
    seen: set[tuple[str, tuple[str | int, ...]]] = set()
    for error in () if known_valid else schemas.validator(kind).iter_errors(data):
        for code, hit in _map_error(error, kind, schemas):
            if code == "K103" and hit.path == ("kind",) and data.get("kind") in KINDS:
                continue  # a valid kind in the wrong folder is K005
            if code == "K104" and hit.path == ("registration", "uscc"):
                continue  # the pattern is for editors; K205 checks the code and says why
            marker = (code, hit.path)
            if marker not in seen:
                seen.add(marker)
                out.append((code, hit))
    out.extend(_empty_covers(record))
    out.extend(control_hits(record.data))
    return out


# C0 controls other than TAB and LF, DEL, C1 controls: in a loaded value they can only come from a
# YAML escape ("\e", "\x07", "\u009b"), since the loader refuses them as raw bytes (K001).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# DEL and C1 as json.dumps(ensure_ascii=False) writes them (raw); C0 it writes as \uXXXX, \b, \f, \r.
_JSON_C1 = re.compile("[\x7f-\x9f]")


def _maybe_control(dumped: str) -> bool:
    """Whether JSON text may hold a control character (a superset: a text "\\u0041" matches too)."""
    return "\\u00" in dumped or "\\b" in dumped or "\\f" in dumped or "\\r" in dumped or bool(_JSON_C1.search(dumped))


def control_hits(data: Any) -> list[tuple[str, Hit]]:
    """K104 for every string (value or key) holding a control character (docs/registry.md).

    Runs on the loaded values, so it finds the same on every loader. A record without any
    control character (nearly all) is cleared by one C-speed ``json.dumps`` and one search.
    """
    try:
        dumped = json.dumps(data, ensure_ascii=False, default=str, check_circular=False)
    except (TypeError, ValueError, RecursionError):
        dumped = None
    if dumped is not None and not _maybe_control(dumped):
        return []
    out: list[tuple[str, Hit]] = []

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, str):
            bad = _CONTROL.search(node)
            if bad is not None:
                out.append(("K104", _control_hit(path, node, bad.group(), at_key=False)))
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and (bad := _CONTROL.search(key)) is not None:
                    out.append(("K104", _control_hit((*path, key), key, bad.group(), at_key=True)))
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*path, i))

    walk(data, ())
    return out


def _control_hit(path: tuple[str | int, ...], text: str, char: str, *, at_key: bool) -> Hit:
    params = {"field": dotted(path), "char": f"U+{ord(char):04X}", "value": _short(text)}
    return Hit(path, params, variant="control", at_key=at_key)


def _map_error(error: Any, kind: str, schemas: SchemaSet) -> list[tuple[str, Hit]]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    instance = error.instance
    if keyword in ("required", "dependentRequired"):
        wanted = error.validator_value
        if keyword == "dependentRequired":
            wanted = [n for deps in wanted.values() for n in deps]
        missing = [n for n in wanted if isinstance(instance, dict) and n not in instance]
        return [
            (
                "K101",
                Hit(
                    (*path, name),
                    {
                        "field": dotted((*path, name)),
                        "title": schemas.title(kind, (*path, name)) or name,
                    },
                ),
            )
            for name in missing
        ]
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        known = set(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known] if isinstance(instance, dict) else []
        return [("K105", Hit((*path, name), {"field": dotted((*path, name))}, at_key=True)) for name in extra]
    title = schemas.title(kind, path) or (str(path[-1]) if path else "")
    params: dict[str, Any] = {"field": dotted(path), "title": title, "value": _short(instance)}
    if keyword == "type":
        expected = error.validator_value
        params["expected"] = "/".join(expected) if isinstance(expected, list) else str(expected)
        params["actual"] = JSON_TYPES.get(type(instance), type(instance).__name__)
        return [("K102", Hit(path, params))]
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        labels = schemas.labels(kind, path)
        params["allowed"] = "、".join(f"{a}（{labels[a]}）" if a in labels else str(a) for a in allowed)
        params["allowed_en"] = ", ".join(str(a) for a in allowed)
        return [("K103", Hit(path, params))]
    if keyword in FORMAT_KEYWORDS:
        params["rule"] = f"{keyword}: {error.validator_value}"
        params["rule_zh"] = rule_zh(keyword, error.validator_value, error.schema)
        return [("K104", Hit(path, params, variant=keyword if keyword in ("format", "pattern") else ""))]
    params["rule"] = str(keyword)
    return [("K102", Hit(path, params, variant="other"))]


#: what a keyword asks, in Chinese: ``minimum: 0`` → 不能小于 0 (the schema's own message wins, see rule_zh)
_RULES_ZH = {
    "minimum": "不能小于 {value}",
    "maximum": "不能大于 {value}",
    "exclusiveMinimum": "应大于 {value}",
    "exclusiveMaximum": "应小于 {value}",
    "minLength": "至少 {value} 个字符",
    "maxLength": "不超过 {value} 个字符",
    "minItems": "至少 {value} 项",
    "maxItems": "不超过 {value} 项",
    "multipleOf": "应为 {value} 的倍数",
}
_FORMATS_ZH = {"date": "应为 YYYY-MM-DD 格式的真实日期", "date-time": "应为日期和时间", "uri": "应为网址"}


def rule_zh(keyword: str, value: Any, schema: Any) -> str:
    """The rule a value broke, said in Chinese (no ``format: date``): the schema's ``errorMessage`` if it has one."""
    own = (
        schema.get("patternErrorMessage" if keyword == "pattern" else "errorMessage")
        if isinstance(schema, dict)
        else None
    )
    if isinstance(own, str) and own:
        return own
    if keyword == "format":
        return _FORMATS_ZH.get(str(value), f"应符合格式 {value}")
    if keyword == "pattern":
        return "不符合规定的格式"
    return _RULES_ZH.get(keyword, "不符合要求").format(value=value)


def _empty_covers(record: Record) -> list[tuple[str, Hit]]:
    """``covers`` may be empty only for committee and general-branch (docs/rules.md, K101)."""
    if record.kind != "party-cell":
        return []
    covers = record.get("covers")
    form = record.get("form")
    if covers == [] and form not in ("committee", "general-branch"):
        return [("K101", Hit(("covers",), {"field": "covers", "title": "覆盖对象"}, variant="covers"))]
    return []


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."
