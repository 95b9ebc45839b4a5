"""The year's sums read each annual record a few times, not once per figure (issue 21, speed at 10,000
organisations x 5 years).

``summary`` and ``report`` add up some 30 figures over every annual record of two years. Each record's
data is read once for all its figures and once for its lists (``figures.annual.figure_values``,
``list_values``), not once per figure through ``Record.get``; these tests hold that without timing
anything, and hold the one-pass readers to the per-figure ones they replace, on records with every
kind of odd value.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from kexie_cli.figures.annual import (
    BY_KEY,
    CATEGORIES,
    DECLARED,
    FIGURES,
    LIST_FIGURES,
    Figure,
    events,
    figure_plan,
    figure_values,
    list_total,
    list_values,
    value,
)
from kexie_cli.figures.annual_sums import by_category, by_level, by_org, totals
from kexie_cli.records.file import RecordFile
from kexie_cli.records.model import Record, integer
from kexie_cli.validate.cached_records import FACT_KEYS, CachedRecord

ODD: list[Any] = [None, True, False, "12", 1.5, [], {}, [3], {"events": 4}, -2, 0, 7]


def _annual(org: str, year: int, body: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"{org}-{year}", "kind": "annual", "org": org, "year": year, **body}


def _file(data: dict[str, Any]) -> RecordFile:
    rel = f"records/annual/{data['year']}/{data['id']}.yaml"
    return RecordFile(f"/nowhere/{rel}", rel, "annual", regular=True)


class CountingRecord(CachedRecord):
    """A cached annual record (facts answer, data made on first use) that counts the reads of its data."""

    reads = 0

    @property
    def data(self) -> dict[str, Any] | None:
        CountingRecord.reads += 1
        return super().data

    @data.setter
    def data(self, value: dict[str, Any] | None) -> None:
        self._data = value


def _cached(data: dict[str, Any]) -> CountingRecord:
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    facts = {k: v for k, v in data.items() if k in FACT_KEYS}
    return CountingRecord(_file(data), facts, raw, lambda b: json.loads(b.decode("utf-8")))


def _full(org: str, year: int, n: int) -> dict[str, Any]:
    """An annual record that gives every figure and every list."""
    body: dict[str, Any] = {}
    for i, figure in enumerate(FIGURES):
        node = body
        for part in figure.path[:-1]:
            node = node.setdefault(part, {})
        node[figure.path[-1]] = n + i
    body["funding"]["services"] = [{"amount": 1000 * n}, {"title": "x"}]
    body["awards"] = [{"level": "provincial", "count": 2}, {"level": "national"}]
    body["nominations"] = []
    body["events"] = [
        {"date": f"{year}-05-01", "category": "academic", "level": "municipal", "participants": 40},
        {"date": f"{year}-06-01", "category": "training", "level": "district", "participants": 12},
    ]
    return _annual(org, year, body)


def test_totals_read_each_record_s_data_twice_not_once_per_figure() -> None:
    """Each record of the two years is read twice (its figures, its lists); the sums before read it once per
    figure and list (31 times); a record of another year not at all."""
    records = [_cached(_full(f"org-{i}", year, i)) for i in range(6) for year in (2024, 2025)]
    records.append(_cached(_full("org-old", 2021, 3)))  # another year: its data is never made
    CountingRecord.reads = 0
    found = totals(records, 2025)
    assert CountingRecord.reads == 2 * 12
    assert not records[-1].made
    assert {f.key: f.value for f in found}["academic_events"] == sum(range(6))


@pytest.mark.parametrize("tables", [by_category, by_level, by_org])
def test_the_tables_read_each_record_a_few_times_not_once_per_figure(tables: Any) -> None:
    records = [_cached(_full(f"org-{i}", year, i)) for i in range(5) for year in (2024, 2025)]
    CountingRecord.reads = 0
    tables(records, 2025)
    assert CountingRecord.reads <= 4 * len(records)


def _odd_records() -> list[Record]:
    """Annual records whose figures are every odd value the schema may let through or the loader may give."""
    out: list[Record] = []
    for i, odd in enumerate(ODD):
        body: dict[str, Any] = {
            "academic": {"events": odd, "participants": i, "national": odd},
            "popular": odd if i % 3 == 0 else {"events": i, "audience": odd, "science_day_events": odd},
            "members": odd,
            "evaluations": odd,
            "standards": i,
            "party": {"meetings": odd},
            "funding": {"services": odd} if i % 2 else odd,
            "awards": odd if i % 4 else [{"count": odd, "level": odd}, odd],
            "nominations": [{"count": i, "level": "national"}] if i % 5 else odd,
            "events": [
                {"category": odd, "participants": i, "level": "municipal"},
                {"category": "academic", "participants": odd},
                {"category": "popular", "participants": i, "level": odd},
                {"category": ["academic"], "participants": 1},
                odd,
            ],
        }
        for year in (2024, 2025):
            data = _annual(f"odd-{i}", year, body)
            out.append(Record(_file(data), data))
            out.append(_cached(data))
    return out


def test_figure_values_are_value_of_each_figure() -> None:
    for record in _odd_records():
        assert figure_values(record) == {f.key: value(record, f) for f in FIGURES}
        some = [BY_KEY["popular_audience"], BY_KEY["academic_events"], BY_KEY["standards"]]
        assert figure_values(record, figure_plan(some)) == {f.key: value(record, f) for f in some}


def test_list_values_are_list_total_where_the_list_is_given() -> None:
    for record in _odd_records():
        expected: dict[str, int | None] = {}
        for key in LIST_FIGURES:
            holder = ("funding", "services") if key.startswith("services") else (key,)
            expected[key] = list_total(record, key) if record.get(*holder) is not None else None
        assert list_values(record) == expected


def category_figures(record: Record, category: str) -> tuple[int, int]:
    """(events, participants) of one category in one record, one category at a time (the sums before)."""
    listed = [e for _, e in events(record) if e.get("category") == category]
    counted = (len(listed), sum(integer(e.get("participants")) or 0 for e in listed))
    declared = DECLARED.get(category)
    if declared is None:
        return counted
    n, people = integer(record.get(*declared[0])), integer(record.get(*declared[1]))
    return (counted[0] if n is None else n, counted[1] if people is None else people)


def test_the_category_table_is_category_figures_added_up() -> None:
    records = _odd_records()
    rows = {row.code: row for row in by_category(records, 2025)}
    for code in CATEGORIES:
        pairs = [category_figures(r, code) for r in records if r.get("year") == 2025]
        assert rows[code].values == {"events": sum(p[0] for p in pairs), "participants": sum(p[1] for p in pairs)}
        before = [category_figures(r, code) for r in records if r.get("year") == 2024]
        assert rows[code].previous == {"events": sum(p[0] for p in before), "participants": sum(p[1] for p in before)}


def test_a_figure_is_one_or_two_keys_deep() -> None:
    with pytest.raises(ValueError, match="one or two keys"):
        figure_plan([Figure("a_b_c", ("a", "b", "c"), "甲", "a", "academic")])
