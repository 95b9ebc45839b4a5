"""K306–K308: leadership — who holds office, committees, age and consecutive terms."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, branch, case, cell, check, society

CHAIRS = "leaders: [{role: secretary-general, name: 赵敏, since: 2024-01-10}, {role: chair, name: 李华, since: 2021-01-10, until: %s}, {role: chair, name: 王刚, since: %s}]"
SENIOR = "leaders: [{role: chair, name: 李华, since: 2024-01-10, %s}, {role: secretary-general, name: 赵敏, since: 2024-01-10}]"
AGENCY = "type: agency\ncommittee: {members: %d}"

# fmt: off
CASES = [
    # K306: exactly one current chair; ``until`` is exclusive, so on the 换届 day only the successor holds office
    case("K306", [society(CHAIRS % ("2026-11-23", "2026-11-23"))], "2026-11-23", []),
    case("K306", [society(CHAIRS % ("2026-11-23", "2026-11-23"))], "2026-11-22", []),
    case("K306", [society(CHAIRS % ("2026-11-24", "2026-11-23"))], "2026-11-23", [("K306", 2, 130)]),
    case("K306", [society(CHAIRS % ("2026-11-23", "2026-11-24"))], "2026-11-23", [("K306", 2, 10)]),
    case("K306", [society("leaders: [{role: chair, name: 李华, since: 2024-01-10}]")], "2026-11-23", [("K306", 2, 10)]),
    case("K306", [society("leaders: [{role: chair, name: 李华, since: 2024-01-10}]\nstatus: revoked")], "2026-11-23", []),
    case("K306", [branch("leaders: [{role: vice-chair, name: 李华, since: 2024-01-10}]")], "2026-11-23", [("K306", 2, 10)]),
    case("K306", [cell("leaders: [{role: deputy-secretary, name: 李华, since: 2025-01-10}]")], "2026-11-23", [("K306", 2, 10)]),
    case("K306", [cell("form: working-group\ncovers: [demo-society]\nleaders: [{role: secretary, name: 李华, since: 2025-01-10}]"), society()], "2026-11-23", [("K306", 4, 10)]),
    # K307: agency and institution committees of 7 to 9; one secretary-general at most
    case("K307", [branch(AGENCY % 6)], "2026-11-23", [("K307", 3, 22)]),
    case("K307", [branch(AGENCY % 7)], "2026-11-23", []),
    case("K307", [branch(AGENCY % 9)], "2026-11-23", []),
    case("K307", [branch(AGENCY % 10)], "2026-11-23", [("K307", 3, 22)]),
    case("K307", [branch("type: school\ncommittee: {members: 3}")], "2026-11-23", []),
    case("K307", [branch("leaders: [{role: chair, name: 李华, since: 2024-01-10}, {role: secretary-general, name: 赵敏, since: 2024-01-10}, {role: secretary-general, name: 钱进, since: 2024-01-10}]")], "2026-11-23", [("K307", 2, 111)]),
    # K308: age at the term's start (2024) at most 70; at most 2 consecutive terms (term 5)
    case("K308", [society(SENIOR % "birth_year: 1954")], "2026-11-23", []),
    case("K308", [society(SENIOR % "birth_year: 1953")], "2026-11-23", [("K308", 2, 66)]),
    case("K308", [society(SENIOR % "first_term: 4")], "2026-11-23", []),
    case("K308", [society(SENIOR % "first_term: 3")], "2026-11-23", [("K308", 2, 66)]),
    case("K308", [society("leaders: [{role: chair, name: 李华, since: 2024-01-10}, {role: secretary-general, name: 赵敏, since: 2024-01-10}, {role: vice-chair, name: 钱进, since: 2019-01-10, until: 2024-01-10, birth_year: 1940}]")], "2026-11-23", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
