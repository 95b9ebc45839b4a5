"""Property: for generated registries and days, every command counts the same thing the same.

Registries: societies founded and dissolved over 30 years, terms ending on the day, the day before
or the day after (换届 on boundary days), 党的工作小组 with terms of their own, 年报 handed in late or
early (a report for a year not yet due). Days: 1995–2028. Each figure is asked of every command
that reports it (docs/figures.md), and compared with a count made here from the generated data.
`make test` runs a small budget; `make test-slow` a large one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kexie_cli.terms import add_months, report_year
from tests.conftest import run_cli
from tests.figures.build import branch, cell, registry, society

LIVE = ("active", "dormant", "suspended")
RESULTS = ("pass", "basic-pass", "fail", "missing", "submitted")
FIRST, LAST = dt.date(1996, 1, 1), dt.date(2027, 12, 31)
DEADLINE = (5, 31)


def days(low: dt.date = FIRST, high: dt.date = LAST) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=low, max_value=high)


@st.composite
def term(draw: st.DrawFn, founded: dt.date, day: dt.date) -> dict[str, Any] | None:
    """A term started on or after founding; often ending on the day, the day before or the day after."""
    years = draw(st.integers(1, 5))
    boundary = draw(st.sampled_from([None, -1, 0, 1, 1 - 181]))
    if boundary is None:
        started = draw(days(founded, LAST))
    else:
        end = day + dt.timedelta(days=boundary)
        started = dt.date(end.year - years, end.month, min(end.day, 28))
    if started < founded:
        return None
    return {"number": draw(st.integers(1, 9)), "started": started.isoformat(), "years": years}


@st.composite
def society_record(draw: st.DrawFn, index: int, day: dt.date) -> dict[str, Any]:
    founded = draw(days())
    extra: dict[str, Any] = {"status": draw(st.sampled_from([*LIVE, "active", "revoked", "dissolved"]))}
    made = draw(st.one_of(st.none(), term(founded, day)))
    if made is not None:
        extra["term"] = made
    years = draw(st.lists(st.integers(founded.year, 2027), unique=True, max_size=5))
    extra["inspections"] = [{"year": y, "result": draw(st.sampled_from(RESULTS))} for y in sorted(years)]
    return society(f"s{index}", founded.isoformat(), **extra)


@st.composite
def registries(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dt.date]:
    day = draw(days(dt.date(1995, 1, 1), dt.date(2028, 12, 31)))
    societies = [draw(society_record(i, day)) for i in range(draw(st.integers(1, 6)))]
    cells = []
    for i in range(draw(st.integers(0, 3))):
        founded = draw(days())
        form = draw(st.sampled_from(["working-group", "branch", "working-group"]))
        covered = draw(st.sampled_from([s["id"] for s in societies]))
        extra: dict[str, Any] = {"members": {"full": 5}}
        made = draw(st.one_of(st.none(), term(founded, day)))
        if made is not None:
            extra["term"] = made | {"years": 3 if form == "branch" else made["years"]}
        cells.append(cell(f"c{i}", founded.isoformat(), form, [covered], **extra))
    branches = []
    for i in range(draw(st.integers(0, 2))):
        founded = draw(days())
        extra = {"status": draw(st.sampled_from([*LIVE, "dissolved"]))}
        made = draw(st.one_of(st.none(), term(founded, day)))
        if made is not None:
            extra["term"] = made
        btype = draw(st.sampled_from(["district", "township", "enterprise"]))
        branches.append(branch(f"b{i}", founded.isoformat(), btype, **extra))
    return [*societies, *branches, *cells], day


def on_books(record: dict[str, Any], day: dt.date) -> bool:
    return record["status"] in LIVE and dt.date.fromisoformat(record["founded"]) <= day


def term_state(record: dict[str, Any], day: dt.date) -> str | None:
    """Counted here from the data: the state of a term that is elected (not a 党的工作小组)."""
    made = record.get("term")
    if made is None or record.get("form") == "working-group" or not on_books(record, day):
        return None
    started = dt.date.fromisoformat(made["started"])
    try:
        end = started.replace(year=started.year + made["years"])
    except ValueError:
        end = dt.date(started.year + made["years"], 2, 28)
    if day > end:
        return "overdue"
    return "due" if day >= add_months(end, -6) else "current"


SQL_STATES = """
SELECT state, count(*) AS n FROM terms WHERE current = 1 AND record_id IN (
  SELECT id FROM societies WHERE status IN ('active', 'dormant', 'suspended')
  UNION SELECT id FROM branches WHERE status IN ('active', 'dormant', 'suspended')
  UNION SELECT id FROM party_cells WHERE status IN ('active', 'dormant', 'suspended')
) GROUP BY state
"""


def run_json(root: Path, *args: str) -> Any:
    run = run_cli([*args, "--format", "json"], root)
    assert run.exit_code in (0, 1), (args, run.stderr)
    return run.json()


def figures_of(root: Path, day: dt.date) -> dict[str, dict[str, int]]:
    """Each figure as each command reports it."""
    d = day.isoformat()
    found: Counter[str] = Counter(f["code"] for f in run_json(root, "check", "--as-of", d))
    due = Counter(e["state"] for e in run_json(root, "due-elections", "--as-of", d))
    tables = {t["table"]: t for t in run_json(root, "summary", "--as-of", d)}
    terms = tables["terms"]["total"]
    follow = Counter(f["code"] for f in run_json(root, "inspections", "--as-of", d)["follow_up"])
    sql = run_json(root, "sql", SQL_STATES, "--as-of", d)
    by_sql = {r["state"]: r["n"] for r in sql}
    party = run_json(root, "party", "--as-of", d)
    listed = [
        row
        for kind in ("societies", "branches", "party-cells")
        for row in run_json(root, "list", kind, "--columns", "id,status,founded,term.state", "--as-of", d)
    ]
    by_list = Counter(r["term.state"] for r in listed if r["status"] in LIVE and str(r["founded"] or "") <= d)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.json"
        assert run_cli(["export", "--format", "json", "-o", str(out), "--as-of", d], root).exit_code == 0
        exported = json.loads(out.read_text(encoding="utf-8"))["tables"]
        md = Path(tmp) / "report.md"
        assert run_cli(["report", "--format", "md", "-o", str(md), "--as-of", d], root).exit_code == 0
        said = re.search(r"在册科技社团(\d+)家", md.read_text(encoding="utf-8"))
        assert said is not None
    return {
        "overdue": {
            "check": found["K301"] + found["K505"],
            "due-elections": due["overdue"],
            "summary": terms["overdue"],
            "sql": by_sql.get("overdue", 0),
            "list": by_list["overdue"],
        },
        "due": {
            "check": found["K302"],
            "due-elections": due["due"],
            "summary": terms["due"],
            "sql": by_sql.get("due", 0),
            "list": by_list["due"],
        },
        "candidates": {"check": found["K402"], "inspections": follow["K402"]},
        "unreported": {
            "check": found["K401"],
            "inspections": follow["K401"],
            "summary": next(r["count"] for r in tables["inspections"]["rows"] if r["result"] == "none"),
        },
        "societies": {
            "summary": tables["levels"]["total"]["total"],
            "party": party["counts"]["total"] if "counts" in party else tables["party"]["rows"][0]["total"],
            "summary party": tables["party"]["rows"][0]["total"],
            "export": sum(1 for r in exported["societies"] if r["status"] in LIVE),
            "report": int(said.group(1)),
        },
        "founded later": {
            "export": sum(1 for t in exported.values() for r in t if str(r.get("founded") or "") > d),
        },
    }


def check(records: list[dict[str, Any]], day: dt.date) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = registry(Path(tmp) / "reg", records)
        figures = figures_of(root, day)
    states = Counter(term_state(r, day) for r in records)
    year = report_year(day, DEADLINE)
    expected = {
        "overdue": states["overdue"],
        "due": states["due"],
        "societies": sum(1 for r in records if r["kind"] == "society" and on_books(r, day)),
        "founded later": 0,
    }
    for name, by_command in figures.items():
        values = set(by_command.values())
        assert len(values) == 1, (name, by_command, day.isoformat(), year)
        if name in expected:
            assert values == {expected[name]}, (name, by_command, expected[name], day.isoformat())


# no shrinking: each example runs every command; the failing example is reported as generated
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]


@settings(max_examples=6, deadline=None, derandomize=True, phases=PHASES, suppress_health_check=list(HealthCheck))
@given(registries())
def test_every_command_counts_the_same(case: tuple[list[dict[str, Any]], dt.date]) -> None:
    check(*case)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, phases=PHASES, suppress_health_check=list(HealthCheck))
@given(registries())
def test_every_command_counts_the_same_many(case: tuple[list[dict[str, Any]], dt.date]) -> None:
    check(*case)
