"""Cross-record findings reused from the cache after single-file edits equal a ``--no-cache`` run.

Each step makes one edit to one file of a copy of the sample registry (an id
taken from another record, a copied or deleted file, a parent that closes a
cycle or names nothing, a borrowed 统一社会信用代码 or name, changed
``covers`` or a dissolved party cell, a restored original), then checks with
the warm cache and without it: the findings must be the same.
"""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kexie_cli import kinds
from kexie_cli.registry.load import Registry
from kexie_cli.rules import RULES, all_rules
from kexie_cli.rules.base import Hit
from kexie_cli.validate.engine import check
from kexie_cli.validate.options import CheckOptions
from tests.conftest import TODAY, copy_sample

pytestmark = pytest.mark.usefixtures("own_cache_key")


def _findings(root: Path, cache: bool) -> list[dict[str, object]]:
    result = check(Registry.open(root), CheckOptions(today=TODAY, cache=cache))
    return [f.as_dict() for f in result.findings]


def _files(root: Path) -> list[Path]:
    return sorted((root / "records").glob("*/*.yaml"))


def _set_line(text: str, key: str, value: str) -> str:
    """Set a top-level ``key: value`` line (added after ``kind:`` or at the end when missing)."""
    line = f"{key}: {value}"
    if re.search(rf"^{key}:.*$", text, flags=re.M):
        return re.sub(rf"^{key}:.*$", line, text, count=1, flags=re.M)
    if re.search(r"^kind:.*$", text, flags=re.M):
        return re.sub(r"^(kind:.*)$", rf"\1\n{line}", text, count=1, flags=re.M)
    return text + line + "\n"


def _value(text: str, pattern: str) -> str | None:
    found = re.search(pattern, text, flags=re.M)
    return found.group(1).strip() if found else None


Edit = Callable[[Path, random.Random, dict[Path, str]], None]


