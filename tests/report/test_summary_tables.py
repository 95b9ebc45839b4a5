"""The summary tables the report added: elections by quarter, inspections by year, pass and report rates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli import kinds
from tests.conftest import AS_OF, REPO, TODAY, run_cli
from tests.query.conftest import as_date, raw_records

LIVE = {"active", "dormant", "suspended"}


def tables() -> dict[str, Any]:
    run = run_cli(["summary", "--format", "json", "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    return {t["table"]: t for t in run.json()}


def test_elections_completed_this_year() -> None:
    """A 换届 this year: a current term started in this year, up to today, that is not the first term."""
    expected = {"society": 0, "branch": 0, "party-cell": 0}
    for folder, records in raw_records().items():
        if kinds.FOLDER_KINDS[folder] not in expected:
            continue
        for record in records:
            term = record.get("term")
            if record.get("status") not in LIVE or not isinstance(term, dict):
                continue
            if record.get("form") == "working-group" or record.get("category") == "C":
                continue  # appointed, or a C 类 cell without 换届 duties (docs/party.md)
            started = as_date(term.get("started"))
            renewed = term.get("number", 0) >= 2 or bool(record.get("past_terms"))
            if started and started.year == TODAY.year and started <= TODAY and renewed:
                expected[kinds.FOLDER_KINDS[folder]] += 1
    total = tables()["elections"]["total"]
    assert {k: total[f"completed_{k}"] for k in expected} == expected
    assert total["completed_this_year"] == sum(expected.values()) > 0


def test_elections_terms_ending_per_quarter() -> None:
    rows = tables()["elections"]["rows"]
    assert [r["quarter"] for r in rows] == [f"{y}Q{q}" for y in (2026, 2027) for q in (1, 2, 3, 4)]
    ends: dict[str, int] = {}
    found = raw_records()
    society_years = {s["id"]: s["term"]["years"] for s in found["societies"] if isinstance(s.get("term"), dict)}
    for records in found.values():
        for record in records:
            term = record.get("term")
            if record.get("status") not in LIVE or not isinstance(term, dict):
                continue
            if record.get("form") == "working-group":  # appointed: no term ends, no 换届
                continue
            started = as_date(term["started"])
            assert started is not None
            end = as_date(term.get("extended_to"))
            # a 分支机构 without years serves as long as its society (docs/registry.md)
            years = term["years"] if "years" in term else society_years.get(record["parent"], 5)
            if end is None:
                try:
                    end = started.replace(year=started.year + years)
                except ValueError:
                    end = dt.date(started.year + years, 2, 28)
            key = f"{end.year}Q{(end.month - 1) // 3 + 1}"
            ends[key] = ends.get(key, 0) + 1
    assert {r["quarter"]: r["ends"] for r in rows} == {r["quarter"]: ends.get(r["quarter"], 0) for r in rows}


def test_inspection_history_and_rates() -> None:
    found = tables()
    history = found["inspection-history"]["rows"]
    latest = {r["result"]: r["count"] for r in found["inspections"]["rows"]}
    assert history[-1]["year"] == 2025 and [r["year"] for r in history] == [2021, 2022, 2023, 2024, 2025]
    assert {k: v for k, v in history[-1].items() if k not in {"year", "total"}} == latest
    total = found["inspections"]["total"]
    verdicts = latest["pass"] + latest["basic-pass"] + latest["fail"]
    assert total["pass_rate"] == round((latest["pass"] + latest["basic-pass"]) / verdicts, 4)
    due = total["count"] - latest["exempt"]
    assert total["report_rate"] == round((verdicts + latest["submitted"]) / due, 4)
