"""1,000 random edits through the edit operations on copies of the sample records.

After every edit: the file is canonical (``kexie fmt`` would not change it),
every line outside the edited nodes is byte for byte what it was, and the data
is what the edit means (checked against an independent model for set/unset).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.edit import canonical, tree
from kexie_cli.edit.commands import apply_operation
from kexie_cli.edit.operations import Elect, Extend, Inspect, SetField, UnsetField
from kexie_cli.records.loader import Loaded, load_text
from kexie_cli.registry.layout import FOLDER_KINDS
from kexie_cli.registry.schemas import SchemaSet
from tests.conftest import REPO

EDITS = int(__import__("os").environ.get("KEXIE_EDITS", "0"))  # 0: the count each case names
CHAIN = 10  # edits applied one after another to the same file
STRINGS = [
    "张三",
    "示例市某某学会",
    "2024-01-01",
    "513699005030158370",
    "true",
    "null",
    "010",
    "1e5",
    "a: b",
    "#不是注释",
    "- 不是列表",
    "x, y",
    "  前导空格",
    "[方括号]",
    "yes",
    "引号'和\"双引号",
    "很长的备注" * 40,
]
Path_ = tuple[str | int, ...]


def leaves(data: Any, path: Path_ = ()) -> list[Path_]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in leaves(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in leaves(v, (*path, i))]
    return [path]


def nodes(data: Any, path: Path_ = ()) -> list[Path_]:
    out = [path] if path else []
    if isinstance(data, dict):
        out += [p for k, v in data.items() for p in nodes(v, (*path, k))]
    elif isinstance(data, list):
        out += [p for i, v in enumerate(data) for p in nodes(v, (*path, i))]
    return out


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def exists(data: Any, path: Path_) -> bool:
    try:
        get(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def span(loaded: Loaded, path: Path_, nlines: int) -> set[int]:
    """The lines (1-based) of the node at ``path``: its key line to the line before the next node outside it."""
    pos = loaded.positions
    if path not in pos.values:
        return set()
    start = pos.keys[path][0] if path in pos.keys else pos.values[path][0]
    later = [
        line
        for table in (pos.values, pos.keys)
        for p, (line, _) in table.items()
        if line > start and p[: len(path)] != path
    ]
    end = min(later) - 1 if later else nlines
    lines = loaded.text.splitlines()
    while end > start and (lines[end - 1].strip().startswith("#") or not lines[end - 1].strip()):
        end -= 1  # comment lines just above the next node belong to it (docs/editing.md)
    return set(range(start, end + 1))


def random_edit(rng: random.Random, data: dict[str, Any], kind: str, schemas: SchemaSet) -> tuple[Any, Any]:
    """An operation and the expected data after it (None: checked by properties instead)."""
    choice = rng.random()
    editable = [p for p in leaves(data) if p[0] not in {"id", "kind"}]
    if choice < 0.45 and editable:
        path = rng.choice(editable)
        old = get(data, path)
        if isinstance(old, bool):
            raw = "false" if old else "true"
        elif isinstance(old, int):
            raw = str(rng.randint(0, 3000))
        else:
            raw = rng.choice(STRINGS)
        expected = copy.deepcopy(data)
        parent = get(expected, path[:-1])
        parent[path[-1]] = tree.parse_value(raw, tree.field_schema(schemas, kind, path))
        return SetField(path, raw), expected
    if choice < 0.55:
        missing = [
            k for k in ("short_name", "notes", "supervisors") if k in schemas.key_order(kind, ()) and k not in data
        ]
        if missing:
            key = rng.choice(missing)
            raw = str(rng.randint(1, 9)) if key == "supervisors" else rng.choice(STRINGS)
            expected = copy.deepcopy(data)
            expected[key] = tree.parse_value(raw, tree.field_schema(schemas, kind, (key,)))
            return SetField((key,), raw), expected
    if choice < 0.7:
        candidates = [p for p in nodes(data) if p[0] not in {"id", "kind"}]
        path = rng.choice(candidates)
        expected = copy.deepcopy(data)
        parent = get(expected, path[:-1])
        del parent[path[-1]]
        return UnsetField(path), expected
    if choice < 0.82 and kind == "society":
        submitted = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300)) if rng.random() < 0.5 else None
        result = rng.choice(["pass", "basic-pass", "fail", "submitted", "missing"])
        return Inspect(rng.randint(2015, 2026), result, submitted), None
    if choice < 0.9 and isinstance(data.get("term"), dict):
        start = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 400))
        return Extend(start, start - dt.timedelta(days=rng.randint(1, 90))), None
    elects = data.get("form") != "working-group"  # a 党的工作小组 is appointed: elect is refused (issue 20)
    if elects and isinstance(data.get("term"), dict) and isinstance(data["term"].get("number"), int):
        role = "secretary" if kind == "party-cell" else "chair"
        leaders = ((role, rng.choice(["王五", "赵六", "钱七"])),)
        started = data["term"].get("started")
        # a 换届 after the current one began: a second elect on the same day or earlier is refused (issue 20)
        first = dt.date(2026, 1, 1)
        with contextlib.suppress(ValueError):  # a started date edited into text earlier in the chain: no bound
            began = started if isinstance(started, dt.date) else dt.date.fromisoformat(str(started))
            first = max(first, began + dt.timedelta(days=1))
        return Elect(first + dt.timedelta(days=rng.randint(0, 300)), leaders, rng.choice([None, 4, 5])), None
    return SetField(("notes",), rng.choice(STRINGS)), None


def edited_spans(
    old: Loaded, new: Loaded, paths: list[Path_], old_lines: int, new_lines: int, removed: bool
) -> tuple[set[int], set[int]]:
    old_span: set[int] = set()
    new_span: set[int] = set()
    assert old.data is not None and new.data is not None
    for path in paths:
        # A node created with its parents: the first missing ancestor is the edited node.
        target = next((path[:i] for i in range(1, len(path) + 1) if not exists(old.data, path[:i])), path)
        # A list or mapping emptied by the edit turns into "key: []" / "key: {}": its key line changes too.
        parent = target[:-1]
        emptied = (
            parent
            and isinstance(get(old.data, parent), (list, dict))
            and exists(new.data, parent)
            and not get(new.data, parent)
        )
        if emptied:
            target = parent
        # The first key of a list item shares its line with the "- ", and the keys of a flow entry
        # share one line: removing such a key rewrites the line of the entry.
        first_in_item = (
            removed
            and len(target) >= 2
            and isinstance(target[-2], int)
            and (
                list(get(old.data, parent))[:1] == [target[-1]]
                or old.positions.of(parent)[0] == old.positions.of(target)[0]
            )
        )
        if first_in_item:
            target = parent
            emptied = True
        inserted = (
            parent
            and isinstance(target[-1], int)
            and exists(new.data, parent)
            and len(get(new.data, parent)) > len(get(old.data, parent))
        )
        if not inserted:  # an entry inserted into a list had no lines before
            old_span |= span(old, target, old_lines)
        if not removed or emptied:  # a removed node has no lines left (list indexes shift)
            new_span |= span(new, target, new_lines)
    return old_span, new_span


def outside(text: str, lines: set[int]) -> list[str]:
    return [line for number, line in enumerate(text.splitlines(keepends=True), 1) if number not in lines]


@pytest.mark.parametrize(
    ("seed", "count"),
    [pytest.param(20261123, 150, id="quick"), pytest.param(20261130, 1000, id="full", marks=pytest.mark.slow)],
)
def test_random_edits_touch_only_the_edited_nodes(seed: int, count: int) -> None:
    rng = random.Random(seed)
    edits = EDITS or count
    schemas = SchemaSet(None)
    files = sorted((REPO / "records").glob("*/*.yaml"))
    done = 0
    while done < edits:
        file: Path = rng.choice(files)
        kind = FOLDER_KINDS[file.parent.name]
        text = file.read_text(encoding="utf-8")
        loaded = load_text(text)
        for _ in range(CHAIN):
            doc = canonical.load_document(text)
            # the text going in is canonical: formatting its tree gives it back unchanged
            assert canonical.dump_document(doc, kind, schemas) == text, file.name
            assert loaded.data is not None
            operation, expected = random_edit(rng, loaded.data, kind, schemas)
            new_text, paths = apply_operation(doc, kind, schemas, operation)
            new = load_text(new_text)
            assert new.data is not None, (file.name, operation)
            if expected is not None:
                assert canonical.same_data(new.data, expected), (file.name, operation)
            old_span, new_span = edited_spans(
                loaded, new, paths, text.count("\n"), new_text.count("\n"), isinstance(operation, UnsetField)
            )
            assert outside(text, old_span) == outside(new_text, new_span), (file.name, operation)
            text, loaded = new_text, new
            done += 1
        assert canonical.format_text(text, kind, schemas) == text
