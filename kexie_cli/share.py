"""Shares and percentages: one value, one rounding, one formatter (docs/figures.md).

A share is kept as its exact fraction (:class:`Share`). It is a ``float`` so that JSON,
sorting and arithmetic see the documented value (the fraction rounded half up to 4
decimals), but every percentage shown anywhere (tables, headlines, reports, letters,
xlsx) is rounded **once**, half up, from the exact fraction, to one decimal: 14/17 is
82.4%, never 82.3% (0.8235 rounded again) and never 82% next to 82.4%.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

DIGITS = 1  # decimals of every percentage shown (one precision for every figure)
JSON_DIGITS = 4  # decimals of a share as a JSON number (a fraction: 0.8235)


def _half_up(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded half up (away from zero) to ``digits`` decimals, exactly."""
    step = Fraction(1, 10**digits)
    units, rest = divmod(abs(value), step)
    if rest * 2 >= step:
        units += 1
    rounded = Decimal(int(units)).scaleb(-digits)
    return -rounded if value < 0 else rounded


class Share(float):
    """``part / whole`` as a float rounded half up to 4 decimals that remembers the exact fraction."""

    fraction: Fraction

    def __new__(cls, part: int, whole: int) -> Share:
        exact = Fraction(part, whole)
        made = super().__new__(cls, float(_half_up(exact, JSON_DIGITS)))
        made.fraction = exact
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Share, (self.fraction.numerator, self.fraction.denominator))


def share(part: int, whole: int | None) -> Share | None:
    """The share ``part / whole``; None when there is nothing to divide by."""
    return Share(part, whole) if whole else None


def exact(value: float | Fraction) -> Fraction:
    """The exact value of a share: its fraction, or the float as written (0.8235 → 8235/10000)."""
    if isinstance(value, Share):
        return value.fraction
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(repr(float(value))))


def percent(value: object, empty: str = "—", digits: int = DIGITS) -> str:
    """``82.4%``: the share as a percentage, half up from the exact fraction; ``empty`` when None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        return empty
    return f"{_half_up(exact(value) * 100, digits)}%"


def points(now: float | Fraction, before: float | Fraction, digits: int = DIGITS) -> Decimal:
    """The change between two shares in percentage points, rounded once, half up (1.2)."""
    return _half_up((exact(now) - exact(before)) * 100, digits)


def xlsx_value(value: float) -> float:
    """The number an xlsx cell holds for a share: the exact fraction as a float, so Excel's own
    ``0.0%`` display rounds it once (a rounded 0.8235 would be rounded a second time)."""
    return float(value.fraction) if isinstance(value, Share) else value
