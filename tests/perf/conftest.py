"""Fixtures of the cache and bulk-path tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A signing key of this test's own (a pack of another test cannot answer) and one process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setenv("KEXIE_JOBS", "1")
