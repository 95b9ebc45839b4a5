"""Every command loads records through the one door (``kexie_cli/validate/door.py``).

Each command runs in-process on a fresh copy of the sample registry under Git (a cold cache,
so every record file is parsed) while the entry points of the record loaders note who calls
them. Every call must come from the door, the pipeline under it, or the loaders themselves
(``registry/settings.py`` reads ``kexie.yaml``, which is settings, not a record); and every
command that reads records must open the door.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import kexie_cli
from kexie_cli.records import fastload, loader
from kexie_cli.registry import load
from kexie_cli.validate import door
from tests.conftest import AS_OF, copy_sample, run_cli

SOCIETY = "baoyushi-xuehui"

#: (module, function) of every way to turn record bytes into data
ENTRY_POINTS = [(fastload, "load_any"), (fastload, "load"), (loader, "load_bytes"), (loader, "load_text")]

#: who may call them: the door, the pipeline it drives, the loaders (fast → strict fallback), and the settings
ALLOWED = {"kexie_cli.validate.door", "kexie_cli.validate.pipeline", "kexie_cli.registry.settings"}

#: round-trip editing of one file (not loading records): the edit commands make sure the strict loader
#: accepts the text they are about to write (edit/canonical.py, edit/commands.py); the registry they
#: check the edit against comes through the door (``check_change``)
EDITING = {("kexie_cli.edit.canonical", "load_text"), ("kexie_cli.edit.commands", "load_text")}

COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "check": lambda _: ["check", "--as-of", AS_OF],
    "show": lambda _: ["show", SOCIETY, "--as-of", AS_OF],
    "list": lambda _: ["list", "societies", "--as-of", AS_OF],
    "list --at": lambda _: ["list", "societies", "--at", "HEAD~1", "--as-of", AS_OF],
    "find": lambda _: ["find", "学会"],
    "sql": lambda _: ["sql", "select count(*) as n from societies", "--as-of", AS_OF],
    "summary": lambda _: ["summary", "--as-of", AS_OF],
    "party": lambda _: ["party", "--as-of", AS_OF],
    "due-elections": lambda _: ["due-elections", "--as-of", AS_OF],
    "inspections": lambda _: ["inspections", "--as-of", AS_OF],
    "report": lambda tmp: ["report", "--format", "md", "-o", str(tmp / "report.md"), "--as-of", AS_OF],
    "export": lambda tmp: ["export", "--format", "json", "-o", str(tmp / "export.json"), "--as-of", AS_OF],
    "letters": lambda tmp: ["letters", "elections", "-o", str(tmp / "letters"), "--as-of", AS_OF, "-q"],
    "set": lambda _: ["set", SOCIETY, "phone", "010-12345678", "--dry-run", "--as-of", AS_OF],
    "annual status": lambda _: ["annual", "status", "--year", "2025", "--as-of", AS_OF],
    "annual forms": lambda tmp: ["annual", "forms", "--year", "2025", "-o", str(tmp / "forms"), "--as-of", AS_OF],
    "letters annual": lambda tmp: ["letters", "annual", "-o", str(tmp / "annual"), "--as-of", AS_OF, "-q"],
    "diff": lambda _: ["diff", "HEAD~1"],
    "log": lambda _: ["log", SOCIETY],
}

#: commands that read records of history one by one (the door's record_data) instead of a whole registry
ONE_BY_ONE = {"diff", "log"}


def _git(root: Path, *args: str) -> None:
    base = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*base, *args], cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("door"))
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")
    record = root / "records" / "societies" / f"{SOCIETY}.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "change")
    return root


class Counting:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.callers: Counter[str] = Counter()
        self.doors = 0
        for module, name in ENTRY_POINTS:
            original = getattr(module, name)
            wrapped = self._wrap(name, original)
            for held in list(sys.modules.values()):  # every module holding the function (from-imports)
                if getattr(held, "__name__", "").startswith("kexie_cli") and getattr(held, name, None) is original:
                    monkeypatch.setattr(held, name, wrapped)
        opened = door.Door.__init__
        read_one = door.record_data

        def counted_open(*args: Any, **kwargs: Any) -> None:
            self.doors += 1
            opened(*args, **kwargs)

        def counted_one(*args: Any, **kwargs: Any) -> Any:
            self.doors += 1
            return read_one(*args, **kwargs)

        monkeypatch.setattr(door.Door, "__init__", counted_open)
        monkeypatch.setattr(door, "record_data", counted_one)
        for held in list(sys.modules.values()):
            if getattr(held, "__name__", "").startswith("kexie_cli") and getattr(held, "record_data", None) is read_one:
                monkeypatch.setattr(held, "record_data", counted_one)

    def _wrap(self, name: str, inner: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__", "?")
            self.callers[caller] += 1
            if (caller, name) in EDITING:
                self.callers[caller] -= 1
            return inner(*args, **kwargs)

        return counted


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counting]:
    monkeypatch.setenv("KEXIE_JOBS", "1")  # loaders run in this process, where they are counted
    for found in pkgutil.walk_packages(kexie_cli.__path__, "kexie_cli."):  # so that every from-import is counted
        if found.name != "kexie_cli.__main__":
            importlib.import_module(found.name)
    yield Counting(monkeypatch)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_loads_records_through_the_door(
    name: str, registry: Path, counting: Counting, tmp_path: Path
) -> None:
    cache = registry / ".kexie"
    if cache.exists():  # a cold cache: every record file is parsed in this run
        subprocess.run(["rm", "-rf", str(cache)], check=True)
    run = run_cli(COMMANDS[name](tmp_path), registry, env={"KEXIE_PURE": ""})
    assert run.exit_code in (0, 1), run.stderr
    outside = {
        c: n for c, n in counting.callers.items() if n and c not in ALLOWED and not c.startswith("kexie_cli.records.")
    }
    assert not outside, f"{name}: record loaders called from outside the door: {outside}"
    assert counting.doors >= 1, f"{name} read no record through the door"
    if name not in ONE_BY_ONE:
        assert counting.callers["kexie_cli.validate.pipeline"] > 0, f"{name}: the door parsed nothing (cache not cold?)"


def test_the_old_entry_points_are_gone() -> None:
    assert not hasattr(load.Registry, "load")
    assert not hasattr(load, "load_record")


def test_a_second_query_takes_every_record_from_the_cache(registry: Path, counting: Counting) -> None:
    """Parsed data is kept per content hash: a query after a query (or after a check) parses no file."""
    subprocess.run(["rm", "-rf", str(registry / ".kexie")], check=True)
    args = ["list", "societies", "--as-of", AS_OF, "--format", "json"]
    first = run_cli(args, registry)
    assert counting.callers["kexie_cli.validate.pipeline"] > 0
    counting.callers.clear()
    second = run_cli(args, registry)
    assert second.stdout == first.stdout
    assert not _record_loads(counting), counting.callers  # no record parsed: data, not only facts, came from the cache


def test_a_query_after_a_check_keeps_the_data_it_had_to_parse(registry: Path, counting: Counting) -> None:
    subprocess.run(["rm", "-rf", str(registry / ".kexie")], check=True)
    run_cli(["check", "--as-of", AS_OF], registry)  # the check's cache holds facts, not data
    run_cli(["summary", "--as-of", AS_OF, "--format", "json"], registry)
    counting.callers.clear()
    run_cli(["party", "--as-of", AS_OF, "--format", "json"], registry)
    assert not _record_loads(counting), counting.callers


def _record_loads(counting: Counting) -> dict[str, int]:
    """Loader calls for records (kexie.yaml is read by the settings each run, through the fast loader)."""
    return {c: n for c, n in counting.callers.items() if n and c.startswith("kexie_cli.validate.")}
