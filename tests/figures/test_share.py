"""kexie_cli.share: one rounding (half up from the exact fraction), one precision."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.share import Share, percent, points, share, xlsx_value


def test_the_cases_of_the_issue() -> None:
    assert percent(share(14, 17)) == "82.4%"  # 0.8235 rounded again gave 82.3%
    assert percent(share(3, 16)) == "18.8%"
    assert percent(share(2, 3)) == "66.7%"
    assert percent(share(1, 16)) == "6.3%"  # an exact half goes up
    assert percent(None) == "—" and percent(None, "") == ""
    assert json.dumps(share(14, 17)) == "0.8235"
    assert xlsx_value(Share(14, 17)) == 14 / 17


def half_up_tenths(value: Fraction) -> Decimal:
    """``value`` (in percent) rounded half up to tenths, by integer arithmetic."""
    tenths, rest = divmod(abs(value) * 10, 1)
    rounded = int(tenths) + (1 if rest >= Fraction(1, 2) else 0)
    return (Decimal(rounded) if value >= 0 else -Decimal(rounded)).scaleb(-1)


@given(st.integers(0, 5000), st.integers(1, 5000))
def test_percent_is_the_exact_fraction_rounded_once(part: int, whole: int) -> None:
    assert percent(share(part, whole)) == f"{half_up_tenths(Fraction(part * 100, whole))}%"
    assert float(Share(part, whole)) == float(
        (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    )


@given(st.integers(0, 300), st.integers(0, 300), st.integers(1, 300))
def test_points_are_rounded_once(a: int, b: int, whole: int) -> None:
    moved = points(share(a, whole) or 0.0, share(b, whole) or 0.0)
    assert abs(moved) == abs(half_up_tenths(Fraction((a - b) * 100, whole)))


def test_a_plain_float_is_read_as_written() -> None:
    assert percent(0.8235) == "82.4%" and percent(0.125) == "12.5%"
