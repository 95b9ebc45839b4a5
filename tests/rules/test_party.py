"""K501–K509: Party organisations (全覆盖, members, forms, 三会一课, categories)."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, branch, case, cell, check, society

A = "2026-11-23"
BRANCH = "form: branch\ncovers: [demo-society]\nterm: {number: 2, started: 2025-01-10, years: 3}"  # a 党支部 covering one society
NEW_TERM = "\nterm: {number: 1, started: 2026-06-02, years: 3}"
SIX = [f"demo-s{i}" for i in range(1, 7)]


def joint(n: int) -> str:
    return f"form: joint-branch\ncovers: [{', '.join(SIX[:n])}]\nterm: {{number: 2, started: 2025-01-10, years: 3}}"


def log(life: str = "2025-11-24", skip: str = "") -> str:
    """A 党总支's log as of 2026-11-23: a 总支委员会 each month 2025-11 … 2026-10 (but ``skip``), one 组织生活会."""
    months = [f"{2025 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(11, 23)]
    items = [f"{{date: {m}-15, type: committee-meeting}}" for m in months if m != skip]
    return f"meetings: [{{date: {life}, type: life-meeting}}, {', '.join(items)}]"


# fmt: off
CASES = [
    # K501: an active society with neither a covering cell nor a liaison
    case("K501", [society(drop="liaison")], A, [("K501", 1, 1)]),
    case("K501", [society(drop="liaison"), cell("covers: [demo-society]")], A, []),
    case("K501", [society(drop="liaison"), cell("covers: [demo-society]\nstatus: dissolved")], A, [("societies/demo-society", "K501", 1, 1)], by_file=True),
    case("K501", [society("status: suspended", drop="liaison")], A, []),
    case("K501", [society("liaison: {}", drop="liaison")], A, [("K501", 1, 1)]),  # a liaison names a person
    case("K501", [society("liaison: {role: liaison, name: ' '}", drop="liaison")], A, [("K501", 1, 1)]),
    case("K501", [society("liaison: {name: 陈静}", drop="liaison")], A, []),
    # K502: 3 full members at least for a 党支部, 联合党支部 or 党总支
    case("K502", [cell(BRANCH + "\nmembers: {full: 2, probationary: 1}"), society()], A, [("party-cells/demo-cell", "K502", 5, 17)], by_file=True),
    case("K502", [cell(BRANCH + "\nmembers: {full: 3}"), society()], A, []),
    case("K502", [cell("members: {full: 2}")], A, [("K502", 2, 17)]),
    case("K502", [cell("form: working-group\ncovers: [demo-society]\nmembers: {full: 2}\nleaders: [{role: group-leader, name: 李华, since: 2025-01-10}]"), society()], A, []),
    # K503: a joint branch covers 2 or more; a 党支部 or working group at most 1
    case("K503", [cell(joint(1)), *(society(ident=s) for s in SIX[:1])], A, [("party-cells/demo-cell", "K503", 3, 9)], by_file=True),
    case("K503", [cell(joint(2)), *(society(ident=s) for s in SIX[:2])], A, []),
    case("K503", [cell("form: branch\ncovers: [demo-s1, demo-s2]\nterm: {number: 2, started: 2025-01-10, years: 3}"), *(society(ident=s) for s in SIX[:2])], A, [("party-cells/demo-cell", "K503", 3, 9)], by_file=True),
    case("K503", [cell(BRANCH), society()], A, []),
    # K504: the secretary (组长) holds a current post in a covered record
    case("K504", [cell("covers: [demo-society]\nleaders: [{role: secretary, name: 王明, since: 2025-01-10}]"), society()], A, [("party-cells/demo-cell", "K504", 3, 11)], by_file=True),
    case("K504", [cell("covers: [demo-society]\nleaders: [{role: secretary, name: 赵敏, since: 2025-01-10}]"), society()], A, []),
    case("K504", [cell("covers: [demo-branch]\nleaders: [{role: secretary, name: 王明, since: 2025-01-10}]"), branch("leaders: [{role: chair, name: 李华, since: 2024-01-10}, {role: vice-chair, name: 王明, since: 2020-01-10, until: 2026-11-23}]")], A, [("party-cells/demo-cell", "K504", 3, 11)], by_file=True),
    case("K504", [cell("covers: [demo-branch]\nleaders: [{role: secretary, name: 王明, since: 2025-01-10}]"), branch("leaders: [{role: chair, name: 李华, since: 2024-01-10}, {role: vice-chair, name: 王明, since: 2020-01-10, until: 2026-11-24}]")], A, []),
    case("K504", [cell("form: working-group\ncovers: [demo-society]\nleaders: [{role: group-leader, name: 王明, since: 2025-01-10}]"), society()], A, [("party-cells/demo-cell", "K504", 4, 11)], by_file=True),
    # K505: a cell's term ends on its last day (2026-11-23); a working group holds no 换届
    case("K505", [cell("term: {number: 2, started: 2023-11-23, years: 3}")], "2026-11-23", [("K302", 2, 28)]),
    case("K505", [cell("term: {number: 2, started: 2023-11-23, years: 3}")], "2026-11-24", [("K505", 2, 28)]),
    case("K505", [cell("form: working-group\ncovers: [demo-society]\nleaders: [{role: group-leader, name: 李华, since: 2025-01-10}]\nterm: {number: 2, started: 2021-11-23, years: 5}"), society()], "2026-11-24", []),
    # K506: 三会一课 of a 党总支: a 总支委员会 each month, a 组织生活会 within the last 12 months;
    # months that start before ``founded`` are not owed
    case("K506", [cell(log())], A, []),
    case("K506", [cell(log(life="2025-11-23"))], A, [("K506", 2, 11)]),
    case("K506", [cell(log(skip="2026-10"))], A, [("K506", 2, 11)]),
    case("K506", [cell(log(skip="2026-10", life="2025-11-23"))], A, [("K506", 2, 11), ("K506", 2, 11)]),
    case("K506", [cell(log(skip="2026-06") + "\nfounded: 2026-06-02" + NEW_TERM)], A, []),
    case("K506", [cell(log(skip="2026-06") + "\nfounded: 2026-06-01" + NEW_TERM)], A, [("K506", 2, 11)]),
    case("K506", [cell(drop="meetings")], A, []),
    # K507: a joint branch covers 5 at most
    case("K507", [cell(joint(6)), *(society(ident=s) for s in SIX)], A, [("party-cells/demo-cell", "K507", 3, 9)], by_file=True),
    case("K507", [cell(joint(5)), *(society(ident=s) for s in SIX[:5])], A, []),
    # K508: category B names a host unit, its own or a covered record's
    case("K508", [cell("category: B\ncovers: [demo-society]"), society()], A, [("party-cells/demo-cell", "K508", 2, 11)], by_file=True),
    case("K508", [cell("category: B\ncovers: [demo-society]\nhost_unit: 示例市第一人民医院"), society()], A, []),
    case("K508", [cell("category: B\ncovers: [demo-society]"), society("supporting_unit: 示例大学")], A, []),
    case("K508", [cell("category: B\ncovers: [demo-branch]"), branch("host_unit: 示例集团")], A, []),
    case("K508", [cell("category: A\ncovers: [demo-society]\nparent: demo-top"), cell("form: committee\nterm: {number: 2, started: 2025-01-10, years: 5}", ident="demo-top"), society()], A, []),
    # K509: category C only for a functional branch
    case("K509", [cell("category: C")], A, [("K509", 2, 11)]),
    case("K509", [cell("category: C\nform: functional-branch\ncovers: [demo-society]\nterm: {number: 2, started: 2025-01-10, years: 3}"), society()], A, []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
