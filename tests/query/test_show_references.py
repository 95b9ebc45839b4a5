"""``kexie show``'s references load the data of only the records whose bytes can name the shown one.

query/show.py ``_may_name``: a file that contains neither the id nor an escape that could spell it
cannot name it, so its data is not loaded (on a warm cache most records stay facts). An id spelt
through an escape or a line continuation is still found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kexie_cli.query import show as show_module
from kexie_cli.query.snapshot import checked_snapshot
from kexie_cli.registry.load import Registry
from kexie_cli.validate.cached_records import CachedRecord
from tests.conftest import AS_OF, TODAY, copy_sample, run_cli

ALLIANCE = "records/alliances/yixue-xuehui-lianheti.yaml"


def _references(root: Path, record_id: str) -> list[tuple[str, str]]:
    run = run_cli(["show", record_id, "--format", "json", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    data: dict[str, Any] = run.json()
    return [(r["relation"], r["id"]) for r in data["references"]]


@pytest.mark.parametrize(
    "spelling",
    ['"huli\\x2dxuehui"', '"huli\\u002dxuehui"', '"huli\\U0000002dxuehui"', '"huli-\\\n    xuehui"'],
    ids=["x", "u", "U", "line continuation"],
)
def test_a_member_spelt_through_an_escape_is_still_a_reference(tmp_path: Path, spelling: str) -> None:
    root = copy_sample(tmp_path)
    path = root / ALLIANCE
    text = path.read_text(encoding="utf-8")
    assert "  - huli-xuehui\n" in text
    path.write_text(text.replace("  - huli-xuehui\n", f"  - {spelling}\n"), encoding="utf-8")
    assert "huli-xuehui" not in path.read_text(encoding="utf-8")
    run_cli(["check", "--as-of", AS_OF], root)  # warm: the alliance comes from the cache, as facts
    assert ("members_of", "yixue-xuehui-lianheti") in _references(root, "huli-xuehui")


def test_only_records_whose_bytes_can_name_the_id_are_loaded(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    run_cli(["check", "--as-of", AS_OF], root)  # fill the cache: the next run's records are facts
    registry = Registry.open(root)
    snap = checked_snapshot(registry, TODAY, "zh")
    view = show_module.show(registry, snap.records, snap.qctx, "huli-xuehui", snap.checked)
    assert ("members_of", "yixue-xuehui-lianheti") in [(r["relation"], r["id"]) for r in view.references]
    cached = [r for r in snap.records if isinstance(r, CachedRecord)]
    assert len(cached) > 50, "the records came from the cache"
    made = {r.relpath for r in cached if r.made}
    can_name = {r.relpath for r in cached if show_module._may_name(r, "huli-xuehui")}
    assert made <= can_name | {"records/societies/huli-xuehui.yaml"}
    assert len(made) < len(cached) / 4


@pytest.mark.parametrize("record_id", ["a b", "it's", 'say"x', "back\\slash", ""])
def test_an_id_that_yaml_can_write_otherwise_is_always_looked_up(tmp_path: Path, record_id: str) -> None:
    root = copy_sample(tmp_path)
    run_cli(["check", "--as-of", AS_OF], root)
    snap = checked_snapshot(Registry.open(root), TODAY, "zh")
    assert all(show_module._may_name(r, record_id) for r in snap.records)
