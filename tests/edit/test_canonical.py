"""The canonical layout: samples are canonical, fmt is idempotent and never changes the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kexie_cli.edit import roundtrip
from kexie_cli.edit.canonical import FormatError, format_text, modeline, same_data
from kexie_cli.records.loader import load_text
from kexie_cli.registry.layout import FOLDER_KINDS
from kexie_cli.registry.schemas import SchemaSet
from tests.conftest import REPO, run_cli, write_registry

SCHEMAS = SchemaSet(None)
SAMPLES = sorted((REPO / "records").glob("*/*.yaml"))
HEAD = modeline("society") + "\n"


def fmt(text: str, kind: str = "society") -> str:
    return format_text(text, kind, SCHEMAS)


def test_every_sample_record_is_canonical() -> None:
    assert len(SAMPLES) == 175
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        assert fmt(text, FOLDER_KINDS[path.parent.name]) == text, path.name


def test_keys_follow_the_schema_and_comments_move_with_their_key() -> None:
    text = "status: active\n# 名称来自登记证书\nname: 示例市物理学会  # 全称\nid: wuli-xuehui\nkind: society\n"
    assert fmt(text) == (
        HEAD + "id: wuli-xuehui\nkind: society\n# 名称来自登记证书\nname: 示例市物理学会  # 全称\nstatus: active\n"
    )


def test_unknown_keys_go_last_in_their_own_order() -> None:
    text = "zz: 1\nid: x1x\naa: 2\nkind: society\n"
    assert fmt(text) == HEAD + "id: x1x\nkind: society\nzz: 1\naa: 2\n"


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("name: '示例'\n", "name: 示例\n"),
        ('name: "a: b"\n', 'name: "a: b"\n'),
        ("name: 'a: b'\n", 'name: "a: b"\n'),
        ("notes: '513699005030158370'\n", 'notes: "513699005030158370"\n'),
        ("notes: 'true'\n", 'notes: "true"\n'),
        ("notes: 'yes'\n", "notes: yes\n"),
        ("notes: '2024-01-01'\n", "notes: 2024-01-01\n"),
        ("notes: ''\n", 'notes: ""\n'),
        ("notes: '# x'\n", 'notes: "# x"\n'),
    ],
)
def test_quotes_only_where_yaml_needs_them(source: str, canonical: str) -> None:
    assert fmt(source) == HEAD + canonical
    assert load_text(source).data == load_text(canonical).data


def test_flow_style_kept_only_for_short_list_entries() -> None:
    text = (
        "registration: {uscc: 51369900MJ0000012D, authority: 示例市民政局}\n"
        "inspections:\n"
        "- {year: 2024, result: pass}\n"
        "- year: 2025\n"
        "  result: pass\n"
        "qualifications: [standards, tech-evaluation]\n"
        "brand_events: []\n"
    )
    assert fmt(text) == HEAD + (
        "registration:\n"
        "  uscc: 51369900MJ0000012D\n"
        "  authority: 示例市民政局\n"
        "inspections:\n"
        "  - {year: 2024, result: pass}\n"
        "  - year: 2025\n"
        "    result: pass\n"
        "qualifications: [standards, tech-evaluation]\n"
        "brand_events: []\n"
    )


def test_line_endings_modeline_and_trailing_newlines() -> None:
    text = "\r\n\r\n# yaml-language-server: $schema=../wrong.json\r\nid: x1x\r\nkind: society\r\n\r\n\r\n"
    assert fmt(text) == HEAD + "id: x1x\nkind: society\n"


def test_broken_yaml_is_not_formatted() -> None:
    with pytest.raises(FormatError):
        fmt("id: [unclosed\n")


KEYS = st.sampled_from(["id", "kind", "name", "status", "founded", "notes", "short_name", "zz", "level"])
SCALARS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85"), max_size=12
    ),
    st.sampled_from(["2024-01-01", "true", "010", "0o17", "1e5", "a: b", "- x", "#c", "[x]", "513699005030158370"]),
)
ENTRY = st.dictionaries(st.sampled_from(["year", "result", "submitted"]), SCALARS, min_size=1, max_size=3)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.lists(ENTRY, max_size=3), ENTRY)


def _render(value: object, style: int) -> str:
    """A scalar as YAML, in one of several quoting styles."""

    if isinstance(value, str):
        if style == 0:
            return json.dumps(value, ensure_ascii=False)
        if style == 1 and "\n" not in value:
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def _yaml(data: dict[str, object], styles: list[int]) -> str:
    lines = []
    for i, (key, value) in enumerate(data.items()):
        style = styles[i % len(styles)]
        if isinstance(value, list):
            if not value:
                lines.append(f"{key}: []")
                continue
            lines.append(f"{key}:  # 列表 {i}")
            for item in value:
                if isinstance(item, dict):
                    inner = ", ".join(f"{k}: {_render(v, style)}" for k, v in item.items())
                    lines.append(f"  - {{{inner}}}" if style != 2 else "  - " + inner.replace(", ", "\n    "))
                else:
                    lines.append(f"  - {_render(item, style)}")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_render(v, style)}" for k, v in value.items())
        else:
            lines.append(f"# 注释 {i}")
            lines.append(f"{key}: {_render(value, style)}")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6), st.lists(st.integers(0, 2), min_size=1, max_size=3))
def test_fmt_keeps_meaning_comments_and_is_idempotent(data: dict[str, object], styles: list[int]) -> None:
    text = _yaml(data, styles)
    before = load_text(text)
    assert before.data is not None, text
    once = fmt(text)
    after = load_text(once)
    assert after.data is not None
    assert same_data(before.data, after.data), (text, once)
    assert fmt(once) == once
    comments = sorted(line.split("#", 1)[1] for line in text.splitlines() if "# 注释" in line or "# 列表" in line)
    kept = sorted(line.split("#", 1)[1] for line in once.splitlines() if "# 注释" in line or "# 列表" in line)
    assert comments == kept


def test_fmt_check_prints_a_diff_and_exits_1(tmp_path: Path) -> None:
    body = (REPO / "records/societies/yixuehui.yaml").read_text(encoding="utf-8")
    messy = body.replace("name: 示例市医学会\n", "").replace(
        "kind: society\n", "kind: society\nname: '示例市医学会'\n", 1
    )
    messy = messy.replace("status: active\n", "") + "status: active\n"
    root = write_registry(tmp_path / "reg", {"records/societies/yixuehui.yaml": messy})
    result = run_cli(["fmt", "--check"], root)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/records/societies/yixuehui.yaml\n+++ b/records/societies/yixuehui.yaml\n")
    assert "-name: '示例市医学会'\n" in result.stdout
    assert "+name: 示例市医学会\n" in result.stdout
    assert "+status: active\n" in result.stdout
    # kexie check says nothing about layout
    check = run_cli(["check", "--as-of", "2026-11-23", "--format", "json"], root)
    layout = [f for f in check.json() if f["code"] in {"K002", "K003", "K004"}]
    assert layout == []
    assert run_cli(["fmt"], root).exit_code == 0
    assert (root / "records/societies/yixuehui.yaml").read_text(encoding="utf-8") == body
    again = run_cli(["fmt", "--check"], root)
    assert again.exit_code == 0
    assert again.stdout == ""


def test_fmt_check_on_the_sample_registry_passes() -> None:
    result = run_cli(["fmt", "--check", "-q"], REPO)
    assert (result.exit_code, result.stdout) == (0, "")


def _scramble(node: object) -> None:
    """Reverse the key order of every mapping (comments-free samples only)."""

    if isinstance(node, CommentedMap):
        for key in reversed(list(node)):
            node.move_to_end(key)
        for value in node.values():
            _scramble(value)
    elif isinstance(node, CommentedSeq):
        for value in node:
            _scramble(value)


WITHOUT_COMMENTS = [p for p in SAMPLES if "#" not in p.read_text(encoding="utf-8").split("\n", 1)[1]]


@pytest.mark.parametrize("path", WITHOUT_COMMENTS[::4])
def test_fmt_restores_a_scrambled_sample(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = roundtrip.load(text.split("\n", 1)[1])
    _scramble(doc)
    scrambled = roundtrip.dump(doc).replace(": ", ":   ", 3)
    assert scrambled != text
    assert fmt(scrambled, FOLDER_KINDS[path.parent.name]) == text
