"""Stat trust with Git's racy guard (validate/statindex.py): unchanged files are not opened, edits are seen."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.registry import layout
from kexie_cli.registry import load as load_mod
from kexie_cli.validate import pipeline, statindex
from kexie_cli.validate.cache import CACHE_DIR, _secret, read_pack, write_pack
from tests.conftest import AS_OF, copy_sample, run_cli

EDITED = "records/societies/baoyushi-xuehui.yaml"
PAST_NS = 1_600_000_000 * statindex.SECOND_NS  # 2020-09-13: long before any index is written
FUTURE_NS = 4_102_444_800 * statindex.SECOND_NS  # 2100-01-01: after any index is written


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setenv("KEXIE_JOBS", "1")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path)
    for path in (root / "records").rglob("*.yaml"):  # written long ago: not racily clean
        os.utime(path, ns=(PAST_NS, PAST_NS))
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files a run opens (``read_record`` is where every record file is read)."""
    opened: list[str] = []
    real = load_mod.read_record

    def counted(file: Any, max_bytes: int) -> Any:
        opened.append(file.relpath)
        return real(file, max_bytes)

    monkeypatch.setattr(pipeline, "read_record", counted)
    return opened


def findings(root: Path, *extra: str) -> str:
    run = run_cli(["check", "--as-of", AS_OF, "--format", "json", *extra], root)
    assert run.exit_code in (0, 1), run.stderr
    return run.stdout


def same_size_edit(path: Path) -> None:
    """Change one value without changing the file's size (a founding date that comes after today: K1xx)."""
    text = path.read_text(encoding="utf-8")
    assert "founded: 1997-05-17" in text
    path.write_text(text.replace("founded: 1997-05-17", "founded: 2997-05-17", 1), encoding="utf-8")


def test_a_warm_check_opens_no_record_file(root: Path, reads: list[str]) -> None:
    first = findings(root)
    assert len(reads) > 100
    reads.clear()
    assert findings(root) == first
    assert reads == []  # every key from the stat index, the findings from the run memo


def test_no_cache_reads_every_file(root: Path, reads: list[str]) -> None:
    findings(root)
    reads.clear()
    findings(root, "--no-cache")
    assert len(reads) > 100


def test_an_edit_is_seen(root: Path, reads: list[str]) -> None:
    before = findings(root)
    same_size_edit(root / EDITED)
    reads.clear()
    after = findings(root)
    assert after != before
    assert reads[0] == EDITED  # read at once (its stat changed); the others when the records are built


def _coarse_clock(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """A file system whose time stamps cannot tell an edit within the same second: the edited file's stat
    data stays the one the index noted (as on FAT, HFS+, some network file systems)."""
    noted = next(f.stat for f in layout.record_files(root) if f.abspath == str(root / EDITED))
    real_file = layout._file

    def listed(path: str, rel: str, kind: str | None, regular: bool, link: str | None, stat: Any) -> Any:
        return real_file(path, rel, kind, regular, link, noted if path == str(root / EDITED) else stat)

    monkeypatch.setattr(layout, "_file", listed)  # the listing takes the stat data the scan trusts


def _index_written_at(root: Path, written_ns: int) -> None:
    path = root / CACHE_DIR / statindex.FILE
    secret = _secret()
    assert secret is not None
    content = read_pack(secret, path)
    assert content["entries"], "the first run wrote the index"
    content["written_ns"] = written_ns
    write_pack(secret, path, content)


def test_a_same_size_edit_within_the_same_second_is_still_seen(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The racy guard: the index was written in the second the file was last changed, so it is read again."""
    target = root / EDITED
    os.utime(target, ns=(PAST_NS, PAST_NS))
    before = findings(root)
    _index_written_at(root, PAST_NS + 300_000_000)  # the same second as the file's mtime
    _coarse_clock(monkeypatch, root)
    same_size_edit(target)
    os.utime(target, ns=(PAST_NS, PAST_NS))  # the edit left the stat data as it was
    after = findings(root)
    assert after != before


def test_without_the_racy_guard_the_same_edit_would_be_missed(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: an index written a second later trusts the unchanged stat data (why the guard is needed)."""
    target = root / EDITED
    before = findings(root)
    _index_written_at(root, PAST_NS + statindex.SECOND_NS)
    _coarse_clock(monkeypatch, root)
    same_size_edit(target)
    os.utime(target, ns=(PAST_NS, PAST_NS))
    assert findings(root) == before  # stale: exactly what the guard prevents when the times are that close


def test_racily_clean_files_are_read_until_a_later_index_notes_them(root: Path, reads: list[str]) -> None:
    target = root / EDITED
    findings(root)
    os.utime(target, ns=(FUTURE_NS, FUTURE_NS))  # not older than any index written now: racily clean
    findings(root)  # notes the new stat data, written before the file's mtime: racy
    reads.clear()
    findings(root)
    assert reads == [EDITED]
