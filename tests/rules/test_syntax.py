"""K001–K006 (loading, placement) and K101–K105 (schema)."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, case, check, raw, society

A = "2026-11-23"
P = "records/societies/demo-society.yaml"


def text(body: str = "", drop: str = "") -> str:
    return society(body, drop=drop)[1]


def limit(n: int) -> tuple[str, str]:
    return "kexie.yaml", f"registry: 测试市科学技术协会\nlimits: {{max_file_bytes: {n}}}\n"


BIG = text()
BIG += "#" * (1025 - len(BIG.encode()))  # a record of 1025 bytes, ending in a comment


# fmt: off
CASES = [
    # K001: not UTF-8 or control characters, at the first offending byte; a BOM is fine; over the size limit
    case("K001", [raw(P, text("name: 示例<FF>学会"))], A, [("K001", 2, 9)]),
    case("K001", [raw(P, text("name: 示例<NUL>学会"))], A, [("K001", 2, 9)]),
    case("K001", [raw(P, "\ufeff" + text("name: 示例学会"))], A, []),
    case("K001", [raw(P, BIG), limit(1024)], A, [("K001", 1, 1)]),
    case("K001", [raw(P, BIG), limit(1025)], A, []),
    # K002: YAML syntax
    case("K002", [raw(P, text("council: {members: 30"))], A, [("K002", 3, 5)]),
    case("K002", [raw(P, text("council:\n\tmembers: 30"))], A, [("K002", 3, 1)]),
    case("K002", [society("council: {members: 30}")], A, []),
    # K003: the second occurrence of a key, at any depth
    case("K003", [society("name: 示例学会\nname: 示例市学会")], A, [("K003", 3, 1)]),
    case("K003", [society("council: {members: 30, members: 31}")], A, [("K003", 2, 24)]),
    case("K003", [society("name: 示例学会\nshort_name: 示例学会")], A, []),
    # K004: one mapping document; no anchors, aliases, merge keys or tags
    case("K004", [society("founded: &d 2000-03-01\nregistration: {uscc: 51330100MJ00000001, registered: *d}")], A, [("K004", 2, 10), ("K004", 3, 54)]),
    case("K004", [society("short_name: !!str 示例")], A, [("K004", 2, 13)]),
    case("K004", [raw(P, "- id: demo-society\n")], A, [("K004", 1, 1)]),
    case("K004", [raw(P, "")], A, [("K004", 1, 1)]),
    case("K004", [raw(P, "# only a comment\n")], A, [("K004", 1, 1)]),
    case("K004", [raw(P, text() + "---\nid: demo-society\n")], A, [("K004", 14, 1)]),
    case("K004", [society("short_name: '!!str 示例'")], A, []),
    # K005: <id>.yaml inside the folder of its kind
    # a society in the branches folder is also read against the branch schema
    case("K005", [raw("records/branches/demo-society.yaml", text())], A, [("K005", 2, 7), ("K101", 1, 1), *[("K105", n, 1) for n in range(6, 12)]]),
    case("K005", [raw("records/societies/demo-other.yaml", text())], A, [("K005", 1, 5)]),
    case("K005", [raw(P, text())], A, []),
    # K006: only .yaml files directly in the three kind folders are read
    case("K006", [raw("records/societies/demo-society.yml", text())], A, [("K006", 1, 1)]),
    case("K006", [raw("records/others/demo-society.yaml", text())], A, [("K006", 1, 1)]),
    case("K006", [raw("records/demo-society.yaml", text())], A, [("K006", 1, 1)]),
    case("K006", [raw("records/societies/old/demo-society.yaml", text())], A, [("K006", 1, 1)]),
    case("K006", [society(), raw("records/societies/.demo-society.yaml.swp", "x")], A, []),
    # K007: a folder under records/ that is a symbolic link is never entered, at any depth
    case("K007", [raw("records/societies -> ../elsewhere", ""), raw("elsewhere/demo-society.yaml", text())], A, [("K007", 1, 1)]),
    case("K007", [society(), raw("records/societies/old -> ../societies", "")], A, [("K007", 1, 1)]),
    case("K007", [society(), raw("records/societies/old/demo-old.yaml", "")], A, [("K006", 1, 1)]),
    # K101: a required field missing, at the mapping that lacks it
    case("K101", [raw(P, text(drop="founded"))], A, [("K101", 1, 1)]),
    case("K101", [society("term: {number: 5, started: 2024-01-10}")], A, [("K101", 2, 7)]),
    case("K101", [society("inspections: [{year: 2024, result: pass}, {year: 2025}]")], A, [("K101", 2, 43)]),
    case("K101", [society("term: {number: 5, started: 2024-01-10, years: 5}")], A, []),
    # K102: wrong type
    case("K102", [society("council: {members: 三十}")], A, [("K102", 2, 20)]),
    case("K102", [society("council: [30]")], A, [("K102", 2, 10)]),
    case("K102", [society("council: {members: 30}")], A, []),
    # K103: not one of the codes (the code, not its label)
    case("K103", [society("level: 市级")], A, [("K103", 2, 8)]),
    case("K103", [society("level: provincial")], A, []),
    # K104: format: real ISO dates (29 February only in a leap year), slugs, ranges
    case("K104", [society("founded: 2001-02-29")], A, [("K104", 2, 10)]),
    case("K104", [society("founded: 2000-02-29")], A, []),
    case("K104", [society("stars: [{year: 2024, stars: 6}]")], A, [("K104", 2, 29)]),
    case("K104", [society("stars: [{year: 2024, stars: 5}]")], A, []),
    case("K104", [society("council: {members: -1}")], A, [("K104", 2, 20)]),
    case("K104", [society("council: {members: 0}")], A, []),
    # K105: unknown field
    case("K105", [society("fonded: 2000-03-01")], A, [("K105", 2, 1)]),
    case("K105", [society("council: {members: 30, chair: 李华}")], A, [("K105", 2, 24)]),
    case("K105", [society("notes: 备注")], A, []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
