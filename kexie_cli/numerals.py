"""Chinese numerals for 届次 (第八届, 第十一届, 第二十届 ...) and dates in Chinese (2026年6月30日)."""

from __future__ import annotations

import datetime as dt

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_number(n: object) -> str:
    """``n`` (0 <= n < 10000) in Chinese numerals as used for 届次: 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五.

    Anything else (a negative or larger number, or a value that is not an integer, as a record may hold) is
    returned as written.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < 10000:
        return str(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out = []
    rest = n
    zero = False
    for value, unit in UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out.append("零")
                zero = False
            out.append(DIGITS[digit] + unit)
        elif out:
            zero = True
    if rest:
        if zero:
            out.append("零")
        out.append(DIGITS[rest])
    return "".join(out)


def term_label(number: int | None, lang: str = "zh") -> str:
    """第八届 for 8 (``"8th"`` in English); empty when the number is unknown."""
    if number is None or number <= 0:
        return ""
    if lang == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return f"第{chinese_number(number)}届"


def cn_date(value: object) -> str:
    """2026-06-30 → 2026年6月30日."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value)


def period_label(label: str, lang: str = "zh") -> str:
    """A quarter as Chinese text writes it: ``2026Q1`` → 2026年第一季度 (English keeps 2026Q1); other text as it is."""
    if lang != "en" and len(label) == 6 and label[:4].isdigit() and label[4] == "Q" and label[5] in "1234":
        return f"{label[:4]}年第{DIGITS[int(label[5])]}季度"
    return label
