"""A terminal table too wide for the screen leaves optional columns out and says which (issue 25).

``summary branches`` at 80 columns dropped 医院科协 and 地市科协 without a word.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from tests.conftest import AS_OF, REPO
from tests.output.ptyrun import run_many

CAPTION = re.compile(r"另有(\d+)列未显示（([^）]*)），请加宽终端或用 --format plain、csv 查看全部列")
COMMAND = ["summary", "branches", "--as-of", AS_OF]


@cache
def screen(columns: int) -> str:
    [text] = run_many([COMMAND], columns, cwd=REPO)
    return text


def header_cells(text: str) -> int:
    """How many columns the table on the screen has (from its rule under the header)."""
    [rule] = [line for line in text.splitlines() if "╇" in line]
    return rule.count("╇") + 1


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_every_column_is_shown_or_named(columns: int) -> None:
    everything = header_cells(screen(120))
    assert not CAPTION.search(screen(120))
    text = screen(columns)
    shown = header_cells(text)
    found = CAPTION.search(text.replace("\n", ""))
    if shown == everything:
        assert found is None
        return
    assert found is not None, text[-600:]
    count, names = int(found.group(1)), found.group(2).split("、")
    assert shown + count == everything
    assert len(names) == count and all(names)


def test_80_columns_drops_and_says_so() -> None:
    found = CAPTION.search(screen(80).replace("\n", ""))
    assert found is not None
    assert "医院" in found.group(2)


def test_english_caption() -> None:
    [text] = run_many([[*COMMAND, "--lang", "en"]], 80, cwd=REPO)
    assert "more columns not shown (" in text.replace("\n", " ")
