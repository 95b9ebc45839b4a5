"""K301–K305: terms, extensions, date order."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, branch, case, cell, check, society
from tests.rules.test_leadership import SENIOR

T7 = "term: {number: 7, started: 2021-06-30, years: 5}"  # last day 2026-06-30
EXT = "term: {number: 7, started: 2021-06-30, years: 5, extended_to: 2027-03-31, extension_approved: 2026-05-20}"
DUE = "term: {number: 7, started: 2022-03-01, years: 5}"  # ends 2027-03-01, due from 2026-09-01
DUE3 = "term: {number: 7, started: 2024-03-01, years: 3}"  # a 党总支's usual 3 years, also ends 2027-03-01
K304 = "term: {number: 4, started: 2020-05-01, years: 5, extended_to: %s, extension_approved: 2025-04-10}"
# a 党支部 covering a branch: a 3-year term, 5 when the branch is a village
PARTY_BRANCH = "form: branch\ncovers: [demo-branch]\nterm: {number: 2, started: 2025-01-10, years: %d}"

# fmt: off
CASES = [
    # K301: overdue from the day after the term's last day (or the extension's)
    case("K301", [society(T7)], "2026-06-30", [("K302", 2, 28)]),
    case("K301", [society(T7)], "2026-07-01", [("K301", 2, 28)]),
    case("K301", [branch(T7)], "2026-07-01", [("K301", 2, 28)]),
    case("K301", [society(EXT)], "2027-03-31", [("K302", 2, 63)]),
    case("K301", [society(EXT)], "2027-04-01", [("K301", 2, 63)]),
    case("K301", [society(T7 + "\nstatus: dissolved")], "2026-07-01", []),
    # K302: due from end - 6 months, counting that day; a working group has no 换届 (docs/party.md)
    case("K302", [society(DUE)], "2026-08-31", []),
    case("K302", [society(DUE)], "2026-09-01", [("K302", 2, 28)]),
    case("K302", [society(DUE)], "2027-03-01", [("K302", 2, 28)]),
    case("K302", [cell(DUE3)], "2026-09-01", [("K302", 2, 28)]),
    case("K302", [cell(DUE + "\nform: working-group\ncovers: [demo-society]\nleaders: [{role: group-leader, name: 李华, since: 2025-01-10}]"), society()], "2026-09-01", []),
    # K303: 5 years at most for a society or branch; a party cell: 5 (党章 3–5), shorter or other lengths are K510
    case("K303", [society("term: {number: 5, started: 2024-01-10, years: 6}")], "2026-11-23", [("K303", 2, 47)]),
    case("K303", [society("term: {number: 5, started: 2024-01-10, years: 5}")], "2026-11-23", []),
    case("K303", [branch("term: {number: 5, started: 2024-01-10, years: 6}")], "2026-11-23", [("K303", 2, 47)]),
    case("K303", [cell("term: {number: 2, started: 2025-01-10, years: 6}")], "2026-11-23", [("K303", 2, 47), ("K510", 2, 47)]),
    case("K303", [cell("term: {number: 2, started: 2025-01-10, years: 5}")], "2026-11-23", [("K510", 2, 47)]),
    case("K303", [cell(PARTY_BRANCH % 3), branch("type: enterprise")], "2026-11-23", []),
    case("K303", [cell(PARTY_BRANCH % 4), branch("type: enterprise")], "2026-11-23", [("K510", 4, 47)]),
    case("K303", [cell(PARTY_BRANCH % 5), branch("type: village")], "2026-11-23", []),
    case("K303", [cell(PARTY_BRANCH % 3), branch("type: village")], "2026-11-23", [("K510", 4, 47)]),
    case("K303", [cell("term: {number: 2, started: 2025-01-10, years: 7}\nform: working-group\ncovers: [demo-society]\nleaders: [{role: group-leader, name: 李华, since: 2025-01-10}]"), society()], "2026-11-23", []),
    # K304: extension at most one year past the regular end (2025-05-01), later than it, approved
    case("K304", [society(K304 % "2026-05-01")], "2025-06-01", []),
    case("K304", [society(K304 % "2026-05-02")], "2025-06-01", [("K304", 2, 63)]),
    case("K304", [society(K304 % "2025-05-01")], "2025-06-01", [("K301", 2, 63), ("K304", 2, 63)]),
    case("K304", [society("term: {number: 4, started: 2020-05-01, years: 5, extended_to: 2026-03-01}")], "2025-06-01", [("K304", 2, 63)]),
    # K305: dates out of order; equal dates are in order
    case("K305", [society("founded: 2024-01-11\nterm: {number: 5, started: 2024-01-10, years: 5}")], "2026-11-23", [("K305", 3, 28)]),
    case("K305", [society("founded: 2024-01-10\nterm: {number: 5, started: 2024-01-10, years: 5}")], "2026-11-23", []),
    case("K305", [society(SENIOR % "until: 2024-01-09")], "2026-11-23", [("K305", 2, 61), ("K306", 2, 10)]),
    case("K305", [society("inspections: [{year: 1999, result: pass}, {year: 2024, result: pass}, {year: 2025, result: pass}]")], "2026-11-23", [("K305", 2, 22)]),
    case("K305", [society("npo_grade: {grade: 4A, granted: 2027-01-01, expires: 2026-12-31}")], "2026-11-23", [("K305", 2, 54)]),
    case("K305", [society("npo_grade: {grade: 4A, granted: 2026-11-23, expires: 2026-11-23}")], "2026-11-23", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
