"""K901–K902: suppressions (comments and settings ``rules.ignore``)."""

from __future__ import annotations

import pytest

from tests.rules import PARAMS, case, check, raw, society

A = "2026-11-23"
P = "records/societies/demo-society.yaml"
S = "registry: 测试市科学技术协会\nrules:\n  ignore:\n    - {code: %s, reason: 品牌活动另行统计, ids: [demo-society]%s}\n"

# fmt: off
CASES = [
    # K901: a suppression comment needs a known code and a reason
    case("K901", [society("brand_events: []  # kexie: ignore[K603]")], A, [("K603", 2, 15), ("K901", 2, 19)]),
    case("K901", [society("brand_events: []  # kexie: ignore[K999] 品牌活动另行统计")], A, [("K603", 2, 15), ("K901", 2, 19)]),
    case("K901", [society("brand_events: []  # kexie: ignore[K603] 品牌活动另行统计")], A, []),
    case("K901", [society("# kexie: ignore[K603] 品牌活动另行统计\nbrand_events: []")], A, []),
    # K902: a suppression that matches nothing, or whose ``until`` has passed
    case("K902", [society("brand_events: [示例学术年会]  # kexie: ignore[K603] 品牌活动另行统计")], A, [("K902", 2, 25)]),
    case("K902", [society("# kexie: ignore[K603] 品牌活动另行统计\nbrand_events: [示例学术年会]")], A, [("K902", 2, 1)]),
    case("K902", [society("brand_events: []  # kexie: ignore[K603,K501] 品牌活动另行统计")], A, [("K902", 2, 19)]),
    # a finding on the record (line 1) is suppressed on its line or the line above, not on line 2
    case("K902", [society("brand_events: []  # kexie: ignore[K603,K501] 理由", drop="liaison")], A, [("K501", 1, 1), ("K902", 2, 19)]),
    case("K902", [raw(P, "# kexie: ignore[K501] 已派党建指导员，待录入\n" + society(drop="liaison")[1])], A, []),
    case("K902", [raw(P, society(drop="liaison")[1].replace("demo-society", "demo-society  # kexie: ignore[K501] 待录入", 1))], A, []),
]
SETTINGS = [
    # the same through settings ``rules.ignore``; ``until`` is the last day it holds
    ("K901", S % ("K999", ""), A, [("K603", 2, 15), ("K901", 4, 7)]),
    ("K902", S % ("K603", ", until: 2026-11-23"), "2026-11-23", []),
    ("K902", S % ("K603", ", until: 2026-11-23"), "2026-11-24", [("K603", 2, 15), ("K902", 4, 7)]),
]
# fmt: on
CASES += [
    case(code, [society("brand_events: []"), ("kexie.yaml", s)], as_of, found) for code, s, as_of, found in SETTINGS
]


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[tuple[str, str]], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
