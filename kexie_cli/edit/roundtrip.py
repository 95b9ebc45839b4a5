"""ruamel.yaml round trip tuned for records: YAML 1.2 scalars as the strict loader reads them.

The resolver below tags plain scalars exactly as :func:`kexie_cli.records.loader.resolve_plain`
does (no timestamps: dates stay strings), so a value means the same to this module, to the
strict loader and to the JSON Schemas. The dumper uses the layout of the sample records:
2-space mappings, list items indented 2 under their key, no line wrapping.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from kexie_cli.records.loader import resolve_plain

WIDTH = 1_000_000  # never wrap long (Chinese) strings


def _tag_name(value: str) -> str:
    resolved = resolve_plain(str(value))
    if resolved is None:
        return "null"
    if isinstance(resolved, bool):
        return "bool"
    if isinstance(resolved, int):
        return "int"
    return "float" if isinstance(resolved, float) else "str"


class RoundTripError(ValueError):
    """The text could not be parsed by the round-trip parser."""


@lru_cache(maxsize=1)
def _resolver_class() -> type:
    from ruamel.yaml.nodes import ScalarNode  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed
    from ruamel.yaml.resolver import VersionedResolver  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed
    from ruamel.yaml.tag import Tag  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    class RecordResolver(VersionedResolver):
        """Plain scalars resolve like the strict loader's (YAML 1.2 core schema, no timestamps)."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                if value == "<<":
                    return Tag(suffix="tag:yaml.org,2002:merge")
                return Tag(suffix="tag:yaml.org,2002:" + _tag_name(value))
            return super().resolve(kind, value, implicit)

    return RecordResolver


def make_yaml() -> Any:
    """A configured ``ruamel.yaml.YAML`` round-trip instance."""
    from ruamel.yaml import YAML  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _resolver_class()
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.explicit_start = False
    return yaml


def load(text: str) -> Any:
    """Parse text into ruamel's commented containers; raises RoundTripError."""
    try:
        return make_yaml().load(text)
    except Exception as exc:  # ruamel raises many error types for broken YAML
        raise RoundTripError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc


def dump(data: Any) -> str:
    """Serialise commented containers back to text."""
    stream = io.StringIO()
    make_yaml().dump(data, stream)
    return stream.getvalue()


@lru_cache(maxsize=1)
def _emitter() -> Any:
    from ruamel.yaml.emitter import Emitter  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    emitter: Any = Emitter(io.StringIO(), allow_unicode=True)
    emitter.use_version = (1, 2)  # read by analyze_scalar when no serializer is attached
    return emitter


def plain_allowed(value: str, flow: bool) -> bool:
    """Whether ``value`` can be written as a plain scalar meaning the same string."""
    if not isinstance(resolve_plain(value), str) or value == "<<":
        return False
    analysis = _emitter().analyze_scalar(value)
    if analysis.empty or analysis.multiline:
        return False
    return bool(analysis.allow_flow_plain if flow else analysis.allow_block_plain)


def null_key_line(node: Any, depth: int = 0) -> int | None:
    """The 1-based line of the first null key (``~: one``, ``null: x``) in a round-trip tree, or None.

    ruamel reads such a key as None and writes it back as ``null``, while the strict loader reads the
    text ``~``: formatting or editing would rename the field, so both refuse the file with this line.
    """
    if depth > 64:  # records nest no deeper (the loader's bound)
        return None
    if isinstance(node, dict):
        for key, value in node.items():
            if key is None:
                where = getattr(node, "lc", None)
                return int(where.key(key)[0]) + 1 if where is not None else 1
            found = null_key_line(value, depth + 1)
            if found is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            found = null_key_line(item, depth + 1)
            if found is not None:
                return found
    return None
