"""K601–K603: 社会组织评估等级, 星级学会, 学术活动品牌."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, case, check, society

GRANTED = "npo_grade: {grade: 4A, granted: 2021-11-23}"  # valid 5 years: through 2026-11-23
EXPIRES = "npo_grade: {grade: 4A, granted: 2021-11-23, expires: 2026-06-30}"

# fmt: off
CASES = [
    # K601: valid through granted + 5 years, or through ``expires``
    case("K601", [society(GRANTED)], "2026-11-23", []),
    case("K601", [society(GRANTED)], "2026-11-24", [("K601", 2, 33)]),
    case("K601", [society(EXPIRES)], "2026-06-30", []),
    case("K601", [society(EXPIRES)], "2026-07-01", [("K601", 2, 54)]),
    case("K601", [society(GRANTED + "\nstatus: revoked")], "2026-11-24", []),
    # K602: the latest rating at most 3 years before the current year
    case("K602", [society("stars: [{year: 2023, stars: 4}]")], "2026-12-31", []),
    case("K602", [society("stars: [{year: 2023, stars: 4}]")], "2027-01-01", [("K602", 2, 16)]),
    case("K602", [society("stars: [{year: 2024, stars: 5}, {year: 2022, stars: 4}]")], "2026-11-23", []),
    case("K602", [society("stars: [{year: 2022, stars: 4}]")], "2026-11-23", [("K602", 2, 16)]),
    # K603: an active society with no brand events
    case("K603", [society("brand_events: []")], "2026-11-23", [("K603", 2, 15)]),
    case("K603", [society(drop="brand_events")], "2026-11-23", [("K603", 1, 1)]),
    case("K603", [society("brand_events: []\nstatus: suspended")], "2026-11-23", []),
    case("K603", [society("brand_events: [示例学术年会]")], "2026-11-23", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
