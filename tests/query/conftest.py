"""Raw YAML of the sample registry, read independently of kexie's loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kexie_cli import kinds
from tests.conftest import REPO, Run


def raw_records(root: Path = REPO) -> dict[str, list[dict[str, Any]]]:
    yaml = YAML(typ="safe", pure=True)
    out: dict[str, list[dict[str, Any]]] = {}
    for folder in kinds.FOLDERS.values():
        out[folder] = [
            yaml.load(p.read_text(encoding="utf-8")) for p in sorted((root / "records" / folder).glob("*.yaml"))
        ]
    return out


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return None


@pytest.fixture(scope="session")
def sample() -> dict[str, list[dict[str, Any]]]:
    return raw_records()


def json_rows(run: Run) -> list[dict[str, Any]]:
    """The JSON array a command printed."""
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert isinstance(data, list)
    return data
