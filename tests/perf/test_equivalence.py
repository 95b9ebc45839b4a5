"""The fast path gives what the strict path gives: data, problems, positions, validity.

Property tests (Hypothesis) load generated and hostile inputs both ways:
the fast loader may decline a file (None: the strict loader then decides),
but whatever it returns must equal the strict loader's data; the line
scanner may give up, but the positions it returns must equal the strict
loader's; jsonschema-rs may reject what the Python validator accepts (the
Python validator then runs), never the other way round.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kexie_cli import kinds
from kexie_cli.records import fastload
from kexie_cli.records.loader import load_bytes
from kexie_cli.records.locate import locate, same
from kexie_cli.registry import prevalidate as validate
from kexie_cli.registry.schemas import SchemaSet
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    not (fastload.available() and validate.available()), reason="yaml-rs / jsonschema-rs not installed"
)

SAMPLES = sorted((REPO / "records").glob("*/*.yaml"))
SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLES]
PROPERTY = settings(
    max_examples=int(os.environ.get("KEXIE_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Plain scalars where YAML readers are known to disagree, and their neighbours.
TRICKY = [
    "0o17",
    "0x1F",
    "0X1F",
    "0b101",
    "+0o17",
    "-0x1F",
    "0xFF_FF",
    ".inf",
    "-.inf",
    "+.inf",
    ".Inf",
    ".NaN",
    ".nan",
    "nan",
    "inf",
    "1_000",
    "1__0",
    "0_1",
    "+1",
    "-0",
    "1e3",
    "1E3",
    "+1e3",
    "1.",
    ".5",
    "-.5",
    "1.5e-3",
    "1e400",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "True",
    "TRUE",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "010",
    "0010",
    "00",
    "1:20",
    "12:30",
    "2010-01-01",
    "2010-13-01",
    "2001-12-14t21:59:43.10-05:00",
    "99999999999999999999999",
    "1,000",
    "0o8",
    "0x",
    "1e",
    "+",
    "-.",
    ".",
    "a_1",
    "2023_x",
    "=",
    "<<",
    # issue 10: year 0, integers Python will not convert, escaped control characters
    "0000-01-01",
    "0000-00-00",
    "9" * 4301,
    "-" + "1" * 4400,
    "1" * 4300,
    '"\\x01"',
    '"\\u0000"',
    '"a\\a\\b\\e\\x7f"',
    '"\\x85 \\u2028"',
]


def assert_same_outcome(raw: bytes) -> None:
    """The fast loader either declines or returns exactly the strict loader's data."""
    strict = load_bytes(raw)
    fast = fastload.load(raw)
    if fast is None:
        return
    assert not strict.problems, (raw, strict.problems)
    assert same(fast.data, strict.data), (raw, fast.data, strict.data)
    assert fast.text == strict.text
    # positions: lazily computed ones equal the strict loader's
    fast_positions = fastload.locate_positions(fast.text, fast.data)
    assert fast_positions.values == strict.positions.values, raw
    assert fast_positions.keys == strict.positions.keys, raw


def assert_locate_exact(text: str) -> None:
    """The scanner either gives up or finds the strict loader's positions."""
    strict = load_bytes(text.encode("utf-8"))
    if strict.data is None:
        return
    found = locate(strict.text, strict.data)
    if found is None:
        return
    assert found.values == strict.positions.values, text
    assert found.keys == strict.positions.keys, text


@pytest.mark.parametrize("scalar", TRICKY)
@pytest.mark.parametrize("shape", ["k: {}\n", "k: [{}, x]\n", "k: {{a: {}}}\n", "{}: v\n", "- {}\n", "k:\n  - {}\n"])
def test_tricky_scalars(scalar: str, shape: str) -> None:
    text = shape.format(scalar)
    assert_same_outcome(text.encode("utf-8"))
    assert_locate_exact(text)


