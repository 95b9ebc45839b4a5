"""Pinyin of names is remembered between runs in the registry's cache (query/pinyin_cache.py)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pypinyin
import pytest

from kexie_cli.query import names, pinyin_cache, simplified
from tests.conftest import AS_OF, copy_sample, run_cli

COMMANDS = [
    ["list", "societies", "--as-of", AS_OF, "--format", "plain"],
    ["list", "leaders", "--sort", "name", "--order", "strokes", "--as-of", AS_OF, "--format", "plain"],
    ["find", "学会", "--format", "plain"],
    ["find", "slxh", "--format", "plain"],  # initials: pinyin of every name searched
]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts pypinyin is asked to read, in a process that remembers nothing yet."""
    calls: list[str] = []
    real = pypinyin.lazy_pinyin

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pypinyin, "lazy_pinyin", counting)
    _forget()
    yield calls
    _forget()


def _forget() -> None:
    """What this process knows of pinyin (as a new process would start)."""
    names.syllables.cache_clear()
    names._REMEMBERED.clear()
    names._MADE.clear()
    simplified.normalize.cache_clear()
    simplified._REMEMBERED.clear()
    simplified._MADE.clear()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_second_run_reads_no_name_with_pypinyin_and_shows_the_same(
    tmp_path: Path, asked: list[str], args: list[str]
) -> None:
    root = copy_sample(tmp_path)
    first = run_cli(args, root)
    assert first.exit_code == 0, first.stderr
    assert asked  # the first run read the names
    assert list((root / ".kexie" / "cache").glob("pinyin-*.bin"))
    asked.clear()
    _forget()
    second = run_cli(args, root)
    assert second.exit_code == 0, second.stderr
    assert asked == []
    assert second.stdout == first.stdout


def test_a_pack_that_does_not_check_out_is_ignored(tmp_path: Path, asked: list[str]) -> None:
    root = copy_sample(tmp_path)
    args = COMMANDS[0]
    first = run_cli(args, root)
    (pack,) = (root / ".kexie" / "cache").glob("pinyin-*.bin")
    forged = bytearray(pack.read_bytes())
    forged[-1] ^= 1  # the signature no longer matches
    pack.write_bytes(bytes(forged))
    asked.clear()
    _forget()
    second = run_cli(args, root)
    assert asked  # read again with pypinyin
    assert second.stdout == first.stdout


def test_no_cache_folder_is_made_for_a_run_without_names_to_sort(tmp_path: Path, asked: list[str]) -> None:
    root = copy_sample(tmp_path)
    run = run_cli(["list", "societies", "--where", "name=没有这个学会", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    assert not list((root / ".kexie" / "cache").glob("pinyin-*.bin"))


@pytest.mark.parametrize("query", ["学会", "濟寧", "slxh"])
def test_a_second_find_asks_opencc_for_nothing_and_shows_the_same(
    tmp_path: Path, asked: list[str], monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """find's simplified forms (query/simplified.py) are kept with the pinyin."""
    converted: list[str] = []
    real = simplified._converter()

    class Counting:
        def convert(self, text: str) -> str:
            converted.append(text)
            return str(real.convert(text))

    monkeypatch.setattr(simplified, "_converter", Counting)
    root = copy_sample(tmp_path)
    args = ["find", query, "--format", "plain"]
    first = run_cli(args, root)
    assert first.exit_code == 0, first.stderr
    assert converted
    converted.clear()
    _forget()
    second = run_cli(args, root)
    assert converted == []
    assert second.stdout == first.stdout


@pytest.mark.parametrize(("module", "dist"), [("pypinyin", "pypinyin"), ("opencc", "opencc-python-reimplemented")])
def test_the_fingerprint_names_the_installed_versions(module: str, dist: str) -> None:
    """Read from the dist-info folder's name (importlib.metadata is not imported by a warm list)."""
    assert pinyin_cache._version(module, dist) == metadata.version(dist)
