"""Helpers for the yamllint-style rule tests: one line per case.

A case states only what differs from a valid record. ``society(body)``,
``branch(body)`` and ``cell(body)`` build a record file whose first line is
``id: <id>``, followed by the case's ``body`` lines (so the body's first line
is line 2 of the file), followed by the base fields the body does not name (nor ``drop``).
The base records are clean (no finding at all) for any ``as_of`` from
2025-06-01 to 2027-05-31, so the expected list is the whole result of
``kexie check``, not a filtered part of it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import uscc

from kexie_cli import kinds
from tests.conftest import run_cli, write_registry

AS_OF = "2026-11-23"
File = tuple[str, str]
Found = tuple[str, int, int]

SOCIETY_BASE = """\
kind: society
name: 示例{n}学会
status: active
founded: 2000-03-01
level: municipal
discipline: science
registration: {{uscc: {uscc}}}
liaison: {{name: 陈静, role: instructor, since: 2020-03-01}}
brand_events: [示例学术年会]
inspections: [{{year: 2024, result: pass}}, {{year: 2025, result: pass}}]
term: {{number: 5, started: 2024-01-10, years: 5}}
leaders: [{{role: chair, name: 李华, since: 2024-01-10}}, {{role: secretary-general, name: 赵敏, since: 2024-01-10}}]
"""
BRANCH_BASE = """\
kind: branch
name: 示例{n}科协
status: active
founded: 2000-03-01
type: enterprise
term: {{number: 5, started: 2024-01-10, years: 5}}
leaders: [{{role: chair, name: 李华, since: 2024-01-10}}]
"""
CELL_BASE = """\
kind: party-cell
name: 示例{n}党总支
status: active
founded: 2000-03-01
form: general-branch
covers: []
members: {{full: 3}}
term: {{number: 2, started: 2025-01-10, years: 3}}
leaders: [{{role: secretary, name: 李华, since: 2025-01-10}}]
"""
SUBUNIT_BASE = """\
kind: subunit
name: 示例{n}学会第{n}专业委员会
status: active
founded: 2005-03-01
type: professional-committee
parent: demo-society
term: {{number: 3, started: 2024-01-10, years: 5}}
leaders: [{{role: chair, name: 王强, since: 2024-01-10}}]
"""
OFFICE_BASE = """\
kind: liaison-office
name: 示例省{n}学会示例市联络处
status: active
founded: 2015-03-01
level: municipal
parent_name: 示例省{n}学会
"""
FOLDERS = kinds.FOLDERS
_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.MULTILINE)
_serial = iter(range(1, 10_000))


def _uscc(n: int) -> str:
    """A valid 社会团体 统一社会信用代码, distinct for each ``n``."""
    stem = f"51330100MJ{n:07d}"
    return stem + uscc.calc_check_digit(stem)


def _record(kind: str, base: str, body: str, ident: str, drop: str) -> File:
    n = next(_serial)
    named = set(_KEY.findall(body)) | set(drop.split())
    rest = [line for line in base.format(n=n, uscc=_uscc(n)).splitlines() if line.partition(":")[0] not in named]
    text = "\n".join([f"id: {ident}", *([body] if body else []), *rest]) + "\n"
    return f"records/{FOLDERS[kind]}/{ident}.yaml", text


def society(body: str = "", ident: str = "demo-society", drop: str = "") -> File:
    return _record("society", SOCIETY_BASE, body, ident, drop)


def branch(body: str = "", ident: str = "demo-branch", drop: str = "") -> File:
    return _record("branch", BRANCH_BASE, body, ident, drop)


def cell(body: str = "", ident: str = "demo-cell", drop: str = "") -> File:
    return _record("party-cell", CELL_BASE, body, ident, drop)


def subunit(body: str = "", ident: str = "demo-unit", drop: str = "") -> File:
    """A 分支机构 of ``demo-society`` (add ``society()`` to the case)."""
    return _record("subunit", SUBUNIT_BASE, body, ident, drop)


def office(body: str = "", ident: str = "demo-office", drop: str = "") -> File:
    """A 联络处 of a society outside the registry (``parent_name``)."""
    return _record("liaison-office", OFFICE_BASE, body, ident, drop)


def raw(path: str, text: str) -> File:
    """A file written exactly as given (syntax rules, odd paths)."""
    return path, text


def check(*files: File, as_of: str = AS_OF, by_file: bool = False) -> list[tuple[str | int, ...]]:
    """Sorted findings of ``kexie check --format json --as-of`` on the files.

    Each finding is ``(code, line, column)``, or ``(folder/file stem, code,
    line, column)`` with ``by_file`` for cases that span several files. A file
    ``kexie.yaml`` replaces the default settings.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = write_registry(Path(tmp), dict(files))
        run = run_cli(["check", "--format", "json", "--as-of", as_of], root)
        assert run.exit_code in (0, 1), run.stderr
        found = run.json()
    if by_file:
        return sorted((_short(f["file"]), f["code"], f["line"], f["column"]) for f in found)
    return sorted((f["code"], f["line"], f["column"]) for f in found)


def _short(path: str) -> str:
    """``records/societies/demo-a.yaml`` -> ``societies/demo-a``."""
    p = Path(path)
    return f"{p.parent.name}/{p.stem}"


# code -> [(fails?, case id)], filled by ``case`` as the test modules load
CASES: dict[str, list[tuple[bool, str]]] = {}


def case(code: str, files: list[File], as_of: str, expected: list[Any], by_file: bool = False) -> Any:
    """One parametrized case: ``files`` checked as of ``as_of`` give exactly ``expected``.

    The case fails ``code`` when ``expected`` names it, else it is a passing case.
    """
    fails = any(code in item for item in expected)
    seen = CASES.setdefault(code, [])
    ident = f"{code}-{'fail' if fails else 'pass'}-{as_of}-{len(seen)}"
    seen.append((fails, ident))
    return pytest.param(files, as_of, expected, by_file, id=ident)


PARAMS = ("files", "as_of", "expected", "by_file")
