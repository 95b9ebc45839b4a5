"""Changing a ruamel document node by node, keeping the comments around each node in place.

Full-line comments above a key are stored by ruamel after the *previous*
value; inserting or deleting a node therefore moves them explicitly so they
stay above the key they were written for.
"""

from __future__ import annotations

import re
from typing import Any

from kexie_cli.edit.canonical import add_before_first, add_rest, put, quoted, take_rest
from kexie_cli.errors import KexieError
from kexie_cli.records.loader import load_text, resolve_plain
from kexie_cli.registry.schemas import SchemaSet

Path_ = tuple[str | int, ...]
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


MAX_PATH_PARTS = 64  # as deep as a record may nest (docs/registry.md); 2,000 parts once hit the recursion limit


def parse_path(text: str) -> Path_:
    """``leaders.0.name`` or ``leaders[0].name`` → ``("leaders", 0, "name")``; at most MAX_PATH_PARTS parts."""
    parts: list[str | int] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        if text[pos] == ".":
            pos += 1
            continue
        match = _PART.match(text, pos)
        if match is None:
            raise KexieError("edit.bad_path", path=text)
        name, index = match.groups()
        if name is not None and name.startswith("-") and name[1:].isdigit():
            raise KexieError("edit.bad_index", path=text, index=name)
        if index is not None:
            parts.append(int(index))
        elif name.isdigit():
            parts.append(int(name))
        else:
            parts.append(name)
        if len(parts) > MAX_PATH_PARTS:
            raise KexieError("edit.path_too_deep", limit=MAX_PATH_PARTS)
        pos = match.end()
    if not parts or not isinstance(parts[0], str):
        raise KexieError("edit.bad_path", path=text)
    return tuple(parts)


