"""Every figure of the year's work that ``summary`` and ``report`` show is the sum over the annual records.

The sums here are computed from the YAML files themselves (ruamel, not kexie's loader or figures), over
the sample registry's three years of annual records (scripts/annual_sample.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kexie_cli.figures.annual import FIGURES, LIST_FIGURES
from tests.conftest import AS_OF, REPO, run_cli

YEAR = 2025


@cache
def _load(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _records(year: int, orgs: frozenset[str] | None = None) -> Iterator[dict[str, Any]]:
    for path in sorted((REPO / "records" / "annual" / str(year)).glob("*.yaml")):
        data = _load(path)
        if orgs is None or data["org"] in orgs:
            yield data


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
    return node


def plain_sum(year: int, key: str, orgs: frozenset[str] | None = None) -> int:
    """The sum of one figure over the year's records, read from the files."""
    total = 0
    for data in _records(year, orgs):
        if key in ("services", "services_amount"):
            items = _get(data, ("funding", "services")) or []
            total += len(items) if key == "services" else sum(i.get("amount", 0) for i in items)
        elif key in ("awards", "nominations"):
            total += sum(i.get("count", 1) for i in data.get(key) or [])
        else:
            total += _get(data, tuple(key.split("."))) or 0
    return total


KEYS = [(f.key, ".".join(f.path)) for f in FIGURES] + [(k, k) for k in LIST_FIGURES]


@cache
def summary_rows(*args: str) -> dict[str, dict[str, Any]]:
    run = run_cli(["summary", "annual", "--year", str(YEAR), "--format", "json", "--as-of", AS_OF, *args], REPO)
    assert run.exit_code == 0, run.stderr
    tables = {t["table"]: t for t in run.json()}
    return {r["figure"]: r for r in tables["annual"]["rows"]}


@pytest.mark.parametrize(("key", "path"), KEYS, ids=[k for k, _ in KEYS])
def test_every_summary_figure_is_the_sum_over_the_records(key: str, path: str) -> None:
    row = summary_rows()[key]
    assert (row["value"] or 0) == plain_sum(YEAR, path)
    assert (row["previous"] or 0) == plain_sum(YEAR - 1, path)


def test_the_sample_gives_most_figures() -> None:
    """A figure test over zeros proves nothing: the sample gives all figures but group members."""
    rows = summary_rows()
    assert [k for k, _ in KEYS if not rows[k]["value"]] == ["members_group"]


def _orgs_where(folder: str, field: str, value: str) -> frozenset[str]:
    found = (_load(p) for p in (REPO / "records" / folder).glob("*.yaml"))
    return frozenset(d["id"] for d in found if d.get(field) == value)


def test_where_scopes_by_the_organisation() -> None:
    """``--where discipline=engineering``: the engineering societies' records, and those of the party cells
    covering one (as every summary scopes party cells, query/scope.py)."""
    societies = _orgs_where("societies", "discipline", "engineering")
    cells = (_load(p) for p in (REPO / "records" / "party-cells").glob("*.yaml"))
    engineering = societies | {c["id"] for c in cells if set(c.get("covers") or []) & societies}
    rows = summary_rows("--where", "discipline=engineering")
    assert engineering
    for key, path in KEYS:
        assert (rows[key]["value"] or 0) == plain_sum(YEAR, path, engineering), key


def test_category_level_and_organisation_tables_add_up() -> None:
    run = run_cli(["summary", "annual", "--year", str(YEAR), "--format", "json", "--as-of", AS_OF], REPO)
    tables = {t["table"]: t["rows"] for t in run.json()}
    by_category = {r["category"]: r for r in tables["annual-categories"]}
    assert by_category["academic"]["events"] == plain_sum(YEAR, "academic.events")
    assert by_category["popular"]["participants"] == plain_sum(YEAR, "popular.audience")
    listed = [e for d in _records(YEAR) for e in d.get("events") or []]
    by_level = {r["level"]: r for r in tables["annual-levels"]}
    for level in ("national", "provincial", "municipal", "district"):
        assert by_level[level]["events"] == sum(1 for e in listed if e.get("level") == level)
        awards = sum(a.get("count", 1) for d in _records(YEAR) for a in d.get("awards") or [] if a["level"] == level)
        assert by_level[level]["awards"] == awards
    orgs = tables["annual-orgs"]
    assert len(orgs) == len(list(_records(YEAR)))
    assert sum(r["academic_events"] or 0 for r in orgs) == plain_sum(YEAR, "academic.events")


def _sentence(year: int) -> str:
    events, people = plain_sum(year, "academic.events"), plain_sum(year, "academic.participants")
    before = plain_sum(year - 1, "academic.events")
    change = Fraction(events - before, before) * 100
    word = "增长" if change > 0 else "下降"
    shown = (Decimal(abs(change.numerator)) / Decimal(change.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"全年举办学术活动{events}场、参与{people}人次，同比{word}{shown}%"


def test_the_report_says_and_tables_the_same_figures(tmp_path: Path) -> None:
    outputs = {}
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"report.{fmt}"
        run = run_cli(["report", "--year", str(YEAR), "--format", fmt, "-o", str(target), "--as-of", AS_OF], REPO)
        assert run.exit_code == 0, run.stderr
        outputs[fmt] = target.read_bytes()
    sentence = _sentence(YEAR)
    md = outputs["md"].decode()
    assert "## 三、2025年度工作总结" in md and sentence in md
    assert f"| 学术活动   | 学术活动场次           | {plain_sum(YEAR, 'academic.events')}" in md
    html = outputs["html"].decode()
    assert '<section id="work" data-year="2025">' in html and sentence in html
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as book:
        document = book.read("word/document.xml").decode()
    assert "2025年度工作总结" in document and sentence in document
