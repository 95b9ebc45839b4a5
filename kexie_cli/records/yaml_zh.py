"""The YAML parser's error texts (ruamel.yaml, in English) said in Chinese for K002.

``kexie check`` shows the parser's own words with ``--lang en``; in Chinese it
says what is wrong in words a secretariat member can act on, with the line and
column (the message catalogue adds them). A text this table does not know
gets a general Chinese sentence, never the English one.
"""

from __future__ import annotations

import re

#: ruamel's names for tokens, as a reader would call them
TOKENS = {
    "<stream end>": "文件结尾",
    "<document end>": "文档结尾",
    "<document start>": "新文档（---）",
    "<block end>": "缩进块的结尾",
    "<block mapping start>": "新的一组“键: 值”",
    "<block sequence start>": "新的列表",
    "<block entry>": "列表项“-”",
    "<flow mapping start>": "“{”",
    "<flow mapping end>": "“}”",
    "<flow sequence start>": "“[”",
    "<flow sequence end>": "“]”",
    "<flow entry>": "“,”",
    "<scalar>": "一个值",
    "<key>": "一个键",
    "<value>": "“:”",
    "<alias>": "别名",
    "<anchor>": "锚点",
    "<tag>": "标签",
    "<comment>": "注释",
}

_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"mapping values are not allowed here", "此处不能再出现“键: 值”（值里含“: ”时请给整个值加引号）"),
    (r"found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    (r"found unexpected end of file", "文件意外结束：引号或括号没有闭合"),
    (r"expected ',' or '\]', but got (.+)", "方括号列表中应为“,”或“]”，却是{0}（“[”没有闭合？）"),
    (r"expected ',' or '\}', but got (.+)", "花括号中应为“,”或“}}”，却是{0}（“{{”没有闭合？）"),
    (r"expected <block end>, but found (.+)", "缩进不对齐：此处出现了{0}"),
    (r"expected the node content, but found (.+)", "此处应有一个值，却是{0}"),
    (r"expected a comment or a line break, but found (.+)", "此处应为注释或换行，却是{0}（值后面多了内容？）"),
    (r"found character (.+) that cannot start any token", "字符{0}不能作为值的开头（请给值加引号）"),
    (r"found a tab character .*", "缩进中有制表符（Tab），请改用空格"),
    (r"could not find expected ':'", "找不到“:”（键须在同一行内写完）"),
    (r"did not find expected key", "此处应为一个键（缩进不对齐？）"),
    (r"did not find expected '-' indicator", "此处应为列表项“-”（缩进不对齐？）"),
    (r"did not find expected node content", "此处应有一个值"),
    (r"found unknown escape character (.+)", "双引号中有未知的转义字符{0}"),
    (r"expected escape sequence of .*", "双引号中的转义写法不对"),
    (r"found undefined tag handle (.+)", "未定义的标签{0}"),
    (r"expected alphabetic or numeric character, but found (.+)", "锚点或别名的名字中出现了{0}"),
    (r"found duplicate anchor .*", "锚点重复"),
    (r"found undefined alias (.+)", "别名{0}没有对应的锚点"),
    (r"unacceptable character (.+?):.*", "文件中有不允许的字符 {0}"),
    (r"while scanning a (?:simple |quoted |plain |block )?(?:key|scalar).*", "值的写法不对（引号没有闭合？）"),
    (r"while parsing a (?:block|flow) (?:mapping|sequence|collection).*", "“键: 值”或列表的写法不对（缩进或括号？）"),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), zh) for p, zh in _PATTERNS)


def _token(raw: str) -> str:
    text = raw.strip()
    if text in TOKENS:
        return TOKENS[text]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        inner = text[1:-1]
        return TOKENS.get(inner, f"“{inner}”")
    return f"“{text}”"


def syntax_zh(detail: str) -> str:
    """The parser's message ``detail`` in Chinese (a general sentence when it is not one kexie knows)."""
    first = detail.strip().splitlines()[0] if detail.strip() else ""
    for pattern, zh in _COMPILED:
        match = pattern.fullmatch(first.strip())
        if match:
            return zh.format(*(_token(g) for g in match.groups()))
    return "这里的写法不符合 YAML 语法"