def test_tricky_scalars_are_declined_or_equal_and_mostly_fast() -> None:
    """The fast loader is not simply declining everything."""
    accepted = sum(fastload.load(f"k: {s}\n".encode()) is not None for s in TRICKY)
    assert accepted > len(TRICKY) // 2


@pytest.mark.parametrize("path", SAMPLES[::7], ids=lambda p: p.name)
def test_sample_records_load_fast_and_locate(path: Path) -> None:
    raw = path.read_bytes()
    assert fastload.load(raw) is not None, "sample records are all in the fast subset"
    assert_same_outcome(raw)
    strict = load_bytes(raw)
    assert locate(strict.text, strict.data) is not None


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbfid: a\nname: b\n",  # BOM
        b"id: a\r\nname: b\r\nlist:\r\n  - x\r\n",  # CRLF
        b"id: a\rname: b\n",  # lone CR
        b"id: a\n\tname: b\n",  # tab indentation
        b"id: a\nname: b\x00\n",  # NUL
        b"id: a\nname: \xff\n",  # not UTF-8
        b"id: a\nid: b\n",  # duplicate key
        b"a: &x 1\nb: *x\n",  # anchor and alias
        b"<<: {a: 1}\n",  # merge key
        b"a: !!str 1\n",  # tag
        b"%YAML 1.2\n---\na: 1\n",  # directive
        b"a: 1\n---\nb: 2\n",  # two documents
        b"- a\n- b\n",  # not a mapping
        b"",  # empty
        b"# only a comment\n",
        b"a:\n",  # empty value
        b"a: ~\nb: null\nc:\n",
        b"1: a\n2: b\n",  # number keys
        b"null: a\ntrue: b\n",
        b"a: |\n  line one\n  line two\n",  # block scalars
        b"a: >-\n  folded\n  text\n",
        b'a: "esc \\t \\u4e2d \\x41 \\N"\n',  # escapes
        b"a: 'it''s'\n",
        b"a: multi\n  line plain\n",
        b'a: "multi\n  line quoted"\n',
        b"a: {x: 1,\n  y: 2}\n",  # flow over lines
        b"a: [E:]\nb: {c:, d}\n",  # colon before a flow indicator
        b'a: ["q":b]\n',  # quoted key glued to its value
        b"a: [::]\nb: {c: :0}\n",
        b"a: |\nb: >\n",  # empty block scalars
        b"a: {b: |}\n",
        b"a:\n  - {y\n  ear: 2022, result: pass}\n",  # a key folded over two lines
        b'a: {b: "}", c: [1]\n  }\n',  # a quoted bracket
        b"a: [1, 2]  # [ in a comment\n",
        b"a: [1, 2,]\n",
        b"? a\n: b\n",  # complex key
        b"a: b: c\n",  # syntax error
        b"a: [" * 70 + b"\n",  # too deep
        b"a:\n  - - x\n    - y\n  -\n    k: v\n",
        b"key with spaces: v\n'quoted key': w\n\"dq\": x\n",
        b"a: v # comment\nb: v#not\n",
        b"a: 2010-01-01\nb: 2010-02-30\nc: 2010-01-01T10:00:00\n",
        b"\xe2\x80\xa8a: 1\n",  # LINE SEPARATOR
        b"a: \xc2\x85b\n",  # NEL
        b"\xef\xbb\xbf\xef\xbb\xbf# yaml-language-server: x\nid: a\n",  # two BOMs
        b"\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbfid: a\n",  # three
        b"id: a\n\xef\xbb\xbfname: b\n",  # a BOM inside
        b'id: "\\x01\\u0000\\x1f\\x7f"\n',  # escaped control characters
        b"founded: 0000-01-01\n",
        b"n: " + b"9" * 4301 + b"\n",
    ],
)
def test_hostile_inputs(raw: bytes) -> None:
    assert_same_outcome(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert_locate_exact(text)


# --- generated documents ----------------------------------------------------------------

_KEYS = st.sampled_from(["id", "name", "a", "b", "k", "1", "null", "true", "x y", "'q'", '"d"', "中文", "a_1", "~"])
_SCALARS = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from(['"\\x00"', '"\\x1b\\u0085"', "0000-01-01", "1" * 4301]),
    st.sampled_from(["'s'", '"d"', '"e\\tf"', "'it''s'", "plain text", "中文 说明", "a#b", "a: b", "-", "- x"]),
    st.text(alphabet="ab01_.-+eExo: #'\"&*!|>[]{},\t", max_size=8),
)
_INDENTS = st.sampled_from(["", " ", "  ", "    "])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = draw(_INDENTS)
        shape = draw(st.integers(0, 6))
        key, value = draw(_KEYS), draw(_SCALARS)
        if shape == 0:
            lines.append(f"{indent}{key}: {value}")
        elif shape == 1:
            lines.append(f"{indent}{key}:")
        elif shape == 2:
            lines.append(f"{indent}- {value}")
        elif shape == 3:
            lines.append(f"{indent}- {key}: {value}")
        elif shape == 4:
            lines.append(f"{indent}{key}: {{{draw(_KEYS)}: {value}, {draw(_KEYS)}: {draw(_SCALARS)}}}")
        elif shape == 5:
            lines.append(f"{indent}{key}: [{value}, {draw(_SCALARS)}]")
        else:
            lines.append(f"{indent}# {value}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", "\n"]))


