"""The word for the registry's whole area in the report's sentences: 全市, 全省, 全县, 全区."""

from __future__ import annotations

from kexie_cli.registry.settings import Settings

WORDS = {"省": "全省", "市": "全市", "县": "全县", "区": "全区"}


def scope_word(settings: Settings) -> str:
    """Settings ``scope`` when given; else from the registry's name: the last of 省/市/县/区 in it
    (示例省科学技术协会 → 全省, 浙江省杭州市… → 全市, …东城区… → 全区, …自治区… → 全区), else 全市."""
    if settings.scope:
        return settings.scope
    name = settings.registry.removesuffix("科学技术协会").removesuffix("科协")
    for char in reversed(name):
        if char in WORDS:
            return WORDS[char]
    return "全市"
