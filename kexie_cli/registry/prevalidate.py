"""jsonschema-rs as a fast yes/no check in front of the Python validator.

A record that jsonschema-rs finds valid has no schema findings; for any other
record (invalid, or the fast validator is missing or fails) the Python
``jsonschema`` validator runs and produces the findings, so messages and
positions are always the reference ones. The property tests check that the
fast validator never calls valid what the Python one rejects.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from typing import Any

from kexie_cli.records.bulk import pure
from kexie_cli.registry.schemas import BASE_URI, SCHEMA_FILES, SchemaSet

_rs: Any
try:
    import jsonschema_rs as _rs
except ImportError:  # pragma: no cover - exercised by the KEXIE_PURE tests instead
    _rs = None

_VALIDATORS: weakref.WeakKeyDictionary[SchemaSet, dict[str, Any] | None] = weakref.WeakKeyDictionary()


def available() -> bool:
    return _rs is not None


def validators(schemas: SchemaSet) -> dict[str, Any] | None:
    """Compiled validators by kind, or None when jsonschema-rs cannot compile the schemas."""
    if _rs is None:
        return None
    key = schemas
    if key not in _VALIDATORS:
        try:
            registry = _rs.Registry([(BASE_URI + name, doc) for name, doc in schemas.documents.items()])
            formats = _python_formats(schemas)
            _VALIDATORS[key] = {
                kind: _rs.Draft202012Validator(
                    {"$ref": BASE_URI + name}, registry=registry, validate_formats=True, formats=formats
                )
                for kind, name in SCHEMA_FILES.items()
                if name in schemas.documents
            }
        except Exception:  # a schema the fast validator does not accept: use the Python one
            _VALIDATORS[key] = None
    return _VALIDATORS[key]


def _python_formats(schemas: SchemaSet) -> dict[str, Any]:
    """Every format the schemas use, checked exactly as the Python validator checks it.

    jsonschema-rs has its own idea of formats (it accepts the date 0000-01-01,
    which Python's ``date`` refuses, and checks ``uri``, which the Python
    validator checks only with optional packages installed): the two
    validators must agree, so every format is answered by the Python checker
    (``date`` by a copy of it, to keep jsonschema out of runs that validate
    nothing but ``kexie.yaml``).
    """
    names: set[str] = set()
    _collect_formats(list(schemas.documents.values()), names)
    out: dict[str, Any] = {}
    for name in sorted(names):
        if name == "date":
            out[name] = _is_date  # jsonschema's own check, without importing jsonschema on every run
        else:  # whatever the Python validator does with it here (it depends on installed extras)
            out[name] = lambda value, _name=name: _python_conforms(_name, value)
    return out


_CHECKER: Any = None


def _python_conforms(name: str, value: Any) -> bool:
    """The Python validator's verdict on ``value`` for format ``name`` (True for a format it does not check)."""
    global _CHECKER  # noqa: PLW0603 - imported on first use only
    if _CHECKER is None:
        from jsonschema import Draft202012Validator  # noqa: PLC0415 - Python jsonschema: only for an invalid record

        _CHECKER = Draft202012Validator.FORMAT_CHECKER
    return bool(_CHECKER.conforms(value, name))


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: Any) -> bool:
    """``jsonschema._format.is_date``: four-two-two ASCII digits that make a real date (year 0 does not)."""
    if not isinstance(value, str):
        return True
    if _DATE.fullmatch(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _collect_formats(todo: list[Any], names: set[str]) -> None:
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                names.add(node["format"])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)


def is_valid(schemas: SchemaSet, kind: str, data: Any) -> bool:
    """True only when jsonschema-rs is sure ``data`` is valid for ``kind`` (never under KEXIE_PURE=1)."""
    if pure():
        return False
    found = validators(schemas)
    validator = found.get(kind) if found else None
    if validator is None:
        return False
    try:
        return bool(validator.is_valid(data))
    except Exception:  # e.g. values it cannot convert: let the Python validator decide
        return False
