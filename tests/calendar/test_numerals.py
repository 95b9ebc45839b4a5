"""Chinese numerals for 届次."""

from __future__ import annotations

import pytest

from kexie_cli.numerals import chinese_number, term_label


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "第一届"),
        (8, "第八届"),
        (10, "第十届"),
        (11, "第十一届"),
        (19, "第十九届"),
        (20, "第二十届"),
        (21, "第二十一届"),
        (99, "第九十九届"),
        (100, "第一百届"),
        (101, "第一百零一届"),
        (110, "第一百一十届"),
        (1001, "第一千零一届"),
    ],
)
def test_term_label(n: int, text: str) -> None:
    assert term_label(n) == text


def test_unknown_number_has_no_label() -> None:
    assert term_label(None) == ""
    assert term_label(0) == ""


def test_english_ordinals() -> None:
    assert [term_label(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th",
    ]  # fmt: skip


def test_zero_and_out_of_range() -> None:
    assert chinese_number(0) == "零"
    assert chinese_number(10000) == "10000"
