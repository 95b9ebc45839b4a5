"""Atomic writes and the registry lock: a writer killed at any moment never leaves a torn record."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from pathlib import Path

import pytest

from kexie_cli.edit.atomic import LOCK_FILE, LockTimeout, registry_lock
from kexie_cli.edit.commands import edit_record, edit_text
from kexie_cli.edit.operations import SetField
from kexie_cli.outfile import replace_atomically
from kexie_cli.registry.load import Registry
from tests.conftest import REPO, TODAY, copy_sample

RECORD = "records/societies/yixuehui.yaml"
pytestmark = pytest.mark.signals  # a lock held by a thread, writers killed mid-write


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    replace_atomically(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_lock_excludes_a_second_holder(tmp_path: Path) -> None:
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with registry_lock(tmp_path):
            held.set()
            release.wait()  # until the test has seen the second holder refused, however long that takes

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait()
    try:
        with pytest.raises(LockTimeout), registry_lock(tmp_path, timeout=0):  # held: refused at once
            pass
    finally:
        release.set()
        thread.join()
    with registry_lock(tmp_path, timeout=0):  # free again: taken at once
        assert (tmp_path / LOCK_FILE).exists()


def _writer(root: Path, texts: list[str], done_fd: int) -> None:
    """Child process: edit the record back and forth forever, one byte on ``done_fd`` after each edit."""
    registry = Registry.open(root)
    i = 0
    while True:
        edit_record(registry, "yixuehui", SetField(("notes",), texts[i % 2]), today=TODAY, validate=False)
        os.write(done_fd, b"x")
        i += 1


KILLS = 30


def test_sigkill_mid_write_leaves_old_or_new_record(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    path = root / RECORD
    original = path.read_text(encoding="utf-8")
    registry = Registry.open(root)
    notes = ["甲" * 3000, "乙" * 5000]
    versions = {original}
    for note in notes:
        versions.add(edit_text(original, "society", registry.schemas, SetField(("notes",), note))[0])
    rng = random.Random(7)
    for _ in range(KILLS):  # a count of kills, not a time budget: a busy machine only makes it take longer
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                os.close(read_fd)
                _writer(root, notes, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        assert os.read(read_fd, 1) == b"x"  # ready: one edit finished, the kill lands in a later one
        time.sleep(rng.uniform(0, 0.01))  # clock-ok: spreads where the kill lands in the next edit
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_fd)
        assert path.read_text(encoding="utf-8") in versions
        visible = [p for p in path.parent.iterdir() if not p.name.startswith(".")]
        assert len(visible) == len(list((REPO / "records/societies").iterdir()))
    # the kernel released the dead writer's lock
    with registry_lock(root, timeout=0):
        pass
    # leftover temp files are hidden from the loader
    assert all(f.path.name.endswith(".yaml") for f in Registry.open(root).files())
