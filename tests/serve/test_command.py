"""``kexie serve`` as a command: what it refuses before listening, and what the wheel ships."""

from __future__ import annotations

import configparser
import datetime as dt
import fnmatch
from pathlib import Path

from kexie_cli.edit.commands import edit_record
from kexie_cli.edit.operations import SetField
from kexie_cli.registry.load import Registry
from kexie_cli.serve.records import StaleForm
from tests.conftest import REPO, copy_sample, run_cli
from tests.serve.conftest import SOCIETY


def test_other_host_requires_a_token(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    run = run_cli(["serve", "--host", "0.0.0.0", "--port", "0"], root)
    assert run.exit_code == 2
    assert "--token" in run.stderr and "0.0.0.0" in run.stderr
    short = run_cli(["serve", "--host", "0.0.0.0", "--token", "short"], root)
    assert short.exit_code == 2 and "12" in short.stderr


def test_templates_and_assets_are_in_the_wheel() -> None:
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    patterns = [p.strip() for p in config["options.package_data"]["kexie_cli"].splitlines() if p.strip()]
    package = REPO / "kexie_cli"
    shipped = [
        path.relative_to(package).as_posix()
        for folder in ("serve/templates", "serve/static")
        for path in (package / folder).iterdir()
    ]
    assert shipped
    assert [f for f in shipped if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []


def test_the_edit_guard_refuses_before_writing(tmp_path: Path) -> None:
    """``edit_record(guard=...)`` sees the text under the lock; raising leaves the file as it was."""
    root = copy_sample(tmp_path)
    path = root / "records" / "societies" / f"{SOCIETY}.yaml"
    before = path.read_bytes()
    seen: list[str] = []

    def guard(text: str) -> None:
        seen.append(text)
        raise StaleForm(SOCIETY)

    registry = Registry.open(root, root)
    try:
        edit_record(registry, SOCIETY, SetField(("short_name",), "水利学会"), today=dt.date(2026, 11, 23), guard=guard)
    except StaleForm:
        pass
    else:
        raise AssertionError("the guard's refusal did not stop the edit")
    assert seen == [before.decode("utf-8")]
    assert path.read_bytes() == before
