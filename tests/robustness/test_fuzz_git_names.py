"""Hypothesis fuzz target: committed file names with newlines, tabs and bytes that are not UTF-8 (issue 28).

Every committed record file is read at ``--at`` exactly once, names always come out as valid text,
and no name makes another Git object look like a record. ``make fuzz`` runs it with a share of
``KEXIE_FUZZ_EXAMPLES`` (each example is a ``git init`` and a commit, so the share is small).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_cli.registry import gitio
from kexie_cli.registry.load import Registry
from kexie_cli.validate.door import load_registry
from tests.robustness.test_fuzz_targets import TOTAL
from tests.security.hostile import society

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

SPECIAL = [b"a\nb", b"x\xff", b"\xc3\x28", b"a\nHEAD:secret", b"\t", b" x ", b"\xe6\xb5\x8b\xe8\xaf\x95", b"a\rb"]
parts = st.one_of(
    st.sampled_from(SPECIAL),
    st.binary(min_size=1, max_size=10).filter(lambda b: b"/" not in b and b"\0" not in b),
)
names = st.lists(parts, min_size=1, max_size=4, unique=True).map(lambda ps: [p + b".yaml" for p in ps])


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@settings(
    max_examples=int(TOTAL * 0.01) or 8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(names)
def test_git_names(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="kexie-fuzz-git-") as tmp:
        root = Path(tmp)
        (root / "kexie.yaml").write_text("registry: 测试\n", encoding="utf-8")
        (root / "secret").write_text(society("injected-xuehui", "注入学会"), encoding="utf-8")
        folder = os.fsencode(root / "records" / "societies")
        os.makedirs(folder)  # noqa: PTH103 - the byte path of the names below
        for n, name in enumerate(files):
            with open(os.path.join(folder, name), "wb") as out:  # noqa: PTH118, PTH123 - byte names
                out.write(society(f"jia{n}-xuehui", f"甲{n}学会").encode("utf-8"))
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "one")
        registry = Registry.open(root, root)
        records = load_registry(registry, dt.date(2026, 11, 23), "zh", "HEAD").records
        visible = [name for name in files if not name.startswith(b".")]
        assert len(records) == len(visible)  # none lost, none doubled
        assert sorted(r.id for r in records if r.loaded) == sorted(f"jia{files.index(n)}-xuehui" for n in visible)
        for record in records:
            record.relpath.encode("utf-8")  # valid text (JSON, tables, the cache)
        snapshot = gitio.rev_snapshot(root, "HEAD")
        assert len(snapshot) == len(files)
        assert all(b"injected" not in (raw or b"") for raw in snapshot.values())
