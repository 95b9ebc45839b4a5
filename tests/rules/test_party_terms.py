"""K510–K513: a Party cell's usual term, size, 支委会 and category A parent."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, case, cell, check, society

BRANCH = "form: branch\ncovers: [demo-society]\n"
MEMBER = "leaders: [{role: secretary, name: 李华, since: 2025-01-10}, {role: committee-member, name: 王芳, since: 2025-01-10}]"

# fmt: off
CASES = [
    # K510: the usual length of the form (党总支 3, 党委 5); longer and shorter both warn, K303 only above 5
    case("K510", [cell("term: {number: 2, started: 2025-01-10, years: 4}")], "2026-11-23", [("K510", 2, 47)]),
    case("K510", [cell("term: {number: 2, started: 2025-01-10, years: 3}")], "2026-11-23", []),
    case("K510", [cell("form: committee\nterm: {number: 2, started: 2025-01-10, years: 3}")], "2026-11-23", [("K510", 3, 47)]),
    case("K510", [cell("form: committee\nterm: {number: 2, started: 2025-01-10, years: 5}")], "2026-11-23", []),
    # a C 类 cell has no 换届 duties (settings party.category_c_duties)
    case("K510", [cell("form: functional-branch\ncovers: [demo-society]\ncategory: C\nterm: {number: 2, started: 2025-01-10, years: 5}"), society()], "2026-11-23", []),
    # K511: more than 50 members in a 支部 (正式 and 预备)
    case("K511", [cell(BRANCH + "members: {full: 48, probationary: 3}\n" + MEMBER), society()], "2026-11-23", [("K511", 4, 10)]),
    case("K511", [cell(BRANCH + "members: {full: 48, probationary: 2}\n" + MEMBER), society()], "2026-11-23", []),
    # K512: 7 正式党员 and no 委员; fewer than 7 never told to elect a 支委会
    case("K512", [cell(BRANCH + "members: {full: 7}"), society()], "2026-11-23", [("K512", 4, 17)]),
    case("K512", [cell(BRANCH + "members: {full: 6}"), society()], "2026-11-23", []),
    case("K512", [cell(BRANCH + "members: {full: 7}\n" + MEMBER), society()], "2026-11-23", []),
    # K513: category A names its parent
    case("K513", [cell("category: A")], "2026-11-23", [("K513", 2, 11)]),
    case("K513", [cell("category: A\nparent: demo-top"), cell("form: committee\nterm: {number: 2, started: 2025-01-10, years: 5}", ident="demo-top")], "2026-11-23", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
