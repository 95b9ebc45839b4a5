"""K201–K207: ids, references, parent cycles, 统一社会信用代码, names."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc

from tests.rules import PARAMS, branch, case, cell, check, raw, society

A = "2026-11-23"
VALID_52 = "52330100MJ0000001" + uscc.calc_check_digit("52330100MJ0000001")  # valid, but not a 社会团体 code
DUP = "registration: {uscc: 51330100MJ00000001}"
ADMIN = "status: active\nname: 示例学会"

# fmt: off
CASES = [
    # K201: the record after the first (path order, a file named after its id first) is reported
    case("K201", [society(), branch(ident="demo-society")], A, [("societies/demo-society", "K201", 1, 5)], by_file=True),
    case("K201", [society(), raw("records/societies/aaa-copy.yaml", society()[1])], A, [("societies/aaa-copy", "K005", 1, 5), ("societies/aaa-copy", "K201", 1, 5)], by_file=True),
    case("K201", [society(), branch()], A, []),
    # K202: unknown ids in parent / covers
    case("K202", [branch("parent: no-such-branch")], A, [("K202", 2, 9)]),
    case("K202", [cell("covers: [demo-society, no-such]"), society()], A, [("party-cells/demo-cell", "K202", 2, 24)], by_file=True),
    case("K202", [branch("parent: demo-district"), branch(ident="demo-district")], A, []),
    # K203: parent of the same kind; covers societies or branches
    case("K203", [branch("parent: demo-society"), society()], A, [("branches/demo-branch", "K203", 2, 9)], by_file=True),
    case("K203", [cell("covers: [demo-other-cell]"), cell(ident="demo-other-cell")], A, [("party-cells/demo-cell", "K203", 2, 10)], by_file=True),
    case("K203", [cell("parent: demo-branch"), branch()], A, [("party-cells/demo-cell", "K203", 2, 9)], by_file=True),
    case("K203", [cell("covers: [demo-society, demo-branch]\nparent: demo-other-cell"), society(), branch(), cell(ident="demo-other-cell")], A, []),
    # K204: every record on a parent cycle is reported at its parent (not one leading into it); a chain is fine
    case("K204", [branch("parent: demo-b", ident="demo-a"), branch("parent: demo-a", ident="demo-b")], A, [("branches/demo-a", "K204", 2, 9), ("branches/demo-b", "K204", 2, 9)], by_file=True),
    case("K204", [branch("parent: demo-branch")], A, [("K204", 2, 9)]),
    case("K204", [branch("parent: demo-b", ident="demo-a"), branch("parent: demo-c", ident="demo-b"), branch("parent: demo-b", ident="demo-c")], A, [("branches/demo-b", "K204", 2, 9), ("branches/demo-c", "K204", 2, 9)], by_file=True),
    case("K204", [branch("parent: demo-b", ident="demo-a"), branch("parent: demo-c", ident="demo-b"), branch(ident="demo-c")], A, []),
    # K205: GB 32100 structure and check digit; a society's code starts with 51
    case("K205", [society("registration: {uscc: 51330100MJ00000002}")], A, [("K205", 2, 22)]),
    case("K205", [society("registration: {uscc: 51330100MJ0000001}")], A, [("K205", 2, 22)]),
    case("K205", [society(f"registration: {{uscc: {VALID_52}}}")], A, [("K205", 2, 22)]),
    case("K205", [society("registration: {uscc: 51330100MJ00000001}")], A, []),
    # K206: the same code on two records; the second is reported
    case("K206", [society(DUP, ident="demo-a"), society(DUP, ident="demo-b")], A, [("societies/demo-b", "K206", 2, 22)], by_file=True),
    # the code as K205 reads it: case, spaces and hyphens do not make another code
    case("K206", [society(DUP, ident="demo-a"), society("registration: {uscc: 51330100mj00000001}", ident="demo-b")], A, [("societies/demo-b", "K206", 2, 22)], by_file=True),
    case("K206", [society(DUP, ident="demo-a"), society("registration: {uscc: 51330100-MJ00000001}", ident="demo-b")], A, [("societies/demo-b", "K206", 2, 22)], by_file=True),
    case("K206", [society(DUP, ident="demo-a"), society("registration: {uscc: 51330100 MJ0000 0001}", ident="demo-b")], A, [("societies/demo-b", "K206", 2, 22)], by_file=True),
    case("K206", [society(DUP, ident="demo-a"), society("registration: {uscc: 51330100MJ00000014}", ident="demo-b")], A, []),
    # K207: two active records with one name, the later in path order reported; a suspended or dissolved one does not count
    case("K207", [society(ADMIN, ident="demo-a"), society(ADMIN, ident="demo-b")], A, [("societies/demo-b", "K207", 3, 7)], by_file=True),
    case("K207", [society(ADMIN, ident="demo-a"), branch("name: 示例学会")], A, [("societies/demo-a", "K207", 3, 7)], by_file=True),
    case("K207", [society(ADMIN, ident="demo-a"), society("status: suspended\nname: 示例学会", ident="demo-b")], A, []),
    case("K207", [society(ADMIN, ident="demo-a"), society("status: dissolved\nname: 示例学会", ident="demo-b")], A, []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
