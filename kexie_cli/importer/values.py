"""The words and spellings 科协 sheets use beyond the schema's labels (docs/import.md, "Values").

- placeholders (``—``, ``（空缺）``, ``暂无`` …) are empty cells;
- a person's name may carry a role note (``高明远\\n(兼)``, ``王　芳（专职）``, ``朱芯（法定代表人）``);
- status words (``已注销``, ``撤销``, ``停止活动`` …) are mapped onto the five statuses;
- enumeration words with or without ``科协`` (``街道科协``), ``功能型党组织``;
- dates in Chinese numerals (``二〇二一年六月``), Excel serial numbers typed as text (``44155``);
- a term span ``2021.12—2026.12``; ``党员人数 186，其中预备党员 3``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

PLACEHOLDERS = frozenset(
    {"—", "——", "-", "--", "－", "–", "/", "／", "\\", "空缺", "暂缺", "待定", "暂无", "无", "不详", "n/a", "na", "…"}
)


def placeholder(text: str) -> bool:
    """A cell that says "nothing here": a dash, ``（空缺）``, ``暂无`` … (the cell is taken as empty)."""
    folded = re.sub(r"[\s（）()]", "", unicodedata.normalize("NFKC", text)).casefold()
    return folded in PLACEHOLDERS or (bool(text.strip()) and not folded.strip("-—－–_/\\…"))


# role notes after a person's name: the word, and what it says
ROLE_NOTES: dict[str, tuple[str, object]] = {
    "兼": ("full_time", False),
    "兼职": ("full_time", False),
    "专职": ("full_time", True),
    "法定代表人": ("legal-representative", True),
    "法人": ("legal-representative", True),
    "代": ("acting", True),
    "代理": ("acting", True),
    "常务": ("note", True),
    "主持工作": ("acting", True),
}
_NOTE = re.compile(r"[（(]([^）)]{1,12})[）)]\s*$")


def person_note(text: str) -> tuple[str, list[str]]:
    """``高明远\\n(兼)`` → (``高明远``, [``兼``]): the name and the bracketed notes after it (NFKC, any spacing)."""
    text = unicodedata.normalize("NFKC", text).strip()
    notes: list[str] = []
    while (match := _NOTE.search(text)) is not None and match.start() > 0:
        notes.insert(0, re.sub(r"\s", "", match.group(1)))
        text = text[: match.start()].strip()
    return text, notes


STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(("正常", "存续", "在册", "活跃", "正常活动", "正常运转", "有效"), "active"),
    **dict.fromkeys(("停滞", "停止活动", "已停止活动", "不活跃", "无活动", "休眠", "长期不活动"), "dormant"),
    **dict.fromkeys(("暂停", "暂停活动", "停业整顿", "整改", "整改中", "限期整改"), "suspended"),
    **dict.fromkeys(("解除资格", "已解除资格", "取消资格", "已取消资格", "除名", "已除名"), "revoked"),
    **dict.fromkeys(
        (
            "注销",
            "已注销",
            "注销登记",
            "撤销",
            "已撤销",
            "撤销登记",
            "被撤销",
            "吊销",
            "已吊销",
            "解散",
            "已解散",
            "终止",
            "已终止",
            "合并",
            "已合并",
        ),
        "dissolved",
    ),
}

ENUM_WORDS: dict[tuple[str, str], dict[str, str]] = {
    ("party-cell", "form"): {
        "功能型党组织": "functional-branch",
        "功能党支部": "functional-branch",
        "功能型党小组": "functional-branch",
        "党小组": "working-group",
        "工作小组": "working-group",
        "联合支部": "joint-branch",
        "总支": "general-branch",
        "党总支部": "general-branch",
        "党总支部委员会": "general-branch",
        "党支部委员会": "branch",
        "支部": "branch",
        "党委会": "committee",
        "党的委员会": "committee",
    },
    ("branch", "type"): {
        "街道": "township",
        "乡镇": "township",
        "乡": "township",
        "镇": "township",
        "村": "village",
        "社区": "village",
        "区": "district",
        "县": "district",
        "区县": "district",
        "县区": "district",
        "县市区": "district",
        "企业": "enterprise",
        "高校": "university",
        "大学": "university",
        "学校": "school",
        "中小学": "school",
        "机关": "agency",
        "事业单位": "institution",
        "园区": "park",
        "开发区": "park",
        "医院": "hospital",
    },
}

_CN_DIGIT = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True)) | {"○": "0", "Ｏ": "0", "O": "0"}
_CN_NUMBER = re.compile(r"[〇零○一二三四五六七八九十]+")


def chinese_date(text: str) -> str:
    """``二〇二一年六月二十日`` → ``2021年6月20日``; any other text as it is."""
    if not re.search(r"[〇零○一二三四五六七八九十]", text) or "年" not in text:
        return text
    year, _, rest = text.partition("年")
    if len(year) != 4 or any(c not in _CN_DIGIT and not c.isdigit() for c in year):
        return text
    year = "".join(_CN_DIGIT.get(c, c) for c in year)
    return year + "年" + _CN_NUMBER.sub(lambda m: str(_small(m.group(0))), rest)


def _small(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31."""
    if "十" not in text:
        return int("".join(_CN_DIGIT[c] for c in text))
    tens, _, ones = text.partition("十")
    return (int(_CN_DIGIT[tens]) if tens else 1) * 10 + (int(_CN_DIGIT[ones]) if ones else 0)


EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN, SERIAL_MAX = 20000, 73050  # 1954-10-03 … 2099-12-31 (19800 is more likely 1980 mistyped)


def excel_serial(text: str) -> dt.date | None:
    """``44155`` → 2020-11-20 (an Excel date serial number typed or stored as text); None otherwise."""
    if re.fullmatch(r"\d{5}(\.0+)?", text) is None:
        return None
    number = int(text.split(".", maxsplit=1)[0])
    if not SERIAL_MIN <= number <= SERIAL_MAX:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=number)


_SPAN = re.compile(r"^(\d{4}(?:[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2}日?|月)?)?)\s*(?:—|－|–|-|~|～|至|到)+\s*(\d{4}.*)$")


def term_span(text: str) -> tuple[str, str] | None:
    """``2021.12—2026.12`` → (``2021.12``, ``2026.12``); None when ``text`` is not a span of two dates."""
    match = _SPAN.match(unicodedata.normalize("NFKC", text).replace(" ", ""))
    if match is None or re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text.strip()):
        return None
    return match.group(1), match.group(2)


_PARTY = re.compile(r"^(\d+)人?(?:[，,;；、(（]\s*(?:其中)?\s*预备(?:党员)?\s*(\d+)\s*(?:人|名)?[)）]?)?$")


def party_total(text: str) -> tuple[int, int | None] | None:
    """``186，其中预备党员 3`` → (186, 3); ``186`` → (186, None); None when not such a count."""
    match = _PARTY.match(re.sub(r"\s", "", unicodedata.normalize("NFKC", text)))
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) is not None else None
