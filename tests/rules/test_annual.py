"""K411–K415: annual records (records/annual/<year>/): outliers, missing 年报, totals, event dates, future years."""

from __future__ import annotations

import pytest

from tests.annual import annual
from tests.rules import PARAMS, branch, case, cell, check, raw, society

A = "2026-11-23"  # report year 2025 (deadline 2026-03-31 passed)
SETTINGS = "registry: 测试市科学技术协会\n"
NEW = "2026-01-05"
EV = "{date: 2025-05-20, title: 年会, category: academic}"


def last(body: str, org: str = "demo-society") -> tuple[str, str]:
    return annual(body, org=org, year=2024)


# fmt: off
CASES = [
    # K411: ×3 or ÷3 against last year's, when the larger is 10 or more; a hint at the figure
    case("K411", [society(), annual("academic: {events: 36}"), last("academic: {events: 12}")], A, [("K411", 2, 20)]),
    case("K411", [society(), annual("academic: {events: 4}"), last("academic: {events: 12}")], A, [("K411", 2, 20)]),
    case("K411", [society(), annual("academic: {events: 35}"), last("academic: {events: 12}")], A, []),
    case("K411", [society(), annual("academic: {events: 5}"), last("academic: {events: 12}")], A, []),
    case("K411", [society(), annual("academic: {events: 9}"), last("academic: {events: 1}")], A, []),  # both under 10
    case("K411", [society(), annual("members: {dues: 60000}"), last("members: {dues: 0}")], A, [("K411", 2, 17)]),
    case("K411", [society(), annual("academic: {events: 36}"), last("popular: {events: 12}")], A, []),  # not given last year
    case("K411", [society(), annual("academic: {events: 36}"), raw("kexie.yaml", SETTINGS + "annual: {outlier_factor: 4}"), last("academic: {events: 12}")], A, []),
    # K412: after 03-31 of the next year, an organisation that owes the year and has no record, or a draft/returned one
    case("K412", [society(), branch(), annual()], A, [("branches/demo-branch", "K412", 1, 1)], by_file=True),
    case("K412", [society(), cell(), annual("report: {status: returned, returned: 2026-03-20}")], A, [("2025/demo-society-2025", "K412", 2, 18), ("party-cells/demo-cell", "K412", 1, 1)], by_file=True),
    case("K412", [society(), annual("report: {status: draft}")], A, [("K412", 2, 18)]),
    case("K412", [society(), annual("report: {status: draft}")], "2026-03-31", []),  # the deadline day itself
    case("K412", [society(), branch(f"founded: {NEW}\nterm: {{number: 1, started: {NEW}, years: 5}}\nleaders: [{{role: chair, name: 李华, since: {NEW}}}]"), annual()], A, []),  # founded after 2025
    case("K412", [society(), branch("status: dormant"), annual()], A, []),
    case("K412", [society(), branch()], A, []),  # no annual record of 2025 at all: the round has not begun
    case("K412", [society(), annual("report: {status: draft}"), raw("kexie.yaml", SETTINGS + "annual: {deadline: 12-31}")], A, []),
    # K413: parts larger than their whole
    case("K413", [society(), annual("members: {individual: 100, new: 120}")], A, [("K413", 2, 33)]),
    case("K413", [society(), annual("academic: {events: 5, international: 1, national: 2, regional: 3}")], A, [("K413", 2, 11)]),
    case("K413", [society(), annual("popular: {events: 5, science_day_events: 6}")], A, [("K413", 2, 42)]),
    case("K413", [society(), annual("think_tank: {proposals: 2, reports: 1, adopted: 4}")], A, [("K413", 2, 49)]),
    case("K413", [society(), annual(f"academic: {{events: 1}}\nevents: [{EV}, {EV}]")], A, [("K413", 2, 20)]),
    case("K413", [society(), annual(f"academic: {{events: 2, international: 1, regional: 1}}\nmembers: {{individual: 10, new: 10}}\nevents: [{EV}, {EV}]")], A, []),
    case("K413", [society(), annual("think_tank: {adopted: 4}")], A, []),  # nothing to compare with
    # K414: an event dated outside the year
    case("K414", [society(), annual("events: [{date: 2024-12-30, title: 年会}]")], A, [("K414", 2, 17)]),
    case("K414", [society(), annual("events: [{date: 2025-12-31, title: 年会}]")], A, []),
    # K415: a year after today's
    case("K415", [society(), annual(year=2027)], A, [("K415", 4, 7)]),
    case("K415", [society(), annual(year=2026)], A, []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