@PROPERTY
@given(documents())
@example("a: 1\nb:\n  - x\n  - y: 1\n    z: 2\n")
def test_generated_lines(text: str) -> None:
    raw = text.encode("utf-8")
    assert_same_outcome(raw)
    assert_locate_exact(text)


_PLAIN_KEYS = st.sampled_from(["id", "name", "a", "b", "k", "x y", "中文", "a_1", "1", "null", "'q'", '"d"', "k2"])


@st.composite
def _node(draw: st.DrawFn, indent: int, depth: int) -> tuple[str, bool]:
    """A rendered YAML node: (text, is_block). Block text starts on a new line."""
    kind = draw(st.integers(0, 5)) if depth < 3 else 0
    step = draw(st.sampled_from([1, 2, 2, 4]))
    if kind <= 1:
        return draw(_SCALARS), False
    if kind == 2:
        items = draw(st.lists(_SCALARS, min_size=0, max_size=3))
        return "[" + draw(st.sampled_from([", ", ",", " , "])).join(items) + "]", False
    if kind == 3:
        pairs = draw(st.lists(st.tuples(_PLAIN_KEYS, _SCALARS), min_size=0, max_size=3))
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}", False
    pad = " " * (indent + step)
    lines = []
    if kind == 4:
        for key in draw(st.lists(_PLAIN_KEYS, min_size=1, max_size=4, unique=True)):
            text, block = draw(_node(indent + step, depth + 1))
            lines.append(f"{pad}{key}:" + (text if block else f" {text}"))
            if draw(st.integers(0, 5)) == 0:
                lines.append(f"{pad}# note")
    else:
        for _ in range(draw(st.integers(1, 3))):
            text, block = draw(_node(indent + step, depth + 1))
            lines.append(f"{pad}-" + (text if block else f" {text}"))
    return "\n" + "\n".join(lines), True


@st.composite
def structured_documents(draw: st.DrawFn) -> str:
    lines = []
    for key in draw(st.lists(_PLAIN_KEYS, min_size=1, max_size=5, unique=True)):
        text, block = draw(_node(0, 0))
        lines.append(f"{key}:" + (text if block else f" {text}") + draw(st.sampled_from(["", "  # c"])) * (not block))
    return draw(st.sampled_from(["", "# head\n", "\ufeff", "\ufeff\ufeff# head\n"])) + "\n".join(lines) + "\n"


