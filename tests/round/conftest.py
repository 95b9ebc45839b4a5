"""A small registry for the 年报 round, and a person filling in a form with openpyxl."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO

ORGS = {  # active society, active society, revoked society (no form)
    "societies/binjiang-yixuehui.yaml",
    "societies/beiling-nongcun-zhuanye-jishu-xiehui.yaml",
    "societies/baoyushi-xuehui.yaml",
}


def small_registry(root: Path) -> Path:
    for rel in ORGS:
        (root / "records" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "records" / rel, root / "records" / rel)
    shutil.copyfile(REPO / "kexie.yaml", root / "kexie.yaml")
    return root


@pytest.fixture
def round_root(tmp_path: Path) -> Path:
    return small_registry(tmp_path / "reg")


def fill(source: Path, target: Path, cells: dict[tuple[str, str], Any]) -> Path:
    """Open a form as a person would (openpyxl), type into ``cells`` ((sheet, "B9") -> value), save as ``target``."""
    book = load_workbook(source)
    for (sheet, address), value in cells.items():
        book[sheet][address] = value
    book.save(target)
    return target


@pytest.fixture
def filler() -> Callable[..., Path]:
    return fill
