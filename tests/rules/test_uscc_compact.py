"""K206 compacts codes as stdnum does, with a shortcut for plain ASCII codes."""

from __future__ import annotations

import string

import pytest
from stdnum.cn import uscc

from kexie_cli.rules.integrity import compact_uscc


def test_every_ascii_letter_and_digit_compacts_to_its_upper_case() -> None:
    # stdnum works character by character, so this covers every plain ASCII code
    for char in string.ascii_letters + string.digits:
        assert uscc.compact(char) == char.upper() == compact_uscc(char)


@pytest.mark.parametrize(
    "value",
    ["51330100MJ00000001", "51330100mj00000001", " 51330100-MJ0000 0001 ", "５1330100MJ00000001", "a'b`c", "x\u2013y"],
)
def test_same_as_stdnum(value: str) -> None:
    assert compact_uscc(value) == uscc.compact(value)
