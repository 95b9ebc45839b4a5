"""The strict loader: YAML 1.2 semantics, positions, and hostile input."""

from __future__ import annotations

import pytest

from kexie_cli.records.loader import load_bytes, resolve_plain


def problems(raw: bytes) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in load_bytes(raw).problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("+1", 1),
        ("-2", -2),
        ("1e3", 1000.0),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("2010-13-01", "2010-13-01"),
        ("2021-06-30", "2021-06-30"),
        ("12:30", "12:30"),
    ],
)
def test_yaml_12_core_schema(text: str, expected: object) -> None:
    assert resolve_plain(text) == expected


def test_dates_and_yaml11_traps_stay_strings() -> None:
    loaded = load_bytes(b"founded: 2021-06-30\nflag: no\ncode: 010\nbad: 2010-13-01\n")
    assert loaded.data == {"founded": "2021-06-30", "flag": "no", "code": 10, "bad": "2010-13-01"}


def test_quoted_scalars_are_strings() -> None:
    loaded = load_bytes(b"a: '010'\nb: \"true\"\nc: 'null'\n")
    assert loaded.data == {"a": "010", "b": "true", "c": "null"}


def test_positions_are_one_based_and_per_node() -> None:
    loaded = load_bytes(b"# modeline\nid: demo\nterm:\n  years: 5\nlist:\n  - {a: 1}\n")
    pos = loaded.positions
    assert pos.of(()) == (2, 1)
    assert pos.of(("id",)) == (2, 5)
    assert pos.key(("term", "years")) == (4, 3)
    assert pos.of(("term", "years")) == (4, 10)
    assert pos.of(("list", 0, "a")) == (6, 9)
    # a missing node falls back to its nearest ancestor: the mapping that lacks it
    assert pos.of(("term", "missing", "deeper")) == pos.of(("term",)) == (4, 3)


def test_columns_count_characters_not_bytes() -> None:
    loaded = load_bytes("名称: 示例学会\n字段: 1\n".encode())
    assert loaded.positions.of(("名称",)) == (1, 5)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\na: 2\n", [("K003", 2, 1)]),
        (b"a:\n  b: 1\n  b: 2\n", [("K003", 3, 3)]),
        (b"a: &x 1\n", [("K004", 1, 4)]),
        (b"a: 1\nb: *x\n", [("K004", 2, 4)]),  # an alias, defined or not
        (b"a: !!str 1\n", [("K004", 1, 4)]),
        (b"a: !custom 1\n", [("K004", 1, 4)]),
        (b"<<: {a: 1}\n", [("K004", 1, 1)]),
        (b"- 1\n- 2\n", [("K004", 1, 1)]),
        (b"just text\n", [("K004", 1, 1)]),
        (b"", [("K004", 1, 1)]),
        (b"# only a comment\n", [("K004", 1, 1)]),
        (b"a: 1\n---\nb: 2\n", [("K004", 2, 1)]),
        (b"\tid: x\n", [("K002", 1, 1)]),
        (b"a: [1, 2\n", None),
        (b"a: \xff\xfe\n", [("K001", 1, 4)]),
        ("名称: 示例\n".encode("gbk"), [("K001", 1, 1)]),
        (b"a: 1\nb: x\x00y\n", [("K001", 2, 5)]),
        (b"a: 1\x07\n", [("K001", 1, 5)]),
    ],
)
def test_hostile_input_yields_its_finding(raw: bytes, expected: list[tuple[str, int, int]] | None) -> None:
    found = problems(raw)
    assert found, "expected a problem"
    if expected is None:
        assert found[0][0] == "K002"
    else:
        assert found[: len(expected)] == expected


def test_bom_and_crlf_are_accepted() -> None:
    loaded = load_bytes(b"\xef\xbb\xbfid: demo\r\nname: x\r\n")
    assert loaded.problems == []
    assert loaded.data == {"id": "demo", "name": "x"}
    assert loaded.positions.of(("name",)) == (2, 7)


def test_alias_bomb_is_refused_without_expansion() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    found = problems("\n".join(lines).encode())
    assert found and all(code == "K004" for code, _, _ in found)


def test_deep_nesting_is_refused_quickly() -> None:
    assert problems(b"a: " + b"[" * 100_000) == [("K002", 1, 68)]
    assert load_bytes(b"a: " + b"[" * 60 + b"]" * 60 + b"\n").problems == []


def test_size_limit() -> None:
    found = load_bytes(b"a: " + b"x" * 2000 + b"\n", max_bytes=1024).problems
    assert [(p.code, p.key) for p in found] == [("K001", "load.too_large")]


def test_huge_integer_stays_text() -> None:
    digits = "9" * 5000
    assert load_bytes(f"a: {digits}\n".encode()).data == {"a": digits}


def test_keys_are_their_source_text() -> None:
    assert load_bytes(b"1: a\nnull: b\nyes: c\n").data == {"1": "a", "null": "b", "yes": "c"}


def test_problem_count_is_bounded() -> None:
    text = "".join(f"k: {i}\n" for i in range(1000))
    assert 1 < len(load_bytes(text.encode()).problems) <= 20


def test_alias_as_value_does_not_shift_keys_and_values() -> None:
    assert problems(b"a: &n x\nb: *n\nc: {d: 1}\n") == [("K004", 1, 4), ("K004", 2, 4)]
    assert problems(b"a: *n\n*n : 1\n") == [("K004", 1, 4)]
