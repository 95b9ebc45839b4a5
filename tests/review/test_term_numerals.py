"""The semantic diff writes 届次 with the same numerals as letters and the calendar."""

from __future__ import annotations

from typing import Any

import pytest

from kexie_cli.numerals import chinese_number
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.review.semdiff import diff_records


def changes(old: dict[str, Any], new: dict[str, Any], lang: str = "zh") -> dict[str, tuple[str | None, str | None]]:
    found = diff_records("society", old, new, SchemaSet(None), lang)
    return {c.field: (c.old, c.new) for c in found}


@pytest.mark.parametrize(
    ("number", "shown"), [(9, "九"), (10, "十"), (20, "二十"), (99, "九十九"), (105, "一百零五"), (110, "一百一十")]
)
def test_term_number_in_chinese(number: int, shown: str) -> None:
    assert chinese_number(number) == shown
    old, new = {"term": {"number": number - 1}}, {"term": {"number": number}}
    assert changes(old, new)["term.number"] == (f"第{chinese_number(number - 1)}届", f"第{shown}届")


def test_past_term_label_in_chinese() -> None:
    term = {"number": 105, "started": "2020-01-10", "ended": "2025-01-10"}
    found = diff_records("society", {"past_terms": []}, {"past_terms": [term]}, SchemaSet(None), "zh")
    assert [(c.field, c.label) for c in found] == [("past_terms.105", "往届 第一百零五届")]


def test_odd_term_numbers_are_shown_as_written() -> None:
    assert changes({"term": {"number": 7}}, {"term": {"number": "八"}})["term.number"] == ("第七届", "第八届")
    assert changes({"term": {"number": 7}}, {"term": {"number": True}})["term.number"] == ("第七届", "第True届")
    assert changes({"term": {"number": 7}}, {"term": {"number": 105}}, "en")["term.number"] == ("term 7", "term 105")