def _borrow_id(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    a, b = rng.sample(_files(root), 2)
    a.write_text(_set_line(a.read_text(encoding="utf-8"), "id", b.stem), encoding="utf-8")


def _copy_file(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    a = rng.choice(_files(root))
    shutil.copy(a, a.with_name(f"{a.stem}-{rng.randrange(1000)}.yaml"))


def _delete(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    rng.choice(_files(root)).unlink()


def _parent(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    """Point the ``parent`` of a record whose kind has one (K202 unknown, K203/K204) somewhere else."""
    files = _files(root)
    with_parent = [f for f in files if "parent" in kinds.REFERENCES.get(kinds.FOLDER_KINDS.get(f.parent.name, ""), {})]
    a = rng.choice(with_parent)
    b = rng.choice([f for f in files if f != a])
    target = b.stem if rng.random() < 0.8 else "no-such-record"
    a.write_text(_set_line(a.read_text(encoding="utf-8"), "parent", target), encoding="utf-8")


def _cycle(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    """Give a record's parent that record as its parent (K204)."""
    children = [f for f in _files(root) if _value(f.read_text(encoding="utf-8"), r"^parent:(.*)$")]
    if not children:
        return
    child = rng.choice(children)
    parent_id = _value(child.read_text(encoding="utf-8"), r"^parent:(.*)$")
    parents = [f for f in _files(root) if f.stem == parent_id]
    if parents:
        parents[0].write_text(_set_line(parents[0].read_text(encoding="utf-8"), "parent", child.stem), "utf-8")


def _borrow(pattern: str, replace: Callable[[str, str], str]) -> Edit:
    def edit(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
        files = _files(root)
        donors = [v for v in (_value(f.read_text(encoding="utf-8"), pattern) for f in files) if v]
        a = rng.choice(files)
        if donors:
            a.write_text(replace(a.read_text(encoding="utf-8"), rng.choice(donors)), encoding="utf-8")

    return edit


def _uscc(text: str, value: str) -> str:
    if re.search(r"^  uscc:.*$", text, flags=re.M):
        return re.sub(r"^  uscc:.*$", f"  uscc: {value}", text, count=1, flags=re.M)
    return text


def _covers(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    cells = sorted((root / "records" / "party-cells").glob("*.yaml"))
    if not cells:
        return
    cell = rng.choice(cells)
    targets = rng.sample([f.stem for f in _files(root)], rng.randrange(0, 4))
    block = "covers:\n" + "".join(f"  - {t}\n" for t in targets) if targets else "covers: []\n"
    text = cell.read_text(encoding="utf-8")
    text = re.sub(r"^covers:.*\n(?:  - .*\n)*", block, text, count=1, flags=re.M)
    cell.write_text(text, encoding="utf-8")


def _status(root: Path, rng: random.Random, _: dict[Path, str]) -> None:
    a = rng.choice(_files(root))
    value = rng.choice(["active", "dissolved", "revoked"])
    a.write_text(_set_line(a.read_text(encoding="utf-8"), "status", value), encoding="utf-8")


def _restore(root: Path, rng: random.Random, originals: dict[Path, str]) -> None:
    changed = [p for p, t in originals.items() if not p.exists() or p.read_text(encoding="utf-8") != t]
    if changed:
        path = rng.choice(changed)
        path.write_text(originals[path], encoding="utf-8")


EDITS: dict[str, Edit] = {
    "K201 borrowed id": _borrow_id,
    "K201/K206/K207 copied file": _copy_file,
    "K202/K501 deleted file": _delete,
    "K202/K203/K204 parent": _parent,
    "K204 cycle": _cycle,
    "K206 borrowed uscc": _borrow(r"^  uscc:(.*)$", _uscc),
    "K207 borrowed name": _borrow(r"^name:(.*)$", lambda t, v: _set_line(t, "name", v)),
    "K501/K503/K507 covers": _covers,
    "K501 status": _status,
    "restore": _restore,
}


@pytest.mark.parametrize("name", list(EDITS))
def test_each_kind_of_edit(name: str, tmp_path: Path) -> None:
    root = copy_sample(tmp_path, schemas=True)
    originals = {p: p.read_text(encoding="utf-8") for p in _files(root)}
    assert _findings(root, cache=True) == _findings(root, cache=False)
    rng = random.Random(name)
    before = {str(f["code"]) for f in _findings(root, cache=False)}
    seen: set[str] = set()
    for _ in range(3):
        EDITS[name](root, rng, originals)
        warm = _findings(root, cache=True)
        assert warm == _findings(root, cache=False), name
        seen |= {str(f["code"]) for f in warm}
    wanted = set(re.findall(r"K\d{3}", name))
    assert not wanted or wanted & (seen - before) or wanted & (before - seen) or wanted & seen, (name, seen)
    _restore(root, rng, originals)
    assert _findings(root, cache=True) == _findings(root, cache=False), name


@pytest.mark.parametrize(("seed", "pure"), [(0, ""), (1, ""), (2, ""), pytest.param(3, "1", marks=pytest.mark.slow)])
def test_random_single_file_edits(seed: int, pure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEXIE_PURE", pure)
    root = copy_sample(tmp_path, schemas=True)
    originals = {p: p.read_text(encoding="utf-8") for p in _files(root)}
    rng = random.Random(seed)
    _findings(root, cache=True)
    seen: set[str] = set()
    for step in range(12):
        name = rng.choice(list(EDITS))
        EDITS[name](root, rng, originals)
        warm = _findings(root, cache=True)
        assert warm == _findings(root, cache=False), (seed, step, name)
        seen |= {str(f["code"]) for f in warm}
    assert {"K201", "K202"} & seen


def test_overrides_reuse_only_what_still_holds(tmp_path: Path) -> None:
    """The edit commands' second run (``overrides``) gives the findings of an uncached run with the same text."""
    root = copy_sample(tmp_path, schemas=True)
    _findings(root, cache=True)
    files = _files(root)
    rng = random.Random(5)
    for _ in range(6):
        a, b = rng.sample(files, 2)
        text = _set_line(a.read_text(encoding="utf-8"), rng.choice(["id", "parent", "name"]), b.stem)
        overrides = {a.relative_to(root).as_posix(): text}
        registry = Registry.open(root)
        warm = check(registry, CheckOptions(today=TODAY), overrides=overrides)
        cold = check(Registry.open(root), CheckOptions(today=TODAY, cache=False), overrides=overrides)
        assert [f.as_dict() for f in warm.findings] == [f.as_dict() for f in cold.findings]


def test_cross_record_rules_rerun_only_where_facts_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit of one record's own numbers, the deferred rules of the others are not run again."""
    root = copy_sample(tmp_path, schemas=True)
    _findings(root, cache=True)
    calls: list[str] = []
    rules = all_rules()
    deferred = [c for c, r in rules.items() if r.scope == "record" and r.check is not None]
    for code in deferred:
        inner = RULES[code].check
        assert inner is not None

        def counted(record: object, ctx: object, _inner: Callable[..., Iterable[Hit]] = inner) -> Iterable[Hit]:
            calls.append(getattr(record, "id", ""))
            return _inner(record, ctx)

        monkeypatch.setitem(RULES, code, dataclasses.replace(RULES[code], check=counted))
    society = sorted((root / "records" / "societies").glob("*.yaml"))[0]
    text = society.read_text(encoding="utf-8")
    society.write_text(text + "# edited\n", encoding="utf-8")
    assert _findings(root, cache=True) == _findings(root, cache=False)
    calls.clear()
    society.write_text(text + "# edited again\n", encoding="utf-8")
    _findings(root, cache=True)
    others = {c for c in calls if c != society.stem}
    # only the records that name it may ask again: the cells covering it, its 分支机构, its years' records
    naming = {
        p.stem
        for p in (root / "records").rglob("*.yaml")
        if p != society and re.search(rf"(?<![\w-]){re.escape(society.stem)}(?![\w-])", p.read_text(encoding="utf-8"))
    }
    assert others <= naming, others - naming
    assert len(naming) <= 8, naming  # the sample's first society is named by a handful of records
