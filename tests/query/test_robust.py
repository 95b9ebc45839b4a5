"""Invalid or half-missing records never make a query command fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli

BROKEN = {
    "records/societies/odd-xuehui.yaml": """\
id: odd-xuehui
kind: society
name: [not, a, name]
status: active
founded: 2020-02-30
level: 3
stars: "five"
npo_grade: {grade: 9A, granted: someday}
inspections: [1, {year: twenty, result: pass}]
term: {number: x, started: 2020-01-01, years: "5"}
leaders: [chair, {role: chair}, {name: 某人, since: 2020-01-01}]
members: {individual: many}
""",
    "records/branches/odd-kexie.yaml": """\
id: odd-kexie
kind: branch
status: active
type: enterprise
parent: odd-kexie
three_heads: {role: school}
""",
    "records/party-cells/odd-cell.yaml": "id: odd-cell\nkind: party-cell\ncovers: odd-xuehui\nmeetings: 3\n",
    "records/societies/unparsable.yaml": "id: [unclosed\n",
}


@pytest.fixture
def broken(registry: Callable[..., Path]) -> Path:
    return registry(BROKEN)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "societies", "-c", "name,level,stars.latest,term.ends,chair,inspection.latest,npo_grade.valid"],
        ["list", "societies", "-w", "stars.latest>=1", "-w", "term.ends<2030-01-01", "-w", "name~某"],
        ["list", "branches", "-c", "id,district,covered"],
        ["list", "party-cells"],
        ["list", "leaders"],
        ["summary"],
        ["find", "某人"],
        ["show", "odd-xuehui"],
        ["show", "odd-kexie"],
        ["show", "odd-cell"],
        ["sql", "SELECT * FROM societies"],
    ],
)
def test_commands_survive_bad_records(broken: Path, args: list[str]) -> None:
    for fmt in ("plain", "json"):
        run = run_cli([*args, "--format", fmt] + (["--as-of", AS_OF] if args[0] != "find" else []), broken)
        assert run.exit_code == 0, run.stderr
        # the one file that cannot be loaded is named, with its code, and nothing else is said
        lines = run.stderr.splitlines()
        assert len(lines) == 2, run.stderr
        assert "records/societies/unparsable.yaml" in lines[0] and "K002" in lines[0]
        assert "1 个文件无法读取" in lines[1]


def test_export_survives_bad_records(broken: Path, tmp_path: Path) -> None:
    for fmt in ("xlsx", "csv", "json", "sqlite"):
        run = run_cli(["export", "--format", fmt, "-o", str(tmp_path / f"out-{fmt}"), "--as-of", AS_OF], broken)
        assert run.exit_code == 0, run.stderr


@pytest.mark.parametrize("sort", ["founded", "-founded", "term.ends", "level,founded"])
def test_sort_over_values_of_mixed_types(tmp_path: Path, sort: str) -> None:
    """A malformed date (text) among dates sorts after them instead of an internal error (issue 26 bench)."""
    from tests.conftest import copy_sample  # noqa: PLC0415 - one test

    root = copy_sample(tmp_path)
    path = root / "records" / "societies" / "shuili-xuehui.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("founded: 1962-08-15", "founded: 1962-08-32", 1), encoding="utf-8")
    run = run_cli(["list", "societies", "-s", sort, "-c", "name,founded", "--format", "json", "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    if sort == "founded":
        import json  # noqa: PLC0415

        rows = json.loads(run.stdout)
        assert rows[-1]["founded"] == "1962-08-32"  # text after the dates
