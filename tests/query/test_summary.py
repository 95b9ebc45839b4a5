"""kexie summary on the sample registry, each figure against a count written here from the raw YAML."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kexie_cli import kinds
from tests.conftest import AS_OF, REPO, TODAY, run_cli, write_registry
from tests.query.conftest import as_date, json_rows
from tests.query.small import FILES, SETTINGS

LIVE = {"active", "dormant", "suspended"}
Raw = dict[str, list[dict[str, Any]]]


def tables(*names: str) -> dict[str, dict[str, Any]]:
    run = run_cli(["summary", *names, "--format", "json", "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert isinstance(data, list)
    return {t["table"]: t for t in data}


def live(sample: Raw, folder: str) -> list[dict[str, Any]]:
    return [r for r in sample[folder] if r.get("status") in LIVE]


def test_all_tables_have_title_and_headline() -> None:
    found = tables()
    assert list(found) == [
        "levels",
        "stars",
        "npo",
        "party",
        "grassroots",
        "branches",
        "districts",
        "three-heads",
        "members",
        "terms",
        "inspections",
        "elections",
        "inspection-history",
        "kinds",
        *(f"counts-{k.folder}" for k in kinds.KINDS),
    ]
    for table in found.values():
        assert table["title"] and table["headline"]


def test_levels_by_discipline(sample: Raw) -> None:
    societies = live(sample, "societies")
    expected = Counter((s["level"], s["discipline"]) for s in societies)
    table = tables("levels")["levels"]
    for row in table["rows"]:
        for discipline in ("science", "engineering", "agriculture", "medicine", "interdisciplinary"):
            assert row[discipline] == expected[(row["level"], discipline)]
        assert row["total"] == sum(n for (lv, _), n in expected.items() if lv == row["level"])
    assert table["total"]["total"] == len(societies)
    assert f"在册科技社团{len(societies)}家" in table["headline"]


def test_stars_in_force(sample: Raw) -> None:
    # district-level societies count per 区县, not in the city's ratios (docs/registry.md)
    societies = [s for s in live(sample, "societies") if s["level"] != "district"]
    latest = {}
    for s in societies:
        ratings = sorted((e["year"], e["stars"]) for e in s.get("stars") or [])
        if ratings and TODAY.year - ratings[-1][0] <= 3:
            latest[s["id"]] = ratings[-1][1]
    counts = Counter(latest.values())
    table = tables("stars")["stars"]
    assert {r["stars"]: r["count"] for r in table["rows"]} == {n: counts[n] for n in (5, 4, 3, 2, 1)} | {
        "4+": counts[4] + counts[5]
    }
    assert [r["stars"] for r in table["rows"]] == [5, 4, "4+", 3, 2, 1]
    assert table["total"]["count"] == len(latest)
    share = round(len(latest) / len(societies), 4)
    assert table["total"]["share"] == share
    assert table["headline"].startswith(f"星级学会{len(latest)}家，占比 {share:.1%}")


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _expiry(grade: dict[str, Any]) -> dt.date:
    if "expires" in grade:
        return as_date(grade["expires"])  # type: ignore[return-value]
    granted = as_date(grade["granted"])
    assert granted is not None
    return _years_later(granted, 5)


def test_npo_grades_in_force(sample: Raw) -> None:
    societies = [s for s in live(sample, "societies") if s.get("npo_grade")]
    valid = Counter(s["npo_grade"]["grade"] for s in societies if _expiry(s["npo_grade"]) >= TODAY)
    table = tables("npo")["npo"]
    assert {r["grade"]: r["count"] for r in table["rows"]} == {g: valid[g] for g in ("5A", "4A", "3A", "2A", "1A")}
    assert table["total"]["count"] == sum(valid.values())
    expired = sum(1 for s in societies if _expiry(s["npo_grade"]) < TODAY)
    assert f"已过期{expired}家" in table["headline"]


def test_party_coverage(sample: Raw) -> None:
    covered = {target for c in live(sample, "party-cells") for target in c.get("covers") or []}
    organisation = {
        target
        for c in live(sample, "party-cells")
        if c["form"] != "working-group"  # a 党的工作小组 is 党的工作覆盖 only (docs/party.md)
        for target in c.get("covers") or []
    }
    table = {r["kind"]: r for r in tables("party")["party"]["rows"]}
    for kind, folder in (("society", "societies"), ("branch", "branches")):
        records = live(sample, folder)  # district-level societies too (as `kexie party` and K501 count them)
        org = [r for r in records if r["id"] in organisation]
        work = [r for r in records if r["id"] in covered or r.get("liaison")]
        assert table[kind]["total"] == len(records)
        assert table[kind]["organisation"] == len(org)
        assert table[kind]["work"] == len(work)
        assert table[kind]["organisation_rate"] == round(len(org) / len(records), 4)


def test_grassroots_coverage(sample: Raw) -> None:
    settings = YAML(typ="safe", pure=True).load((REPO / "kexie.yaml").read_text(encoding="utf-8"))
    types = Counter(b["type"] for b in live(sample, "branches"))
    rows = {r["type"]: r for r in tables("grassroots")["grassroots"]["rows"]}
    for kind in ("township", "village"):
        assert rows[kind]["count"] == types[kind]
        assert rows[kind]["total"] == settings["coverage"][kind]
        assert rows[kind]["rate"] == round(types[kind] / settings["coverage"][kind], 4)


def test_branches_by_district_and_type(sample: Raw) -> None:
    branches = live(sample, "branches")
    by_id = {b["id"]: b for b in sample["branches"]}

    def district(b: dict[str, Any]) -> str | None:
        while b is not None:
            if b["type"] == "district":
                return str(b["id"])
            b = by_id.get(b.get("parent", ""))  # type: ignore[assignment]
        return None

    expected = Counter((district(b), b["type"]) for b in branches)  # a 区县科协 in its own row
    table = tables("branches")["branches"]
    for row in table["rows"]:
        for kind in ("district", "enterprise", "university", "agency", "township", "village", "hospital"):
            key = "district_branch" if kind == "district" else kind
            assert row[key] == expected[(row["district"], kind)], (row["district"], kind)
    for kind in ("enterprise", "university", "agency"):
        assert table["total"][kind] == sum(n for (_, t), n in expected.items() if t == kind)
    assert table["total"]["total"] == sum(expected.values()) == len(branches)


def test_three_heads(sample: Raw) -> None:
    people = Counter(h["role"] for b in live(sample, "branches") for h in b.get("three_heads") or [])
    holders = {b["id"] for b in live(sample, "branches") if b.get("three_heads")}
    table = tables("three-heads")["three-heads"]
    assert {r["role"]: r["people"] for r in table["rows"]} == {
        k: people[k] for k in ("hospital", "school", "agri-station", "museum", "enterprise-rd")
    }
    assert people["museum"] and people["enterprise-rd"]  # 三长+X in the sample
    assert table["total"] == {"role": "total", "people": sum(people.values()), "branches": len(holders)}


def test_districts(sample: Raw) -> None:
    """District-level societies per 区县 (their ``district``), and the average per 区县."""
    districts = {b["id"] for b in live(sample, "branches") if b["type"] == "district"}
    counts = Counter(s.get("district") for s in live(sample, "societies") if s["level"] == "district")
    table = tables("districts")["districts"]
    assert {r["district"]: r["societies"] for r in table["rows"] if r["district"]} == {d: counts[d] for d in districts}
    total = sum(counts.values())
    assert table["total"]["societies"] == total
    assert table["total"]["average"] == round(total / len(districts), 1)
    assert (
        f"{len(districts)}个区县平均每个区县{total / len(districts):.1f}家（目标：超过20家，未达到）"
        in table["headline"]
    )


def test_members_totals(sample: Raw) -> None:
    table = {r["kind"]: r for r in tables("members")["members"]["rows"]}
    for kind, folder in (("society", "societies"), ("branch", "branches")):
        records = live(sample, folder)
        for key in ("individual", "group"):
            assert table[kind][key] == sum((r.get("members") or {}).get(key, 0) for r in records)


def _minus_six_months(day: dt.date) -> dt.date:
    month = day.month - 6
    year = day.year
    if month <= 0:
        month, year = month + 12, year - 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError(day)


def test_term_states(sample: Raw) -> None:
    table = {r["kind"]: r for r in tables("terms")["terms"]["rows"]}
    for kind, folder in (("society", "societies"), ("branch", "branches"), ("party-cell", "party-cells")):
        counts: Counter[str] = Counter()
        for record in live(sample, folder):
            term = record.get("term")
            # appointed (a working group) or a C 类 cell without duties (issue 20): no 换届, its own column
            if record.get("form") == "working-group" or record.get("category") == "C":
                counts["appointed"] += 1
                continue
            if not term:
                counts["none"] += 1
                continue
            started = as_date(term["started"])
            assert started is not None
            end = as_date(term.get("extended_to")) or _years_later(started, term["years"])
            state = "overdue" if end < TODAY else "due" if _minus_six_months(end) <= TODAY else "current"
            counts[state] += 1
        for state in ("current", "due", "overdue", "none", "appointed"):
            assert table[kind][state] == counts[state], (kind, state)


def test_inspections_for_report_year(sample: Raw) -> None:
    year = 2025  # the 2025 reports were due 2026-05-31, before 2026-11-23
    counts: Counter[str] = Counter()
    for record in live(sample, "societies"):
        entries = [e for e in record.get("inspections") or [] if e["year"] == year]
        founded = as_date(record["founded"])
        if entries:
            counts[entries[0]["result"]] += 1
        elif founded is not None and founded > dt.date(year, 6, 30):
            counts["exempt"] += 1
        else:
            counts["none"] += 1
    table = tables("inspections")["inspections"]
    assert {r["result"]: r["count"] for r in table["rows"] if r["count"]} == dict(counts)
    assert table["title"].startswith("2025")


@pytest.mark.parametrize("fmt", ["plain", "md", "table"])
def test_text_formats_show_titles_totals_and_headlines(fmt: str) -> None:
    run = run_cli(["summary", "stars", "--format", fmt, "--as-of", AS_OF], REPO)
    assert run.exit_code == 0
    assert "星级学会" in run.stdout and "合计" in run.stdout and "占比" in run.stdout


def test_unknown_table_is_a_usage_error() -> None:
    run = run_cli(["summary", "nonsense", "--as-of", AS_OF], REPO)
    assert run.exit_code == 2
    assert "没有统计表 nonsense" in run.stderr


def test_csv_needs_one_table() -> None:
    assert run_cli(["summary", "--format", "csv", "--as-of", AS_OF], REPO).exit_code == 2
    run = run_cli(["summary", "levels", "--format", "csv", "--as-of", AS_OF], REPO)
    assert run.exit_code == 0 and run.stdout.startswith("级别,")


def test_small_registry_figures_counted_by_hand(tmp_path: Path) -> None:

    root = write_registry(tmp_path / "reg", FILES, SETTINGS)
    run = run_cli(["summary", "--format", "json", "--as-of", AS_OF], root)
    found = {t["table"]: t for t in json_rows(run)}
    # two societies on the books (old-xuehui is revoked); jining-yixuehui is district-level and counts for its
    # 区县, not in the city's ratios: shuili-xuehui alone, whose 5-star rating is recent
    assert found["stars"]["total"] == {"stars": "total", "count": 1, "share": 1.0}
    assert found["stars"]["headline"].startswith("星级学会1家，占比 100.0%（在册科技社团1家，不含区县级1家）")
    assert "另有" not in found["stars"]["headline"]  # jining-yixuehui's old rating is not the city's
    societies = found["party"]["rows"][0]
    assert (societies["organisation"], societies["work"]) == (1, 2)  # jining-yixuehui has a liaison only
    assert found["levels"]["total"]["total"] == 2  # counted by level, both are there
    district = found["districts"]["total"]
    assert (district["societies"], district["districts"], district["average"]) == (1, 1, 1.0)
    township = found["grassroots"]["rows"][0]
    assert (township["count"], township["total"], township["rate"]) == (1, 4, 0.25)
    inspections = {r["result"]: r["count"] for r in found["inspections"]["rows"] if r["count"]}
    assert inspections == {"basic-pass": 1, "fail": 1}
    assert found["npo"]["total"]["count"] == 1
    assert found["three-heads"]["total"] == {"role": "total", "people": 1, "branches": 1}
    assert found["members"]["total"]["individual"] == 420
    terms = {r["kind"]: r for r in found["terms"]["rows"]}
    assert terms["society"]["due"] == 2 and terms["branch"]["none"] == 2
