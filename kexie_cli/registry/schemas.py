"""JSON Schemas of a registry: loading, $ref resolution, titles and labels."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.records.roles import ROLE_LABELS
from kexie_cli.registry.resources import resource_names, resource_path

BASE_URI = "https://kexie.local/schemas/"
SCHEMA_FILES = {**kinds.SCHEMA_FILES, "settings": "settings.schema.json"}


class SchemaSet:
    """All schema files of one registry, with lookups of titles and enum labels."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.documents: dict[str, dict[str, Any]] = {}
        self.paths: dict[str, Path] = {}
        for name in resource_names(root, "schemas", "*.json"):
            path = resource_path(root, "schemas", name)
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise KexieError("schema.unreadable", path=str(path), detail=str(exc)) from exc
            if not isinstance(document, dict):
                raise KexieError("schema.unreadable", path=str(path), detail="not an object")
            self.documents[name] = document
            self.paths[name] = path

    def document(self, kind: str) -> dict[str, Any]:
        return self.documents[SCHEMA_FILES[kind]]

    def fingerprint(self) -> str:
        """A stable text of every schema (part of cache keys)."""
        return json.dumps(self.documents, sort_keys=True, ensure_ascii=False)

    @cached_property
    def registry(self) -> Any:
        from referencing import Registry, Resource  # noqa: PLC0415 - jsonschema's referencing is slow to import; loaded only when a schema is checked
        from referencing.jsonschema import DRAFT202012  # noqa: PLC0415 - jsonschema's referencing is slow to import; loaded only when a schema is checked

        return Registry().with_resources(
            (BASE_URI + name, Resource.from_contents(doc, default_specification=DRAFT202012))
            for name, doc in self.documents.items()
        )

    def validator(self, kind: str) -> Any:
        return self._validators[kind]

    @cached_property
    def _validators(self) -> dict[str, Any]:
        from jsonschema.validators import Draft202012Validator  # noqa: PLC0415 - jsonschema is slow to import; loaded only when a schema is checked

        checker = Draft202012Validator.FORMAT_CHECKER
        out: dict[str, Any] = {}
        for kind, name in SCHEMA_FILES.items():
            if name not in self.documents:
                raise KexieError("schema.missing", name=name)
            schema = {"$ref": BASE_URI + name}
            out[kind] = Draft202012Validator(schema, registry=self.registry, format_checker=checker)
        return out

    # --- lookups -----------------------------------------------------------------

    def resolve(self, node: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
        """Follow ``$ref`` (relative to the file ``base``) until a node without one."""
        seen = 0
        while isinstance(node.get("$ref"), str) and seen < 20:
            seen += 1
            ref = node["$ref"]
            file_part, _, pointer = ref.partition("#")
            target_file = file_part.rsplit("/", 1)[-1] if file_part else base
            target: Any = self.documents.get(target_file, {})
            for part in (p for p in pointer.split("/") if p):
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
            merged = {k: v for k, v in node.items() if k != "$ref"}
            node = {**target, **merged} if isinstance(target, dict) else merged
            base = target_file
        return node, base

    def node(self, kind: str, path: tuple[str | int, ...]) -> dict[str, Any] | None:
        """The (resolved) schema node describing ``path`` in a record of ``kind``."""
        # list indexes all lead to the same ``items``: one memo entry for every index
        key = (kind, tuple(0 if isinstance(p, int) else p for p in path))
        memo = self._nodes
        if key not in memo:
            memo[key] = self._node(kind, path)
        return memo[key]

    @cached_property
    def _nodes(self) -> dict[tuple[str, tuple[str | int, ...]], dict[str, Any] | None]:
        return {}

    def _node(self, kind: str, path: tuple[str | int, ...]) -> dict[str, Any] | None:
        base = SCHEMA_FILES[kind]
        node, base = self.resolve(self.documents.get(base, {}), base)
        for part in path:
            if isinstance(part, int):
                child = node.get("items")
            else:
                props = node.get("properties")
                child = props.get(part) if isinstance(props, dict) else None
            if not isinstance(child, dict):
                return None
            node, base = self.resolve(child, base)
        return node

    def title(self, kind: str, path: tuple[str | int, ...]) -> str | None:
        node = self.node(kind, path)
        title = node.get("title") if node else None
        return title if isinstance(title, str) else None

    def path_label(self, kind: str, path: tuple[str | int, ...], *also: str) -> str:
        """A field path in the schema's words, its fields' titles joined with ·: ``term.started`` →
        当届·换届日期. List indexes are skipped; a field without a title shows its name; the kinds in
        ``also`` stand in, in order, where ``kind``'s schema has no title."""
        schema_path = tuple(0 if isinstance(part, int) else part for part in path)
        return "·".join(
            next((t for k in (kind, *also) if (t := self.title(k, schema_path[: i + 1]))), str(part))
            for i, part in enumerate(path)
            if not isinstance(part, int)
        )

    def labels(self, kind: str, path: tuple[str | int, ...]) -> dict[str, str]:
        """Chinese labels of an enum field (``x-labels``)."""
        node = self.node(kind, path)
        labels = node.get("x-labels") if node else None
        found = {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}
        if _is_leader_role(path):  # the word for the record's kind: 理事长, 主席, 书记, 组长
            found |= {k: v for k, v in ROLE_LABELS.get(kind, {}).items() if k in found}
        return found

    def label(self, kind: str, path: tuple[str | int, ...], code: object, lang: str = "zh") -> str:
        """The display label of an enum value (the code itself in English)."""
        if lang == "en" or code is None:
            return "" if code is None else str(code)
        return self.labels(kind, path).get(str(code), str(code))

    def key_order(self, kind: str, path: tuple[str | int, ...]) -> list[str]:
        """Property names of the object at ``path``, in schema (canonical) order."""
        node = self.node(kind, path)
        props = node.get("properties") if node else None
        return list(props) if isinstance(props, dict) else []


def _is_leader_role(path: tuple[str | int, ...]) -> bool:
    """``("leaders", i, "role")``: the path of a leader's role."""
    return len(path) == 3 and path[0] == "leaders" and path[2] == "role"
