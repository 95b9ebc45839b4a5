"""``--format plain`` tables are written without tabulate, byte for byte as tabulate writes them
(reporters/plain.py): the width table is checked code point by code point against wcwidth, and
whole tables of mixed text against tabulate itself."""

from __future__ import annotations

import subprocess
import sys

import pytest
import wcwidth
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from kexie_cli.reporters import plain

#: the ranges reporters/plain.py measures itself, each character with its expected width
RANGES = [
    *((chr(c), 1) for c in range(0x20, 0x7F)),
    ("\u00b7", 1),
    *((chr(c), 1) for c in range(0x2010, 0x2028)),
    *((chr(c), 2) for c in range(0x3000, 0x302A)),
    *((chr(c), 2) for c in range(0x3030, 0x303F)),
    *((chr(c), 2) for c in range(0x3400, 0x4DC0)),
    *((chr(c), 2) for c in range(0x4E00, 0xA000)),
    *((chr(c), 2) for c in range(0xFF01, 0xFF61)),
    *((chr(c), 2) for c in range(0xFFE0, 0xFFE7)),
]


def reference(rows: list[list[str]], headers: list[str]) -> str:
    return str(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))


def test_every_character_of_the_width_table_is_as_wide_as_wcwidth_says() -> None:
    wrong = [(hex(ord(c)), w, wcwidth.wcwidth(c)) for c, w in RANGES if wcwidth.wcwidth(c) != w]
    assert not wrong
    known = [c for c, _ in RANGES]
    assert all(plain._KNOWN.fullmatch(c) for c in known)
    assert not plain._KNOWN.fullmatch("\u302a")  # a combining mark inside the CJK punctuation block: wcwidth's
    assert not plain._KNOWN.fullmatch("\u303f")  # the half-width ideographic space: wcwidth's


# Text as in records and beyond: ASCII, CJK, full-width punctuation, ambiguous and combining
# characters, emoji with joiners and selectors, other whitespace; and the words True/False
# (tabulate's type guessing), empty cells and cells with spaces around them.
ALPHABET = st.sampled_from(
    list("aZ09 -_.,:/%()[]")
    + list("学会科协主席（）：、。《》「」〔〕")
    + ["\u3000", "\u00b7", "\u2014", "\u201c"]
    + ["\u0301", "\u200d", "\ufe0f", "\U0001f468", "\U0001f469", "\u00e9", "\u0e01", "\u1100", "\u00a0", "\u2028"]
)
CELL = st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(["", "True", "False", " x ", "  "]))


@settings(max_examples=400, deadline=None)
@given(data=st.data(), columns=st.integers(1, 5), count=st.integers(1, 6))
def test_tables_are_written_as_tabulate_writes_them(data: st.DataObject, columns: int, count: int) -> None:
    headers = data.draw(st.lists(CELL, min_size=columns, max_size=columns))
    rows = data.draw(st.lists(st.lists(CELL, min_size=columns, max_size=columns), min_size=count, max_size=count))
    assert plain.simple_table(rows, headers) == reference(rows, headers)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([c for c, _ in RANGES[::97]] + ["\u3000", "\uff08"]), max_size=20))
def test_width_of_known_text_is_wcswidth(text: str) -> None:
    assert plain.width(text) == wcwidth.wcswidth(text)


@pytest.mark.parametrize(
    ("rows", "headers"),
    [
        ([["a\nb", "c"]], ["x", "y"]),  # a line break: tabulate's multi-line layout
        ([["\x1b[31mred\x1b[0m", "c"]], ["x", "y"]),  # terminal codes
        ([["a", "b", "c"]], ["x", "y"]),  # more cells than headers
    ],
)
def test_what_this_module_does_not_reproduce_goes_to_tabulate(rows: list[list[str]], headers: list[str]) -> None:
    assert plain.simple_table(rows, headers) == reference(rows, headers)


def test_a_table_of_known_text_does_not_import_tabulate_or_wcwidth() -> None:
    code = (
        "import sys\n"
        "from kexie_cli.reporters.plain import simple_table\n"
        "simple_table([['示例市植物学会', 'active', '2026-05-31（逾期）'], ['a', '', 'b']], ['全称', '状态', '届满'])\n"
        "print(sorted(m for m in ('tabulate', 'wcwidth') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
