"""Shared fixtures: temporary registries and a CLI runner."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from kexie_cli.cli import cli

# Message catalogue mistakes raise under tests (a missing key or placeholder); production falls back.
os.environ["KEXIE_I18N_STRICT"] = "1"

# Hypothesis judges by the clock unless told not to: a 200 ms deadline per example and a "too slow" health
# check fail on a busy machine. No verdict may depend on machine speed (docs/testing.md, "Machine speed").
# A test's own suppress_health_check list replaces this one: name too_slow there as well.
settings.register_profile("kexie", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kexie")

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"
TODAY = dt.date(2026, 11, 23)

MINIMAL_SETTINGS = "registry: 测试市科学技术协会\n"


def copy_sample(tmp_path: Path, *, schemas: bool = False) -> Path:
    """The sample registry (records and kexie.yaml; its ``schemas/`` too when asked) copied to ``tmp_path/reg``."""
    root = tmp_path / "reg"
    shutil.copytree(REPO / "records", root / "records")
    shutil.copyfile(REPO / "kexie.yaml", root / "kexie.yaml")
    if schemas and (REPO / "schemas").is_dir():
        shutil.copytree(REPO / "schemas", root / "schemas")
    return root


def write_registry(root: Path, files: dict[str, str | bytes], settings: str = MINIMAL_SETTINGS) -> Path:
    """Write ``kexie.yaml`` and the given files (path -> text or bytes) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "kexie.yaml").write_text(settings, encoding="utf-8")
    for rel, body in files.items():
        if " -> " in rel:  # a symbolic link (rule examples: ``--- records/societies -> ../elsewhere``)
            name, _, target = rel.partition(" -> ")
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).symlink_to(target)
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_bytes(body.encode("utf-8").replace(b"<FF>", b"\xff").replace(b"<NUL>", b"\x00"))
    return root


@pytest.fixture
def registry(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str | bytes], settings: str = MINIMAL_SETTINGS) -> Path:
        return write_registry(tmp_path / "reg", files, settings)

    return make


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(args: list[str], root: Path | None = None, env: dict[str, str] | None = None) -> Run:
    runner = CliRunner()
    full = list(args)
    if root is not None:
        full += ["--root", str(root)]
    result = runner.invoke(cli, full, env={"KEXIE_LANG": "", **(env or {})}, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli_run() -> Callable[..., Run]:
    return run_cli