@PROPERTY
@given(structured_documents())
def test_generated_documents(text: str) -> None:
    assert_same_outcome(text.encode("utf-8"))
    assert_same_outcome(text.replace("\n", "\r\n").encode("utf-8"))
    assert_locate_exact(text)


@st.composite
def mutated_samples(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.integers(0, 3))
        if op == 0:
            text = (
                text[:at]
                + draw(st.sampled_from([" ", "\n", ":", "-", "#", "'", '"', "{", "[", ",", "_", "0x", "  "]))
                + text[at:]
            )
        elif op == 1:
            text = text[:at] + text[at + 1 :]
        elif op == 2:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            text = text[:line_end] + "\n" + text[line_start:line_end] + text[line_end:]
        else:
            text = text[:at] + draw(st.sampled_from(TRICKY)) + text[at:]
    return text


@PROPERTY
@given(mutated_samples())
def test_mutated_records(text: str) -> None:
    assert_same_outcome(text.encode("utf-8"))
    assert_locate_exact(text)


# --- validators ------------------------------------------------------------------------------

_SCHEMAS = SchemaSet(None)
_LEAVES: st.SearchStrategy[Any] = st.one_of(
    st.integers(-3, 3000),
    st.sampled_from([0.0, 1.0, 2.5, -1.0, float("inf"), float("nan"), 10**30, 10**4000, True, False, None]),
    st.sampled_from(
        [
            "2010-01-01",
            "0000-01-01",
            "0000-12-31",
            "2010-02-30",
            "2010-1-1",
            "2010-01-01\n",
            "２０１０-01-01",
            "٢٠١٠-01-01",
            "20100101",
            "abc",
            "",
            "a-b",
            "ab",
            "Ab-c",
            "http://x",
            "not a uri",
            "K101",
            "05-31",
            "13-01",
            "active",
            "正常",
        ]
    ),
    st.just([]),
    st.just({}),
)


def _leaf_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [path] + [p for k, v in node.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(node, list):
        return [path] + [p for i, v in enumerate(node) for p in _leaf_paths(v, (*path, i))]
    return [path]


def _set(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node[path[0]] = _set(node[path[0]], path[1:], value)
    return node


@st.composite
def altered_records(draw: st.DrawFn) -> tuple[str, Any]:
    path = draw(st.sampled_from(SAMPLES))
    kind = kinds.FOLDER_KINDS[path.parent.name]
    data = load_bytes(path.read_bytes()).data
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(_leaf_paths(data)))
        if draw(st.booleans()) or not target:
            data = _set(data, target, draw(_LEAVES))
        else:
            parent = _set(data, (), data)
            for part in target[:-1]:
                parent = parent[part]
            if isinstance(parent, dict):
                parent.pop(target[-1], None)
                if draw(st.booleans()):
                    parent["unknown_field"] = 1
    return kind, data


@PROPERTY
@given(altered_records())
def test_fast_validator_never_accepts_what_python_rejects(item: tuple[str, Any]) -> None:
    kind, data = item
    if validate.is_valid(_SCHEMAS, kind, data):
        errors = list(_SCHEMAS.validator(kind).iter_errors(data))
        assert errors == [], (kind, data, errors)


def test_fast_validator_accepts_the_sample() -> None:
    for path in SAMPLES:
        kind = kinds.FOLDER_KINDS[path.parent.name]
        data = load_bytes(path.read_bytes()).data
        python_ok = not list(_SCHEMAS.validator(kind).iter_errors(data))
        assert validate.is_valid(_SCHEMAS, kind, data) == python_ok, path


def test_same_compares_types() -> None:
    assert not same({"a": 1}, {"a": True})
    assert not same({"a": 1}, {"a": 1.0})
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert same({"a": [float("nan")]}, {"a": [float("nan")]})
    assert dt.date(2020, 1, 1)  # dates never appear: both loaders keep them as strings
    assert same(load_bytes(b"d: 2020-01-01\n").data, {"d": "2020-01-01"})
