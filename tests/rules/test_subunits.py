"""K701–K706: 分支机构 and 联络处 (社会团体登记管理条例 第十七条)."""

from __future__ import annotations

import pytest

from kexie_cli.rules.subunits import regional_name
from tests.rules import PARAMS, branch, case, check, office, society, subunit

GONE = "status: revoked"
UNIT = "subunits/demo-unit"
OFFICE = "liaison-offices/demo-office"
OWN = "parent_society: demo-society"

# fmt: off
CASES = [
    # K701: no 统一社会信用代码, no legal personality
    case("K701", [society(), subunit("registration: {uscc: 51330100MJ9999999Y}")], "2026-11-23", [("K701", 2, 22)]),
    case("K701", [society(), subunit("legal_person: true")], "2026-11-23", [("K701", 2, 15)]),
    case("K701", [society(), subunit("legal_person: false")], "2026-11-23", []),
    case("K701", [society(), subunit()], "2026-11-23", []),
    # K702: a name that sets the subunit up for a region
    case("K702", [society(), subunit("name: 示例市机械工程学会青山县分会")], "2026-11-23", [("K702", 2, 7)]),
    case("K702", [society(), subunit("name: 示例市机械工程学会东城区分会")], "2026-11-23", [("K702", 2, 7)]),
    case("K702", [society(), subunit("name: 示例市东城区机械工程学会铸造分会")], "2026-11-23", []),
    case("K702", [society(), subunit("name: 示例市机械工程学会智慧城市分会")], "2026-11-23", []),
    case("K702", [society(), subunit("name: 示例市医学会社区卫生分会")], "2026-11-23", []),
    case("K702", [society(), subunit("name: 示例市机械工程学会铸造分会")], "2026-11-23", []),
    # K703: the society is revoked or dissolved, the subunit still live
    case("K703", [society(GONE), subunit()], "2026-11-23", [(UNIT, "K703", 7, 9)], by_file=True),
    case("K703", [society("status: dissolved"), subunit("status: suspended")], "2026-11-23",
         [(UNIT, "K703", 7, 9)], by_file=True),
    case("K703", [society(GONE), subunit("status: dissolved")], "2026-11-23", []),
    case("K703", [society("status: suspended"), subunit()], "2026-11-23", []),
    # K704: the subunit's term ends after its society's (2024-01-10 + 5 years)
    case("K704", [society(), subunit("term: {number: 3, started: 2024-06-01, years: 5}")], "2026-11-23",
         [(UNIT, "K704", 2, 7)], by_file=True),
    case("K704", [society(), subunit("term: {number: 3, started: 2024-01-10, years: 5}")], "2026-11-23", []),
    case("K704", [society(), subunit("term: {number: 3, started: 2023-06-01, years: 4}")], "2026-11-23", []),
    # K705: the society's list and the subunit record give different founding dates
    case("K705", [society("name: 示例市机械工程学会\nsubunits: [{name: 铸造分会, founded: 1988-06-12}]"),
                  subunit("name: 示例市机械工程学会铸造分会\nfounded: 1989-06-12")], "2026-11-23",
         [("societies/demo-society", "K705", 3, 34)], by_file=True),
    case("K705", [society("name: 示例市机械工程学会\nsubunits: [{name: 铸造分会, founded: 1988-06-12}]"),
                  subunit("name: 示例市机械工程学会铸造分会\nfounded: 1988-06-12")], "2026-11-23", []),
    case("K705", [society("name: 示例市机械工程学会\nsubunits: [{name: 焊接分会, founded: 1988-06-12}]"),
                  subunit("name: 示例市机械工程学会铸造分会\nfounded: 1989-06-12")], "2026-11-23", []),
    # K706: a liaison office of a society that is gone
    case("K706", [society(GONE), office(OWN, drop="parent_name")], "2026-11-23", [(OFFICE, "K706", 2, 17)],
         by_file=True),
    case("K706", [society(), office(OWN, drop="parent_name")], "2026-11-23", []),
    case("K706", [society(GONE), office(OWN + "\nstatus: dissolved", drop="parent_name")], "2026-11-23", []),
    case("K706", [office()], "2026-11-23", []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected


def test_subunit_parent_must_be_a_society() -> None:
    """K203 for a subunit whose ``parent`` is a branch; K101 for one without a parent."""
    assert check(society(), branch(), subunit("parent: demo-branch")) == [("K203", 2, 9)]
    assert check(society(), subunit(drop="parent")) == [("K101", 1, 1)]


def test_liaison_office_needs_no_uscc_but_a_parent() -> None:
    """No 51… code is asked of a 联络处; it names its society one way or the other (K101 otherwise)."""
    assert check(office()) == []
    assert check(office(drop="parent_name")) == [("K101", 1, 1)]
    assert check(society(), office("parent_society: demo-branch", drop="parent_name"), branch()) == [("K203", 2, 17)]


def test_preparing_records_need_no_registration_and_no_term() -> None:
    prep = society("status: preparing", drop="registration inspections liaison brand_events term leaders")
    assert check(prep) == []
    assert check(society(drop="registration")) == [("K101", 1, 1)]
    assert check(society(), subunit("status: preparing", drop="term leaders")) == []


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("示例市机械工程学会东城区分会", "东城区"),
        ("示例市机械工程学会老城区分会", "老城区"),
        ("示例市机械工程学会青山县分会", "青山县"),
        ("示例市机械工程学会白沙镇分支机构", "白沙镇"),
        ("示例市机械工程学会花园街道办事处", "花园街道"),
        ("示例市东城区机械工程学会铸造分会", None),  # a district society's subunit: not by region
        ("示例市机械工程学会智慧城市分会", None),
        ("示例市医学会社区卫生分会", None),
        ("示例市城市规划学会城区更新分会", None),
        ("示例市机械工程学会铸造专业委员会", None),
    ],
)
def test_regional_name(name: str, region: str | None) -> None:
    assert regional_name(name) == region
