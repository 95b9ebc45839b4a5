"""Writing an imported row's fields into a record's round-trip document, in the samples' style.

Only fields whose value differs are set (``set_all`` for a new record); lists of short entries
are written one entry a line in flow style, people as blocks.
"""

from __future__ import annotations

from typing import Any

from kexie_cli.edit import canonical, tree
from kexie_cli.importer.result import Plan
from kexie_cli.records.model import Record
from kexie_cli.registry.load import Registry

FLOW_LISTS = {"inspections", "stars", "meetings"}  # lists of short entries, one line each (as in the samples)


def open_existing(plan: Plan) -> Any | None:
    """The round-trip document of the record a row updates, its text kept in ``plan.old_text``;
    None, with the row skipped as unloadable, when the file cannot be read or parsed."""
    assert plan.record is not None
    try:
        plan.old_text = canonical.decode_record(plan.record.file.path.read_bytes())
        canonical.require_loadable(plan.old_text)
        return canonical.load_document(plan.old_text)
    except (OSError, canonical.FormatError):
        row = plan.result
        row.action, row.reason, row.params = "skipped", "import.skip.unloadable", {"file": row.file or ""}
        plan.path = None
        return None


def differs(record: Record, fields: dict[tuple[str, ...], Any]) -> bool:
    """Whether any field of the row differs from the loaded record (as :func:`apply_fields` would see it)."""
    for path, value in fields.items():
        current = record.get(*path)
        if value == [] and current is None and path != ("covers",):
            continue
        if tree.plain(current) != value:
            return True
    return False


def new_node(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    return CommentedMap() if value == {} else tree.to_node(value)


def apply_fields(
    doc: Any, fields: dict[tuple[str, ...], Any], kind: str, registry: Registry, set_all: bool
) -> list[str]:
    """Set every field whose value differs from the document's; the dotted paths changed."""
    changed = []
    for path, value in fields.items():
        current = tree.get_node(doc, path)
        if not set_all and tree.plain(current) == value:
            continue
        if value == [] and current is None and path != ("covers",):
            continue
        tree.set_node(
            doc, path, [] if isinstance(value, list) else value, tree.key_orders(registry.schemas, kind, path)
        )
        if isinstance(value, list) and value:
            canonical.put(tree.get_node(doc, path[:-1]) if len(path) > 1 else doc, path[-1], list_node(path[-1], value))
        changed.append(".".join(path))
    return changed


def list_node(key: str, value: list[Any]) -> Any:
    """A list field in the samples' style: short entries one per line in flow style, people as blocks."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    seq = CommentedSeq()
    for item in value:
        if isinstance(item, dict):
            entry = CommentedMap()
            for k, v in item.items():
                entry[k] = tree.to_node(v)
            if key in FLOW_LISTS:
                entry.fa.set_flow_style()
            seq.append(entry)
        else:
            seq.append(tree.to_node(item))
    if not value:
        seq.fa.set_flow_style()
    return seq
