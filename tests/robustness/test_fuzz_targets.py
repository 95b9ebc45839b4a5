"""Hypothesis fuzz targets: the loader, check, fmt and the edit operations on mutated sample records.

Each example takes a record of the sample registry and applies a few hostile
mutations (a value swapped for a nasty token, a line deleted, duplicated or
re-indented, a hostile line inserted, bytes flipped). The only exceptions
allowed out are the documented refusals (``KexieError``, ``FormatError``);
anything else is an internal error.

The default test run tries a few hundred examples in all (under 20 s);
``make fuzz`` runs the same targets with ``KEXIE_FUZZ_EXAMPLES`` examples in
all (100,000 by default, shared out by cost: 55 % loader, 15 % each check,
fmt and edits) and prints how many inputs each target tried.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_cli.edit import operations as ops
from kexie_cli.edit.canonical import FormatError, decode_record, format_text
from kexie_cli.edit.commands import edit_text
from kexie_cli.edit.tree import parse_path
from kexie_cli.errors import KexieError
from kexie_cli.records.file import RecordFile
from kexie_cli.records.loader import load_bytes
from kexie_cli.records.model import Record
from kexie_cli.registry.layout import FOLDER_KINDS
from kexie_cli.registry.load import Registry
from kexie_cli.validate.engine import check
from kexie_cli.validate.options import CheckOptions
from tests.conftest import REPO

#: ``make fuzz``: the total number of examples, shared out by cost (the loader is cheap, edits are not).
TOTAL = int(os.environ.get("KEXIE_FUZZ_EXAMPLES", "0") or 0)
SHARE = {"loader": 0.55, "check": 0.15, "fmt": 0.15, "edits": 0.15}
TRIED: Counter[str] = Counter()
F = TypeVar("F", bound=Callable[..., Any])
SAMPLES = sorted((REPO / "records").glob("*/*.yaml"))
REGISTRY = Registry.open(REPO, REPO)
#: An empty registry (the sample's settings, no records): the check engine runs on just the
#: files an example hands it as overrides, so one example costs one or two files' checking.
EMPTY = Path(tempfile.mkdtemp(prefix="kexie-fuzz-"))
shutil.copy(REPO / "kexie.yaml", EMPTY / "kexie.yaml")
EMPTY_REGISTRY = Registry.open(EMPTY, EMPTY)


def _check(files: dict[str, bytes], today: dt.date) -> list[Any]:
    """The one check engine on ``files`` (registry-relative path -> bytes) alone, without the cache."""
    return check(EMPTY_REGISTRY, CheckOptions(today=today, cache=False, jobs=1), overrides=files).findings


def _settings(target: str, short: int) -> Callable[[F], F]:
    chosen: Callable[[F], F] = settings(
        max_examples=int(TOTAL * SHARE[target]) or short,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    return chosen


PROGRESS = os.environ.get("KEXIE_FUZZ_PROGRESS", "")  # a file to keep the counts in while a long run goes on


def _tried(name: str) -> None:
    TRIED[name] += 1
    if PROGRESS and TRIED[name] % 500 == 0:
        Path(PROGRESS).write_text(json.dumps(TRIED, sort_keys=True) + "\n", encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def report_counts() -> Iterator[None]:
    yield
    if TOTAL:
        total = sum(count for name, count in TRIED.items() if "(" not in name)
        lines = [f"  {name}: {count} inputs" for name, count in sorted(TRIED.items())]
        sys.stderr.write("\nfuzz: " + str(total) + " inputs tried\n" + "\n".join(lines) + "\n")


TOKENS = [
    "",
    "~",
    "null",
    "no",
    "on",
    "010",
    "0x1F",
    "0o17",
    "-1",
    "0",
    "99999999999999999999",
    "1" * 5000,
    "1e400",
    "-.inf",
    ".nan",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2020-02-30",
    "2024-02-29",
    "1899-12-31",
    "3000-01-01",
    "2021-13-01",
    "'quoted'",
    '"esc\\x07aped"',
    '"\\u0000"',
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{year: 2025, result: pass}",
    "{year: 0, result: x}",
    "&anchor x",
    "*alias",
    "!!str x",
    "!tag x",
    "|\n  block",
    ">-\n  folded",
    "名称",
    "\ufeff",
    "\u3000",
    "x" * 300,
    "- a\n- b",
    "chair",
    "pass",
    "society",
    "[" * 80 + "]" * 80,
    "-" * 3,
]
LINES = [
    "---",
    "...",
    "<<: {a: 1}",
    "? complex",
    "\tindented: tab",
    "\ufeffbom: x",
    "dup: 1",
    "id: other-id",
    "kind: branch",
    "term: {number: 0, started: 0001-01-01, years: 99}",
    "term: {number: 2, started: 2020-01-01, years: 5, extended_to: 9999-12-31, extension_approved: 2020-01-01}",
    "leaders: [{role: chair, name: x, since: 2999-12-31, until: 1900-01-01, birth_year: 1}]",
    "inspections: [{year: 2100, result: missing}, {year: 2100, result: fail}]",
    "stars: [{year: 1900, stars: 9}]",
    "npo_grade: {grade: 5A, granted: 0001-01-01, expires: 9999-12-31}",
    "meetings: [{date: 2026-02-29, type: lecture}]",
    "covers: [covers, covers]",
    "parent: " + "p" * 64,
    "past_terms: [{number: -1, started: 2020-01-01, years: 5, ended: 2019-01-01}]",
    "founded: 2100-01-01",
    "# kexie: ignore[K999]",
    "# kexie: ignore[K301]",
    "  # kexie: ignore[K401] reason",
    "a: " + "{" * 70 + "}" * 70,
    "x: \x85",
]


def _mutate(text: str, steps: list[tuple[int, int, int, int]]) -> bytes:
    lines = text.split("\n")
    raw_flips: list[tuple[int, int]] = []
    for op, where, pick, extra in steps:
        at = where % max(len(lines), 1)
        if op == 0 and lines:  # replace the value of a line
            line = lines[at]
            head = line.split(":", 1)[0] + ": " if ":" in line else line[: len(line) - len(line.lstrip())] + "- "
            lines[at] = head + TOKENS[pick % len(TOKENS)]
        elif op == 1 and lines:
            del lines[at]
        elif op == 2 and lines:
            lines.insert(at, lines[at])
        elif op == 3 and lines:
            shift = (extra % 5) - 2
            lines[at] = " " * max(shift, 0) + lines[at][max(-shift, 0) :]
        elif op == 4:
            indent = " " * (2 * (extra % 3))
            lines.insert(at, indent + LINES[pick % len(LINES)])
        else:
            raw_flips.append((where, pick))
    raw = bytearray("\n".join(lines).encode("utf-8"))
    for where, pick in raw_flips:
        if raw:
            raw[where % len(raw)] = pick % 256
    return bytes(raw)


steps = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10)),
    min_size=1,
    max_size=4,
)
samples = st.sampled_from(SAMPLES)
days = st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31))


def _file(path: Path) -> RecordFile:
    return RecordFile(path, path.relative_to(REPO).as_posix(), FOLDER_KINDS[path.parent.name])


def _record(file: RecordFile, raw: bytes) -> Record:
    loaded = load_bytes(raw)
    return Record(file, loaded.data, loaded.positions, loaded.problems, loaded.text)


@_settings("loader", 120)
@given(samples, steps)
def test_loader(sample: Path, mutation: list[tuple[int, int, int, int]]) -> None:
    _tried("loader")
    loaded = load_bytes(_mutate(sample.read_text(encoding="utf-8"), mutation))
    assert (loaded.data is None) == bool(loaded.problems)
    assert all(p.line >= 1 and p.column >= 1 and p.code in {"K001", "K002", "K003", "K004"} for p in loaded.problems)


@_settings("check", 60)
@given(samples, steps, days, st.sampled_from(SAMPLES))
def test_check(sample: Path, mutation: list[tuple[int, int, int, int]], today: dt.date, other: Path) -> None:
    _tried("check")
    files = {_file(other).relpath: other.read_bytes()}
    files[_file(sample).relpath] = _mutate(sample.read_text(encoding="utf-8"), mutation)  # the sample wins
    for finding in _check(files, today):  # a missing placeholder raises under tests
        assert finding.line >= 1 and finding.column >= 1 and finding.code.startswith("K")


@_settings("fmt", 60)
@given(samples, steps)
def test_fmt(sample: Path, mutation: list[tuple[int, int, int, int]]) -> None:
    _tried("fmt")
    file = _file(sample)
    raw = _mutate(sample.read_text(encoding="utf-8"), mutation)
    try:
        new = format_text(decode_record(raw), str(file.kind), REGISTRY.schemas)
    except FormatError:
        return
    _tried("fmt (formatted)")
    again = format_text(decode_record(new.encode("utf-8")), str(file.kind), REGISTRY.schemas)
    assert again == new  # fmt then fmt --check agree
    assert _same(load_bytes(new.encode("utf-8")).data, load_bytes(raw).data)  # formatting never changes the data


def _same(a: Any, b: Any) -> bool:
    """Equal data, key order aside (fmt moves keys) and NaN equal to itself."""
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


PATHS = [
    "name",
    "notes",
    "status",
    "founded",
    "term.number",
    "term.years",
    "term.extended_to",
    "council.members",
    "members.individual",
    "leaders.0.name",
    "leaders.0.since",
    "leaders.1",
    "leaders.99.name",
    "leaders.-1.name",
    "leaders.x.name",
    "inspections.0.result",
    "inspections.0",
    "stars.0.stars",
    "registration.uscc",
    "covers.0",
    "meetings.0.date",
    "new_field",
    "term",
    "leaders",
    "id",
    "kind",
    "a.b.c.d",
    "leaders[0].role",
    "..",
    "",
]

operations = st.one_of(
    st.builds(ops.SetField, st.sampled_from(PATHS).map(lambda p: p), st.sampled_from(TOKENS)),
    st.builds(ops.UnsetField, st.sampled_from(PATHS)),
    st.builds(
        ops.Inspect,
        st.integers(1800, 2200),
        st.sampled_from(["pass", "fail", "missing", "basic-pass", "submitted", "x"]),
        st.none() | days,
    ),
    st.builds(ops.Extend, days, days),
    st.builds(
        ops.Elect,
        days,
        st.lists(st.tuples(st.sampled_from(["chair", "secretary-general", "secretary", "x"]), st.text(max_size=4))).map(
            tuple
        ),
        st.none() | st.integers(-3, 20),
    ),
)


def _operation(op: Any) -> Any:
    """SetField and UnsetField take parsed paths: parse the text as the CLI does (a usage error is fine)."""
    if isinstance(op, (ops.SetField, ops.UnsetField)) and isinstance(op.path, str):
        path = parse_path(op.path)
        return ops.SetField(path, op.raw) if isinstance(op, ops.SetField) else ops.UnsetField(path)
    return op


@_settings("edits", 40)
@given(
    samples,
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10)), max_size=2
    ),
    operations,
)
def test_edits(sample: Path, mutation: list[tuple[int, int, int, int]], op: Any) -> None:
    _tried("edits")
    file = _file(sample)
    text = sample.read_text(encoding="utf-8")
    raw = _mutate(text, mutation) if mutation else text.encode("utf-8")
    try:
        operation = _operation(op)
        old = decode_record(raw)
        new, _, _ = edit_text(old, str(file.kind), REGISTRY.schemas, operation)
    except (KexieError, FormatError):
        return
    _tried("edits (applied)")
    assert load_bytes(new.encode("utf-8")).data is not None
    assert format_text(new, str(file.kind), REGISTRY.schemas) == new  # an edit leaves a file fmt --check accepts
    _check({file.relpath: new.encode("utf-8")}, dt.date(2026, 11, 23))
