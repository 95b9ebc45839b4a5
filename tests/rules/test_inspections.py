"""K401–K403: annual inspections (年检 / 年度报告)."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, case, check, society

ONLY_2024 = "inspections: [{year: 2024, result: pass}]"
NEW = "founded: %s\nterm: {number: 1, started: 2025-07-01, years: 5}\ninspections: []"
STREAK = "inspections: [{year: %d, result: %s}, {year: %d, result: %s}]"

# fmt: off
CASES = [
    # K401: the 2025 report is due 2026-05-31, so it is missing from 2026-06-01
    case("K401", [society(ONLY_2024)], "2026-05-31", []),
    case("K401", [society(ONLY_2024)], "2026-06-01", [("K401", 2, 14)]),
    case("K401", [society(drop="inspections")], "2026-06-01", [("K401", 1, 1)]),
    case("K401", [society(ONLY_2024 + "\nstatus: dissolved")], "2026-06-01", []),
    # founded on 30 June 2025 owes the 2025 report; founded on 1 July it does not
    case("K401", [society(NEW % "2025-06-30")], "2026-06-01", [("K401", 4, 14)]),
    case("K401", [society(NEW % "2025-07-01")], "2026-06-01", []),
    # K402: the two latest entries, consecutive years, both missing or fail
    case("K402", [society(STREAK % (2024, "missing", 2025, "fail"))], "2026-11-23", [("K402", 2, 46)]),
    case("K402", [society(STREAK % (2024, "fail", 2025, "fail"))], "2026-11-23", [("K402", 2, 43)]),
    case("K402", [society(STREAK % (2024, "missing", 2025, "basic-pass"))], "2026-11-23", []),
    case("K402", [society("inspections: [{year: 2023, result: missing}, {year: 2025, result: fail}]")], "2026-11-23", []),
    case("K402", [society("inspections: [{year: 2023, result: missing}, {year: 2024, result: fail}, {year: 2025, result: pass}]")], "2026-11-23", []),
    # K403: a year twice (the second reported) or after the current year
    case("K403", [society("inspections: [{year: 2025, result: pass}, {year: 2025, result: basic-pass}]")], "2026-11-23", [("K403", 2, 50)]),
    case("K403", [society("inspections: [{year: 2024, result: pass}, {year: 2025, result: pass}, {year: 2027, result: pass}]")], "2026-12-31", [("K403", 2, 78)]),
    case("K403", [society("inspections: [{year: 2024, result: pass}, {year: 2025, result: pass}, {year: 2026, result: pass}]")], "2026-12-31", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
