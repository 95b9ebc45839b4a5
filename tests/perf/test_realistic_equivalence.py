"""The fast loader on free text as people write it: it agrees with the strict loader, and accepts it.

The screen (:func:`kexie_cli.records.screen.skeleton`) looks for YAML
indicators only in a file's structure, so these tests generate records
full of indicator characters in places where they are text: block
scalars, quoted scalars, the inside of plain scalars, comments.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from bench.gen import generate
from kexie_cli.records import fastload
from kexie_cli.records.loader import load_bytes
from kexie_cli.records.locate import locate
from tests.perf.test_equivalence import PROPERTY, assert_locate_exact, assert_same_outcome

_TEXT_CHARS = "ab中文，。：；！？（）“”‘’《》〔〕—%&*!|>?<=#@`~^$/\\.:-_ 0123456789'\"[]{},"
_WORD = st.text(alphabet=_TEXT_CHARS, min_size=1, max_size=12)
_KEY = st.sampled_from(["notes", "name", "title", "a", "k2", "中文键", "x y", "'q k'", '"d k"', "url", "what?"])


def _plain(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(list("ab中文12（“")))
    return (first + draw(_WORD)).rstrip()


def _double(draw: st.DrawFn) -> str:
    body = draw(_WORD).replace("\\", "\\\\").replace('"', '\\"')
    escape = draw(st.sampled_from(["", "\\n", "\\t", "\\u4e2d", "\\x41", "\\\\", '\\"', "\\/"]))
    return f'"{body}{escape}"'


def _single(draw: st.DrawFn) -> str:
    return "'" + draw(_WORD).replace("'", "''") + "'"


@st.composite
def _block(draw: st.DrawFn, indent: int) -> str:
    header = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]))
    comment = draw(st.sampled_from(["", "  # 注释", " #c"]))
    step = draw(st.sampled_from([1, 2, 4]))
    pad = " " * (indent + step)
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            lines.append("")
        elif kind == 1:
            lines.append(pad + " " + draw(_WORD).strip())  # more indented
        else:
            lines.append(pad + (draw(_WORD).strip() or "x"))
    if not any(line.strip() for line in lines):
        lines.append(pad + "x")
    trailing = draw(st.sampled_from(["", "\n", "\n\n"]))
    return header + comment + "\n" + "\n".join(lines) + trailing


@st.composite
def _value(draw: st.DrawFn, indent: int) -> str:
    kind = draw(st.integers(0, 9 if indent < 4 else 7))
    if kind == 8:  # a nested mapping
        text = draw(_value(indent + 2))
        return f"\n{' ' * (indent + 2)}sub:" + text
    if kind == 9:  # a block list whose items may be block scalars or mappings
        pad = " " * (indent + 2)
        if draw(st.booleans()):
            return f"\n{pad}- k:" + draw(_value(indent + 4))
        return f"\n{pad}- " + draw(_value(indent + 2)).lstrip(" ")
    if kind <= 1:
        return " " + _plain(draw)
    if kind == 2:
        return " " + _double(draw)
    if kind == 3:
        return " " + _single(draw)
    if kind == 4:
        return " " + draw(_block(indent))
    if kind == 5:
        items = [
            draw(st.sampled_from([_plain(draw), _double(draw), _single(draw)])) for _ in range(draw(st.integers(0, 3)))
        ]
        return " [" + ", ".join(items) + "]"
    if kind == 6:
        pad = " " * (indent + 2)
        items = [pad + "- " + draw(st.sampled_from([_plain(draw), _double(draw), _single(draw)])) for _ in range(2)]
        return "\n" + "\n".join(items)
    return " " + _plain(draw) + draw(st.sampled_from(["  # 行末注释 & ?", " #x", "#not"]))


@st.composite
def free_text_records(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append("# yaml-language-server: $schema=../../schemas/society.schema.json")
    for key in draw(st.lists(_KEY, min_size=1, max_size=5, unique=True)):
        text = f"{key}:" + draw(_value(0))
        lines.append(text if text.endswith("\n") else text + "\n")
        if draw(st.integers(0, 3)) == 0:
            lines.append("# 注释：% & ? | > " + draw(_WORD) + "\n")
    body = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    if draw(st.booleans()):
        body = body.rstrip("\n")
    if draw(st.integers(0, 4)) == 0:
        body = body.replace("\n", "\r\n")
    return body


@PROPERTY
@given(free_text_records())
@example("notes: >-\n  100% & ? | > 是的\n  第二行\nname: a\n")
@example("notes: |\n  x\n\n  y\n")
@example("a: 'it''s 50%'\nb: \"q & a?\"\n")
def test_free_text_agrees(text: str) -> None:
    raw = text.encode("utf-8")
    assert_same_outcome(raw)
    assert_locate_exact(text)


def test_free_text_is_loaded_fast() -> None:
    samples = [
        "notes: >-\n  2025 年会员增长 12.5%，详见 https://x.example/a?b=1&c=2 ；\n  邮箱 a@b.cn。\n",
        "notes: |\n  第一行 & 第二行？\n  <附件> | 说明 > 备注\n",
        "notes: '它''s 100%'  # 注释 & ?\nname: \"q & a? *x* !y\"\n",
        "name: 示例学会（100%）\nurl: https://x.example/p?q=1&r=2\n",
        "'short_name': 学会\n\"level\": municipal\n",
        'brand_events: [学术年会, "科普日 & 开放日"]\n',
    ]
    for text in samples:
        raw = text.encode("utf-8")
        assert fastload.load(raw) is not None, text
        assert_same_outcome(raw)
        assert_same_outcome(text.replace("\n", "\r\n").encode("utf-8"))


def test_realistic_benchmark_corpus_agrees_and_loads_fast(tmp_path: Path) -> None:
    planted = generate(300, tmp_path / "reg", seed=7)
    files = sorted((tmp_path / "reg" / "records").glob("*/*.yaml"))
    declined = 0
    for path in files:
        raw = path.read_bytes()
        assert_same_outcome(raw)
        strict = load_bytes(raw)
        if strict.data is not None:  # positions come from the line scanner, not from a second parse
            assert locate(strict.text, strict.data) is not None, path
        if fastload.load(raw) is None:
            declined += 1
            assert load_bytes(raw).problems or planted, path
    assert declined <= planted, (declined, planted)
