"""Reading one spreadsheet cell as a record value: dates, counts, 届次, names, enumeration labels.

Every reader returns the value, or raises :class:`Unreadable` with a catalogue key: a value
that cannot be read is listed in the import report and left out, never guessed. A date
given to the month only (``1980.05``, ``1981年3月``, ``1990-12``) is recorded as the 1st of
that month, a year alone as 1 January; :class:`DateValue` keeps the precision so the report
can say so for every such value (docs/import.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from kexie_cli.importer.values import chinese_date, excel_serial


class Unreadable(ValueError):
    """A cell value that cannot be read as the field's type (``key`` names the reason)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value as the sheet holds it (a number cell holds an int or a float, not text)."""

    value: Any
    decimals: int | None = None  # fixed decimals of the cell's number format ("0.00" -> 2), when known


@dataclass(frozen=True, slots=True)
class DateValue:
    day: dt.date
    precision: str  # "day", "month" or "year"; "serial": an Excel serial number (a day)


YEAR_MIN, YEAR_MAX = 1900, 2100
_DATE = re.compile(r"^(\d{4})(?:[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?|月)?)?年?$")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100}
_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "【", "]": "】"})


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def half_width(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII (NFKC), every kind of space as one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls (K001 refuses both)
_BOM = "\ufeff"  # a byte-order mark pasted inside a cell (from a UTF-8 file) is dropped


def cell_text(cell: Cell) -> str:
    """The text a cell shows: numbers without a spurious ``.0``, fixed decimals kept (``1980.10``).

    Control characters (which a record may not hold, K001) make the value unreadable.
    """
    text = _shown(cell)
    if _CONTROL.search(text):
        raise Unreadable("import.value.control", value=_CONTROL.sub("?", text))
    return text


def display(cell: Cell) -> str:
    """The cell's text for a report line (control characters shown as ``?``); never raises."""
    return _CONTROL.sub("?", _shown(cell))


def _shown(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if cell.decimals is not None:
            return f"{value:.{cell.decimals}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace(_BOM, "").strip()


def read_text(cell: Cell) -> str:
    """Free text (notes, units): trimmed, inner spacing kept."""
    return cell_text(cell).strip()


def read_name(cell: Cell) -> str:
    """An organisation's name: spaces removed between Chinese characters, brackets full-width （）."""
    text = unicodedata.normalize("NFKC", cell_text(cell)).translate(_BRACKETS)
    text = _SPACE.sub(" ", text).strip()
    # a space next to a CJK character is a stray one; between two ASCII words it is meant
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    if not text:
        raise Unreadable("import.value.empty")
    return text


def read_person(cell: Cell) -> str:
    """A person's name: every space removed (张 三 → 张三), middle dots kept."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", cell_text(cell))).replace("•", "·")
    if not text:
        raise Unreadable("import.value.empty")
    return text


def name_key(name: str) -> str:
    """The key names are matched by: no spaces, one bracket style, case-insensitive."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).casefold()


def read_date(cell: Cell) -> DateValue:
    """A date in any of the spellings a 台账 uses (see the module docstring)."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return DateValue(value.date(), "day")
    if isinstance(value, dt.date):
        return DateValue(value, "day")
    if isinstance(value, bool):
        raise Unreadable("import.value.not_date", value=cell_text(cell))
    text = chinese_date(half_width(cell_text(cell)).replace(" ", ""))
    serial = excel_serial(text) if not isinstance(value, float) or value.is_integer() else None
    if serial is not None:
        return DateValue(serial, "serial")
    if isinstance(value, float) and cell.decimals is None and re.fullmatch(r"\d{4}\.1", text):
        # a number cell 1980.1 may have been typed 1980.10: January or October cannot be told apart
        raise Unreadable("import.value.month_ambiguous", value=text)
    match = _DATE.match(text)
    if match is None:
        raise Unreadable("import.value.not_date", value=text)
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Unreadable("import.value.bad_year", value=text)
    try:
        if month is None:
            return DateValue(dt.date(year, 1, 1), "year")
        if day is None:
            return DateValue(dt.date(year, int(month), 1), "month")
        return DateValue(dt.date(year, int(month), int(day)), "day")
    except ValueError:
        raise Unreadable("import.value.not_date", value=text) from None


def chinese_int(text: str) -> int | None:
    """八 → 8, 十一 → 11, 二十 → 20, 一百零五 → 105; None when ``text`` is not a Chinese numeral."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
    return total + (digit or 0)


def read_int(cell: Cell, units: str = "人个名家届年次位") -> int:
    """A non-negative whole number: ``8``, ``8.0``, ``1,234``, ``35人``, ``五年``."""
    value = cell.value
    if isinstance(value, bool):
        raise Unreadable("import.value.not_int", value=cell_text(cell))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise Unreadable("import.value.not_int", value=cell_text(cell))
        number = int(value)
    else:
        text = half_width(cell_text(cell)).replace(" ", "").replace(",", "").rstrip(units)
        if re.fullmatch(r"\d+(\.0+)?", text):
            number = int(text.split(".")[0])
        else:
            parsed = chinese_int(text)
            if parsed is None:
                raise Unreadable("import.value.not_int", value=cell_text(cell))
            number = parsed
    if number < 0:
        raise Unreadable("import.value.not_int", value=cell_text(cell))
    return number


def read_term_number(cell: Cell) -> int:
    """届次: ``第八届``, ``第8届``, ``八届``, ``8``."""
    text = half_width(cell_text(cell)).replace(" ", "")
    text = re.sub(r"^第", "", text)
    text = re.sub(r"(届|届理事会|届委员会)$", "", text)
    number = read_int(Cell(text) if not isinstance(cell.value, (int, float)) else cell)
    if number < 1:
        raise Unreadable("import.value.not_int", value=cell_text(cell))
    return number


_TRUE = {"是", "true", "yes", "y", "1", "√", "✓", "党员", "中共党员", "专职"}
_FALSE = {"否", "false", "no", "n", "0", "×", "群众", "兼职", "非党员"}


def read_bool(cell: Cell) -> bool:
    if isinstance(cell.value, bool):
        return cell.value
    text = half_width(cell_text(cell)).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Unreadable("import.value.not_bool", value=cell_text(cell))


def read_enum(cell: Cell, labels: dict[str, str], synonyms: dict[str, str] | None = None) -> str:
    """An enumeration code, written as the code itself or as its Chinese label (either half of ``理事长/主席``)."""
    text = half_width(cell_text(cell))
    folded = text.casefold().replace(" ", "")
    table: dict[str, str] = {}
    for code, label in labels.items():
        table[code.casefold()] = code
        table[half_width(label).replace(" ", "")] = code
        for part in re.split(r"[/、]", label):
            table.setdefault(half_width(part).replace(" ", ""), code)
    for word, code in (synonyms or {}).items():
        table.setdefault(word, code)
    for code, label in labels.items():  # 街道科协 for 街道/乡镇科协: the words either side of / with 科协 or without
        for part in re.split(r"[/、]", half_width(label).replace(" ", "")):
            table.setdefault(part.removesuffix("科协"), code)
    bare = text.replace(" ", "")
    found = table.get(folded) or table.get(bare) or table.get(bare.removesuffix("科协"))
    if found is None and "/" in bare:  # 理事长/主席 where the label joins more words: every part, one code
        parts = {table.get(part) for part in bare.split("/")}
        found = parts.pop() if len(parts) == 1 else None
    if found is None:
        raise Unreadable("import.value.not_enum", value=text, choices="、".join(labels.values()))
    return found


def read_uscc(cell: Cell) -> str:
    """A 统一社会信用代码: upper case, spaces and dashes removed; a wrong check digit is refused (as ``set`` does)."""
    text = re.sub(r"[\s\-]", "", half_width(cell_text(cell))).upper()
    if not re.fullmatch(r"[0-9A-Z]{18}", text):
        raise Unreadable("import.value.not_uscc", value=cell_text(cell))
    from stdnum.cn import uscc  # noqa: PLC0415 - python-stdnum loads only when a credit code is read
    from stdnum.exceptions import ValidationError  # noqa: PLC0415 - as above

    try:
        uscc.validate(text)
    except ValidationError:
        raise Unreadable("import.value.bad_uscc", value=text) from None
    return text


def split_list(cell: Cell) -> list[str]:
    """A list written in one cell: 甲学会、乙学会；丙学会 (also commas, semicolons, line breaks)."""
    return [part.strip() for part in re.split(r"[、,，;；\n]+", cell_text(cell)) if part.strip()]
