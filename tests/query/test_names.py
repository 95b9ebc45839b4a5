"""Pinyin and stroke ordering of names."""

from __future__ import annotations

import pytest

from kexie_cli.query import names


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("单雄", ("shan4", "xiong2")),
        ("曾明", ("zeng1", "ming2")),
        ("解放", ("xie4", "fang4")),
        ("仇英", ("qiu2", "ying1")),
        ("区伟", ("ou1", "wei3")),
        ("查良", ("zha1", "liang2")),
        ("朴志", ("piao2", "zhi4")),
        ("盖文", ("ge3", "wen2")),
        ("尉迟敬", ("yu4", "chi2", "jing4")),
        ("王芳", ("wang2", "fang1")),
    ],
)
def test_surname_readings(name: str, reading: tuple[str, ...]) -> None:
    assert names.person_syllables(name) == reading


def test_surname_table_only_applies_to_people() -> None:
    # as a word 单位 reads dan; 曾经 reads ceng
    assert names.syllables("单位")[0] == "dan1"
    assert names.syllables("曾经")[0] == "ceng2"


@pytest.mark.parametrize(
    ("char", "count"), [("王", 4), ("张", 7), ("曾", 12), ("龙", 5), ("龍", 16), ("一", 1), ("A", 0)]
)
def test_stroke_counts_from_unihan(char: str, count: int) -> None:
    assert names.strokes(char) == count


def test_initials_and_plain_pinyin() -> None:
    assert names.initials("示例市水利学会") == "slsslxh"
    assert names.initials("曾国强", person=True) == "zgq"
    assert names.plain_pinyin("水利") == "shuili"


def test_orders() -> None:
    people = ["张三", "王五", "丁一", "曾四"]
    assert sorted(people, key=lambda n: names.sort_key(n, "pinyin", person=True)) == ["丁一", "王五", "曾四", "张三"]
    assert sorted(people, key=lambda n: names.sort_key(n, "strokes", person=True)) == ["丁一", "王五", "张三", "曾四"]