def show_path(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def to_node(value: Any, flow: bool = False) -> Any:
    """Plain data → ruamel containers (mappings in flow style when ``flow``)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_node(item)
        if flow:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq()
        for item in value:
            seq.append(to_node(item, flow=isinstance(item, dict) and not _nested(item)))
        if not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return quoted(value, flow)
    return value


def _nested(value: dict[str, Any]) -> bool:
    return any(isinstance(v, (dict, list)) for v in value.values())


TYPE_NAMES = {
    "integer": "整数",
    "number": "数字",
    "string": "字符串",
    "boolean": "是/否",
    "array": "列表",
    "object": "映射",
    "null": "空值",
}


def parse_value(raw: str, schema: dict[str, Any] | None) -> Any:
    """A command-line VALUE read as the schema's type for the field.

    For an enumeration the Chinese label is accepted as well as the code
    (``市级`` → ``municipal``), as ``--where`` accepts it.
    """
    code = enum_code(raw, schema)
    if code is not None:
        return code
    types = _types(schema)
    if not types:
        return _yaml_value(raw)
    for kind in types:
        value = _as_type(raw, kind)
        if value is not _NO:
            return value
    raise KexieError(
        "edit.value_type",
        value=raw,
        type_en="/".join(types),
        type_zh="或".join(TYPE_NAMES.get(t, t) for t in types),
    )


def enum_code(raw: str, schema: dict[str, Any] | None) -> Any:
    """The enumeration code ``raw`` names (the code itself, or its label: ``市级``, ``街道/乡镇科协``), else None."""
    if not schema or not isinstance(schema.get("enum"), list):
        return None
    text = raw.strip()
    codes = schema["enum"]
    if text in [str(c) for c in codes]:
        return next(c for c in codes if str(c) == text)
    labels = schema.get("x-labels")
    if not isinstance(labels, dict):
        return None
    for code, label in labels.items():
        names = {str(label), *str(label).split("/")}  # 理事长/主席: either name
        if text in names or text.lower() == str(code).lower():
            return next((c for c in codes if str(c) == str(code)), code)
    return None


_NO = object()
_TRUE = {"true", "yes", "y", "1", "是", "真"}
_FALSE = {"false", "no", "n", "0", "否", "假"}


def _types(schema: dict[str, Any] | None) -> list[str]:
    if not schema:
        return []
    if "enum" in schema or "const" in schema or "format" in schema or "pattern" in schema:
        return ["string"] if schema.get("type", "string") == "string" else _listed(schema.get("type"))
    return _listed(schema.get("type"))


def _listed(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _as_type(raw: str, kind: str) -> Any:
    text = raw.strip()
    if kind == "string":
        return raw
    if kind == "integer":
        try:
            return int(text, 10)
        except ValueError:
            return _NO
    if kind == "number":
        try:
            return int(text, 10)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return _NO
    if kind == "boolean":
        low = text.lower()
        return True if low in _TRUE else False if low in _FALSE else _NO
    if kind == "null":
        return None if text in {"", "null", "~"} else _NO
    if kind in {"array", "object"}:
        value = _yaml_value(raw)
        expected = list if kind == "array" else dict
        return value if isinstance(value, expected) else _NO
    return _NO


def _yaml_value(raw: str) -> Any:
    """A YAML flow value (``[a, b]``, ``{year: 2024}``) or a plain scalar."""
    text = raw.strip()
    if text[:1] in {"[", "{"}:
        loaded = load_text("v: " + text + "\n")
        if loaded.data is None:
            raise KexieError("edit.bad_value", value=raw, type="YAML")
        return loaded.data["v"]
    return resolve_plain(text)


# --- walking and changing --------------------------------------------------------


def plain(value: Any) -> Any:
    """A node of the round-trip tree as plain dicts, lists and scalars (no ruamel wrappers).

    The tree holds no timestamps (dates stay strings), so scalars are str, int,
    float, bool or None.
    """
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def get_node(doc: Any, path: Path_) -> Any:
    node = doc
    for part in path:
        node = _child(node, part)
        if node is _NO:
            return None
    return node


def _child(node: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return node[part] if isinstance(node, list) and 0 <= part < len(node) else _NO
    return node[part] if isinstance(node, dict) and part in node else _NO


def set_node(doc: Any, path: Path_, value: Any, order: list[list[str]] | None = None, flow: bool = False) -> None:
    """Set the node at ``path``, creating missing mappings; ``order[i]`` = key order at depth i."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    node = doc
    for depth, part in enumerate(path[:-1]):
        child = _child(node, part)
        if child is _NO:
            if isinstance(node, list) and not isinstance(part, int):
                raise KexieError("edit.bad_index", path=show_path(path), index=part)
            if isinstance(part, int):
                raise KexieError("edit.no_such_path", path=show_path(path[: depth + 1]))
            child = CommentedSeq() if isinstance(path[depth + 1], int) else CommentedMap()
            insert_key(node, part, child, _order_at(order, depth))
        elif not isinstance(child, (dict, list)):
            raise KexieError("edit.not_container", path=show_path(path[: depth + 1]))
        node = child
    last = path[-1]
    new = to_node(value, flow=flow)
    if isinstance(last, int):
        if not isinstance(node, list) or not 0 <= last <= len(node):
            raise KexieError("edit.no_such_path", path=show_path(path))
        if last == len(node):
            append_item(node, new)
        else:
            put(node, last, new)
        return
    if not isinstance(node, dict):
        raise KexieError("edit.not_container", path=show_path(path[:-1]))
    if last in node:
        put(node, last, new)
    else:
        insert_key(node, last, new, _order_at(order, len(path) - 1))


def _order_at(order: list[list[str]] | None, depth: int) -> list[str]:
    return order[depth] if order and depth < len(order) else []


def insert_key(node: Any, key: str, value: Any, order: list[str]) -> None:
    """Insert ``key`` at its canonical place; comments above the next key stay above it."""
    keys = list(node)
    rank = {k: i for i, k in enumerate(order)}
    pos = len(keys)
    if key in rank:
        for i, existing in enumerate(keys):
            if existing not in rank or rank[existing] > rank[key]:
                pos = i
                break
    if pos > 0:
        before = keys[pos - 1]
        rest = take_rest(node, before)
        node.insert(pos, key, value)
        add_rest(node, key, rest)
    else:
        node.insert(pos, key, value)


def append_item(seq: Any, value: Any) -> None:
    """Append to a list; comments after its last item stay after the list."""
    if len(seq):
        rest = take_rest(seq, len(seq) - 1)
        seq.append(value)
        add_rest(seq, len(seq) - 1, rest)
    else:
        seq.append(value)


def insert_item(seq: Any, index: int, value: Any) -> None:
    if index >= len(seq):
        append_item(seq, value)
        return
    if index == 0:
        seq.insert(0, value)
        return
    rest = take_rest(seq, index - 1)
    seq.insert(index, value)
    add_rest(seq, index, rest)


def delete_node(doc: Any, path: Path_) -> bool:
    """Remove the node at ``path``; False when there is none."""
    parent = get_node(doc, path[:-1]) if len(path) > 1 else doc
    last = path[-1]
    if isinstance(last, int):
        if not isinstance(parent, list) or not 0 <= last < len(parent):
            return False
        rest = take_rest(parent, last)
        del parent[last]
        if rest and last > 0:
            add_rest(parent, last - 1, rest)
        elif rest and parent:
            add_before_first(parent, rest)
        return True
    if not isinstance(parent, dict) or last not in parent:
        return False
    keys = list(parent)
    pos = keys.index(last)
    rest = take_rest(parent, last)
    getattr(parent, "ca").items.pop(last, None)  # noqa: B009 - a CommentedMap; plain dicts have no comments
    del parent[last]
    if rest and pos > 0:
        add_rest(parent, keys[pos - 1], rest)
    elif rest and parent:
        add_before_first(parent, rest)
    return True


def key_orders(schemas: SchemaSet, kind: str, path: Path_) -> list[list[str]]:
    """Canonical key order at each depth along ``path``."""
    return [
        schemas.key_order(kind, tuple(0 if isinstance(p, int) else p for p in path[:depth]))
        for depth in range(len(path))
    ]


def field_schema(schemas: SchemaSet, kind: str, path: Path_) -> dict[str, Any] | None:
    return schemas.node(kind, tuple(0 if isinstance(p, int) else p for p in path))
