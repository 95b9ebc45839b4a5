"""K309–K312: the steps of a 换届 by kind; each deadline on its last day and the day after."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, branch, case, cell, check, society

NEW = "term: {number: 5, started: %s, years: 5}\n"
NEW3 = "term: {number: 3, started: %s, years: 3}\n"
PAST = "past_terms: [{number: 4, started: 2021-%s, years: 5, ended: %s, election: {%s}}]"
# every step before the congress, so only the steps after it are in question
BEFORE = (
    "plan_submitted: {date: 2025-09-01}, approved: {date: 2025-10-10}, audited: {date: 2025-11-01}, "
    "congress_requested: {date: 2025-12-01, planned: %s}, congress_approved: {date: 2026-01-05}, "
)
BRANCH_BEFORE = "plan_submitted: {date: 2026-05-01}, approved: {date: 2026-06-01}, "
PARTY_BEFORE = "plan_submitted: {date: 2026-05-01}, approved: {date: 2026-06-01}, candidates: {date: 2026-07-01}, "


def society_held(held: str, after: str = "") -> str:
    return NEW % held + PAST % (held[5:], held, BEFORE % held + f"held: {{date: {held}}}" + after)


def branch_held(held: str, after: str = "") -> str:
    return NEW % held + PAST % (held[5:], held, BRANCH_BEFORE + f"held: {{date: {held}}}" + after)


def cell_held(held: str, after: str = "") -> str:
    return NEW3 % held + PAST % (held[5:], held, PARTY_BEFORE + f"held: {{date: {held}}}" + after)


# fmt: off
CASES = [
    # K309 society: 30 working days after the congress (held Fri 2026-10-23: last day Fri 2026-12-04)
    case("K309", [society(society_held("2026-10-23"))], "2026-12-04", []),
    case("K309", [society(society_held("2026-10-23"))], "2026-12-05", [("K309", 3, 288)]),
    case("K309", [society(society_held("2026-10-23", ", filed: {date: 2026-12-04}"))], "2026-12-05", []),
    # across 春节 2026 (2-15 to 2-23 off) and the 调休 Saturdays 2-14 and 2-28 (held 2026-02-06: last day 2026-03-26)
    case("K309", [society(society_held("2026-02-06"))], "2026-03-26", []),
    case("K309", [society(society_held("2026-02-06"))], "2026-03-27", [("K309", 3, 288)]),
    # a year the calendar has no data for: Monday to Friday (held 2026-12-10: last day 2027-01-21)
    case("K309", [society(society_held("2026-12-10"))], "2027-01-21", []),
    case("K309", [society(society_held("2026-12-10"))], "2027-01-22", [("K309", 3, 288)]),
    # K309 branch: 30 days (held 2026-10-23: last day 2026-11-22); the congress recorded before elect counts too
    case("K309", [branch(branch_held("2026-10-23"))], "2026-11-22", []),
    case("K309", [branch(branch_held("2026-10-23"))], "2026-11-23", [("K309", 3, 159)]),
    case("K309", [branch(branch_held("2026-10-23", ", registered: {date: 2026-11-20}"))], "2026-11-23", []),
    case("K309", [branch("election: {" + BRANCH_BEFORE + "held: {date: 2026-10-23}}")], "2026-11-23", [("K309", 2, 84)]),
    # K309 party cell: 选举结果报批 within 15 days (held 2026-10-23: last day 2026-11-07)
    case("K309", [cell(cell_held("2026-10-23"))], "2026-11-07", []),
    case("K309", [cell(cell_held("2026-10-23"))], "2026-11-08", [("K309", 3, 191)]),
    # K312: 民政变更登记 within 30 days of the 审查同意 (2026-10-23: last day 2026-11-22)
    case("K312", [society(society_held("2026-09-01", ", filed: {date: 2026-09-10}, filing_approved: {date: 2026-10-23}"))], "2026-11-22", []),
    case("K312", [society(society_held("2026-09-01", ", filed: {date: 2026-09-10}, filing_approved: {date: 2026-10-23}"))], "2026-11-23", [("K312", 3, 288)]),
    case("K312", [society(society_held("2026-09-01", ", filed: {date: 2026-09-10}, filing_approved: {date: 2026-10-23}, registered: {date: 2026-11-20}"))], "2026-11-23", []),
    # K310: a step dated before an earlier one (equal dates are in order)
    case("K310", [society("election: {plan_submitted: {date: 2026-05-06}, approved: {date: 2026-04-20}}")], "2026-11-23", [("K310", 2, 65)]),
    case("K310", [society("election: {plan_submitted: {date: 2026-05-06}, approved: {date: 2026-05-06}}")], "2026-11-23", []),
    case("K310", [cell("election: {plan_submitted: {date: 2026-05-06}, approved: {date: 2026-04-20}}")], "2026-11-23", [("K310", 2, 65)]),
    # K311: a later step with an earlier one missing; party_review is not required
    case("K311", [branch("election: {held: {date: 2026-10-23}}")], "2026-10-30", [("K311", 2, 12)]),
    case("K311", [branch("election: {plan_submitted: {date: 2026-05-01}, approved: {date: 2026-06-01}, held: {date: 2026-10-23}}")], "2026-10-30", []),
    case("K311", [society("election: {approved: {date: 2026-06-01}}")], "2026-11-23", [("K311", 2, 12)]),
    case("K311", [society("election: {plan_submitted: {date: 2026-05-01}, approved: {date: 2026-06-01}}")], "2026-11-23", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
