"""Random bytes and random YAML: no exception escapes the loader or `kexie check`."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_cli.records.loader import load_bytes
from kexie_cli.registry.load import Registry
from kexie_cli.validate.engine import check
from kexie_cli.validate.options import CheckOptions
from tests.conftest import write_registry

yaml_alphabet = st.sampled_from(
    [*list(string.ascii_letters + string.digits + " :-[]{}&*!|>'\"#,?\n\t\r%@`<=~."), "名", "\ufeff", "\x00", "\x85"]
)
scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.sampled_from(["no", "on", "010", "0x1F", "2010-13-01", ".inf", "~", "<<", "&a", "*a", "!!str"]),
)
keys = st.sampled_from(
    ["id", "kind", "name", "status", "founded", "term", "leaders", "covers", "parent", "inspections", "level", "x"]
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=20,
)


def dump(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        out = ""
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out += f"{pad}{key}:\n{dump(item, indent + 2)}"
            else:
                out += f"{pad}{key}: {dump(item).strip()}\n"
        return out
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        return "".join(f"{pad}- {dump(item, indent + 2).strip()}\n" for item in value)
    return pad + ("" if value is None else str(value)) + "\n"


@given(st.binary(max_size=400))
def test_loader_survives_random_bytes(raw: bytes) -> None:
    loaded = load_bytes(raw)
    assert (loaded.data is None) == bool(loaded.problems)


@given(st.text(alphabet=yaml_alphabet, max_size=300))
def test_loader_survives_random_yaml_text(text: str) -> None:
    loaded = load_bytes(text.encode("utf-8", errors="surrogatepass"))
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.column >= 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.dictionaries(keys, trees, max_size=8), st.sampled_from(["societies", "branches", "party-cells"]))
def test_check_survives_random_records(tmp_path: Path, data: dict[str, object], folder: str) -> None:
    root = tmp_path / f"r{abs(hash((str(data), folder))) % 10**8}"
    write_registry(root, {f"records/{folder}/demo-record.yaml": dump(data), "records/societies/other.yaml": "- x\n"})
    result = check(Registry.open(root, root), CheckOptions(today=dt.date(2026, 11, 23)))
    assert all(f.line >= 1 and f.column >= 1 and f.code.startswith("K") for f in result.findings)
    assert not any(f.code == "K000" for f in result.findings)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.binary(max_size=300))
def test_check_survives_random_bytes_in_a_registry(tmp_path: Path, raw: bytes) -> None:
    root = tmp_path / f"b{abs(hash(raw)) % 10**8}"
    write_registry(root, {"records/societies/demo-record.yaml": raw})
    result = check(Registry.open(root, root), CheckOptions(today=dt.date(2026, 11, 23)))
    assert result.findings  # random bytes are never a complete, valid record
