"""K002: the YAML parser's English said in Chinese with line and column; the parser's text with --lang en."""

from __future__ import annotations

from pathlib import Path

import pytest

from kexie_cli.records.yaml_zh import syntax_zh
from tests.conftest import run_cli, write_registry

HEAD = "id: demo-xuehui\nkind: society\n"


@pytest.mark.parametrize(
    ("body", "zh", "en"),
    [
        (
            "x: [1, 2\n",
            "YAML 语法错误（第 4 行第 1 列）：方括号列表中应为“,”或“]”，却是文件结尾",
            "expected ',' or ']'",
        ),
        ("a: b: c\n", "YAML 语法错误（第 3 行第 5 列）：此处不能再出现“键: 值”", "mapping values are not allowed here"),
        ('a: "x\n', "文件意外结束：引号或括号没有闭合", "found unexpected end of stream"),
        ("a: @x\n", "字符“@”不能作为值的开头（请给值加引号）", "cannot start any token"),
        ("a:\n  - b\n c: 1\n", "缩进不对齐：此处出现了新的一组“键: 值”", "expected <block end>"),
    ],
)
def test_k002_in_chinese_with_line_and_column(tmp_path: Path, body: str, zh: str, en: str) -> None:
    root = write_registry(tmp_path / "reg", {"records/societies/demo-xuehui.yaml": HEAD + body})
    found = [f for f in run_cli(["check", "--format", "json"], root).json() if f["code"] == "K002"]
    assert len(found) == 1 and zh in found[0]["message"], found
    assert not any(c.isascii() and c.isalpha() for c in found[0]["message"].replace("YAML", ""))
    english = [f for f in run_cli(["check", "--format", "json", "--lang", "en"], root).json() if f["code"] == "K002"]
    assert en in english[0]["message"]


def test_an_unknown_parser_text_is_still_chinese() -> None:
    assert syntax_zh("something new went wrong") == "这里的写法不符合 YAML 语法"
    assert syntax_zh("found character '\\t' that cannot start any token") == "字符“\\t”不能作为值的开头（请给值加引号）"
