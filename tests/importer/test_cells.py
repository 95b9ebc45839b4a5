"""Cell readers: each spelling, and never an exception other than Unreadable."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.importer import cells
from kexie_cli.importer.cells import Cell, Unreadable


@pytest.mark.parametrize(
    ("raw", "day", "precision"),
    [
        ("1980.05", "1980-05-01", "month"),
        ("2005.7", "2005-07-01", "month"),
        ("1981年3月", "1981-03-01", "month"),
        ("2023年1月8日", "2023-01-08", "day"),
        ("2022/04/15", "2022-04-15", "day"),
        ("1990-12", "1990-12-01", "month"),
        ("1995", "1995-01-01", "year"),
        ("１９９５年", "1995-01-01", "year"),
        (" 2001 . 9 . 30 ", "2001-09-30", "day"),
        (dt.datetime(2001, 9, 30, 8, 0), "2001-09-30", "day"),
        (dt.date(2001, 9, 30), "2001-09-30", "day"),
        (1995, "1995-01-01", "year"),
    ],
)
def test_dates(raw: Any, day: str, precision: str) -> None:
    found = cells.read_date(Cell(raw))
    assert (found.day.isoformat(), found.precision) == (day, precision)


def test_number_cell_dates() -> None:
    assert cells.read_date(Cell(1980.05)).day == dt.date(1980, 5, 1)
    assert cells.read_date(Cell(1980.1, decimals=2)).day == dt.date(1980, 10, 1)
    with pytest.raises(Unreadable) as caught:
        cells.read_date(Cell(1980.1))
    assert caught.value.key == "import.value.month_ambiguous"
    assert cells.read_date(Cell("1980.1")).day == dt.date(1980, 1, 1)  # typed as text: January


@pytest.mark.parametrize("raw", ["2023.13", "2023-02-30", "去年", "1850", "19800", "=TODAY()", True])
def test_bad_dates(raw: Any) -> None:
    with pytest.raises(Unreadable):
        cells.read_date(Cell(raw))


@pytest.mark.parametrize(
    ("raw", "number"), [("第八届", 8), (8, 8), (8.0, 8), ("第十一届", 11), ("二十", 20), ("第 3 届", 3)]
)
def test_term_numbers(raw: Any, number: int) -> None:
    assert cells.read_term_number(Cell(raw)) == number


def test_names() -> None:
    assert cells.read_name(Cell(" 示例市 测试 学会(筹) ")) == "示例市测试学会（筹）"
    assert cells.read_name(Cell("示例市IEEE  Photonics 分会")) == "示例市IEEE Photonics分会"
    assert cells.read_person(Cell("张　三")) == "张三"
    with pytest.raises(Unreadable):
        cells.read_name(Cell("示例\x00学会"))


def test_enum_labels() -> None:
    labels = {"chair": "理事长/主席", "secretary-general": "秘书长"}
    assert cells.read_enum(Cell("主席"), labels) == "chair"
    assert cells.read_enum(Cell("理事长/主席"), labels) == "chair"
    assert cells.read_enum(Cell("Secretary-General"), labels) == "secretary-general"


def test_enum_label_whose_words_are_all_of_one_code() -> None:
    """An export writes the generic 理事长/主席 for a kind without its own word; the label an import
    reads joins every kind's words (理事长/主席/主任委员/…), and the generic one must still read back."""
    labels = {"chair": "理事长/主席/主任委员/队长", "secretary-general": "秘书长/秘书"}
    assert cells.read_enum(Cell("理事长/主席"), labels) == "chair"
    assert cells.read_enum(Cell("主任委员 / 队长"), labels) == "chair"
    with pytest.raises(Unreadable):
        cells.read_enum(Cell("理事长/秘书长"), labels)


READERS: list[Callable[[Cell], Any]] = [
    cells.read_date,
    cells.read_int,
    cells.read_term_number,
    cells.read_name,
    cells.read_person,
    cells.read_bool,
    cells.read_uscc,
    cells.read_text,
    cells.split_list,
]
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates().map(lambda d: d),
    st.booleans(),
)


@given(VALUES, st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
def test_readers_never_crash(value: Any, decimals: int | None) -> None:
    cell = Cell(value, decimals=decimals)
    cells.display(cell)
    for reader in READERS:
        with contextlib.suppress(Unreadable):
            reader(cell)
