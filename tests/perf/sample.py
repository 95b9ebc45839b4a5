"""A copy of the sample registry with its own cache key, for the cache tests of this folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO


def copy_sample(tmp_path: Path) -> Path:
    """The sample registry (records, settings, schemas) copied under ``tmp_path/reg``."""
    root = tmp_path / "reg"
    shutil.copytree(REPO / "records", root / "records")
    shutil.copy(REPO / "kexie.yaml", root / "kexie.yaml")
    if (REPO / "schemas").is_dir():
        shutil.copytree(REPO / "schemas", root / "schemas")
    return root
