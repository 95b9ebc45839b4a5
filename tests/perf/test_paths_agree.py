"""Issue 10 item 3 and the deep-nesting item: the fast and the pure path give the same findings.

Each case is a whole ``kexie check`` run, once on the fast path and once
with ``KEXIE_PURE=1``; both must report the same findings, and the finding
each case is about must be there (or, for a spurious one, absent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kexie_cli.records import fastload
from kexie_cli.registry.load import Registry
from kexie_cli.registry.prevalidate import _is_date, _python_formats
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.rules import all_rules
from kexie_cli.validate import cache as cache_mod
from kexie_cli.validate.options import CheckOptions
from tests.conftest import AS_OF, TODAY, run_cli, write_registry
from tests.perf.test_cache import FILE, SOCIETY

pytestmark = pytest.mark.skipif(not fastload.available(), reason="yaml-rs not installed")


@pytest.fixture(autouse=True)
def _own_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def both_paths(root: Path) -> list[dict[str, Any]]:
    """The findings of ``check`` on the fast and on the pure path, which must be equal."""
    out: list[list[dict[str, Any]]] = []
    for env in ({}, {"KEXIE_PURE": "1"}):
        result = run_cli(["check", "--as-of", AS_OF, "--format", "json", "--no-cache"], root, env=env)
        assert result.exit_code in (0, 1), result.stderr
        out.append(result.json())
    fast, pure = out
    assert fast == pure
    return fast


def codes(found: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in found]


def deep_block(levels: int) -> str:
    lines = ["extra:"]
    for i in range(levels):
        lines.append(" " * (i + 1) + f"k{i}:")
    lines.append(" " * (levels + 1) + "v: 1")
    return "\n".join(lines) + "\n"


def test_block_mappings_nested_400_deep_are_a_k002_for_that_file(tmp_path: Path) -> None:
    other = "records/societies/other.yaml"
    root = write_registry(
        tmp_path / "reg",
        {FILE: SOCIETY + deep_block(400), other: SOCIETY.replace("demo-society", "other")},
    )
    found = both_paths(root)
    k002 = [f for f in found if f["code"] == "K002"]
    assert len(k002) == 1 and k002[0]["file"] == FILE
    assert k002[0]["line"] == SOCIETY.count("\n") + 65, "at the first mapping beyond 64 levels"
    assert "64" in k002[0]["message"]
    assert not [f for f in found if f["file"] == other and f["code"].startswith("K0")], "the next file is checked"


def test_nesting_up_to_the_limit_loads(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {FILE: SOCIETY + deep_block(60)})
    assert "K002" not in [c for c, _ in codes(both_paths(root))]


def test_year_zero_is_k104_on_both_paths(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {FILE: SOCIETY.replace("founded: 2000-01-01", "founded: 0000-01-01")})
    assert ("K104", 5) in codes(both_paths(root))


def test_an_integer_of_4301_digits_is_the_same_finding_on_both_paths(tmp_path: Path) -> None:
    body = SOCIETY + "members: {individual: " + "9" * 4301 + "}\n"
    root = write_registry(tmp_path / "reg", {FILE: body})
    found = both_paths(root)
    assert [c for c, line in codes(found) if line == body.count("\n")] == ["K102"]


def test_two_boms_give_no_spurious_unknown_field(tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    body = bom + bom + b"# yaml-language-server: $schema=x\n" + SOCIETY.encode("utf-8")
    root = write_registry(tmp_path / "reg", {FILE: body})
    assert "K105" not in [c for c, _ in codes(both_paths(root))]


def test_cache_key_includes_the_path_that_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_registry(tmp_path / "reg", {FILE: SOCIETY})
    registry = Registry.open(root)
    options = CheckOptions(today=TODAY)
    fast = cache_mod.fingerprint(registry, options, all_rules())
    monkeypatch.setenv("KEXIE_PURE", "1")
    assert cache_mod.fingerprint(registry, options, all_rules()) != fast
    # a cache filled by the pure path never answers for the fast one, and the other way round
    row = ("K105", "error", FILE, 1, 1, "demo-society", "POISON", "")
    store = cache_mod.Cache.open(registry, options, all_rules())
    store.put(store.key(FILE, (root / FILE).read_bytes()), ({"id": "demo-society"}, [], [row], []))
    store.save()
    monkeypatch.delenv("KEXIE_PURE")
    result = run_cli(["check", "--as-of", AS_OF, "--format", "json"], root)
    assert "POISON" not in result.stdout


@pytest.mark.parametrize(
    "value", ["0000-01-01", "2020-02-29", "2021-02-29", "2020-1-01", "２０２０-01-01", "2020-01-01\n", "20200101", 5]
)
def test_fast_date_format_is_the_python_one(value: object) -> None:

    assert _is_date(value) == Draft202012Validator.FORMAT_CHECKER.conforms(value, "date")


@pytest.mark.parametrize("value", ["http://x", "not a uri", "http://例子.中国/a?b=1&c=%zz", "http://[::1", "a:b"])
def test_fast_validator_formats_are_the_python_ones(value: str) -> None:
    """Whatever extras are installed (with rfc3987 Python checks ``uri``, without it it does not)."""

    formats = _python_formats(SchemaSet(None))
    assert set(formats) >= {"date", "uri"}
    for name, check in formats.items():
        assert check(value) == Draft202012Validator.FORMAT_CHECKER.conforms(value, name), name
