"""K720–K741 (and K202/K203/K205 on the kinds of issue 22 part B): 民办非企业单位, 学会联合体, 工作站,
科普基地, 科普志愿服务队, and a society's 区县."""

from __future__ import annotations

import re

import pytest
from stdnum.cn import uscc

from tests.rules import PARAMS, File, branch, case, check, society

A = "2026-11-23"
_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.MULTILINE)
_serial = iter(range(1, 10_000))
BASES = {
    "institute": (
        "institutes",
        "kind: institute\nname: 示例{n}研究院\nstatus: active\nfounded: 2015-03-01\ntype: new-rd\n"
        "registration: {{uscc: {uscc}}}\nleaders: [{{role: chair, name: 李华, since: 2020-01-10}}]\n",
    ),
    "alliance": (
        "alliances",
        "kind: alliance\nname: 示例{n}学会联合体\nstatus: active\nfounded: 2020-01-01\n"
        "lead: demo-society\nmembers: [demo-society]\n",
    ),
    "station": (
        "stations",
        "kind: station\nname: 示例{n}院士专家工作站\nstatus: active\nfounded: 2020-01-01\n"
        "type: academician\nhost_name: 示例公司\nlevel: provincial\nrecognised: 2025-01-10\n",
    ),
    "popsci-base": (
        "popsci-bases",
        "kind: popsci-base\nname: 示例{n}科普教育基地\nstatus: active\nfounded: 2020-01-01\n"
        "type: education\nhost_name: 示例馆\nlevel: municipal\nrecognised: 2025-01-10\n",
    ),
    "volunteer-team": (
        "volunteer-teams",
        "kind: volunteer-team\nname: 示例{n}科普志愿服务队\nstatus: active\nfounded: 2020-01-01\nhost_name: 示例社区\n",
    ),
}


def _uscc(n: int, prefix: str = "52") -> str:
    stem = f"{prefix}330100MJ{n:07d}"
    return stem + uscc.calc_check_digit(stem)


def record(kind: str, body: str = "", ident: str = "", drop: str = "") -> File:
    """A clean record of ``kind`` whose line 2 on is ``body``, then the base fields the body does not name."""
    folder, base = BASES[kind]
    ident = ident or f"demo-{kind.rsplit('-', maxsplit=1)[-1]}"
    n = next(_serial)
    named = set(_KEY.findall(body)) | set(drop.split())
    rest = [line for line in base.format(n=n, uscc=_uscc(n)).splitlines() if line.partition(":")[0] not in named]
    return f"records/{folder}/{ident}.yaml", "\n".join([f"id: {ident}", *([body] if body else []), *rest]) + "\n"


def district(ident: str = "demo-district") -> File:
    return branch("type: district", ident=ident)


SOC = society()
REVOKED = society("status: revoked", ident="demo-gone")
# fmt: off
CASES = [
    # the base records are clean
    case("K720", [record(k) for k in BASES] + [SOC], A, []),
    # K205: an institute's code starts with 52; a 52 code stays refused for a society (test_integrity)
    case("K205", [record("institute", f"registration: {{uscc: {_uscc(7, '51')}}}")], A, [("K205", 2, 22)]),
    case("K205", [record("institute", "registration: {uscc: 52330100MJ00000002}")], A, [("K205", 2, 22)]),
    case("K205", [record("institute", f"registration: {{uscc: {_uscc(8)}}}")], A, []),
    # K202/K203 on the new references
    case("K202", [record("alliance", "members: [demo-society, no-such]"), SOC], A, [("alliances/demo-alliance", "K202", 2, 25)], by_file=True),
    case("K202", [record("station", "host: no-such-host")], A, [("K202", 2, 7)]),
    case("K203", [record("alliance", "members: [demo-society, demo-branch]"), SOC, branch()], A, [("alliances/demo-alliance", "K203", 2, 25)], by_file=True),
    case("K203", [record("popsci-base", "host: demo-other-base"), record("popsci-base", ident="demo-other-base")], A, [("popsci-bases/demo-base", "K203", 2, 7)], by_file=True),
    case("K203", [record("volunteer-team", "host: demo-institute"), record("institute")], A, []),
    case("K203", [record("station", "host: demo-branch"), branch()], A, []),
    # K203: a society's district is a branch of type district
    case("K203", [society("level: district\ndistrict: demo-branch"), branch()], A, [("societies/demo-society", "K203", 3, 11)], by_file=True),
    case("K203", [society("level: district\ndistrict: demo-other-society"), society(ident="demo-other-society")], A, [("societies/demo-society", "K203", 3, 11)], by_file=True),
    case("K203", [society("level: district\ndistrict: demo-district"), district()], A, []),
    # K720: a member or the lead society revoked or dissolved
    case("K720", [record("alliance", "members: [demo-society, demo-gone]"), SOC, REVOKED], A, [("alliances/demo-alliance", "K720", 2, 25)], by_file=True),
    case("K720", [record("alliance", "lead: demo-gone\nmembers: [demo-gone]"), REVOKED], A, [("alliances/demo-alliance", "K720", 2, 7), ("alliances/demo-alliance", "K720", 3, 11)], by_file=True),
    case("K720", [record("alliance", "status: dissolved\nmembers: [demo-society, demo-gone]"), SOC, REVOKED], A, []),
    case("K720", [record("alliance", "members: [demo-society, demo-other]"), SOC, society(ident="demo-other")], A, []),
    # K721: the lead society is one of the members
    case("K721", [record("alliance", "lead: demo-other\nmembers: [demo-society]"), SOC, society(ident="demo-other")], A, [("alliances/demo-alliance", "K721", 2, 7)], by_file=True),
    case("K721", [record("alliance", "lead: demo-other\nmembers: [demo-society, demo-other]"), SOC, society(ident="demo-other")], A, []),
    # K730: review period per type (default 3 years), from reviewed, else recognised; the due day is the last
    case("K730", [record("station", "recognised: 2023-11-23")], A, [("K731", 2, 13)]),
    case("K730", [record("station", "recognised: 2023-11-22")], A, [("K730", 2, 13)]),
    case("K730", [record("station", "recognised: 2019-05-01\nreviewed: 2023-11-22")], A, [("K730", 3, 11)]),
    case("K730", [record("station", "recognised: 2019-05-01\nreviewed: 2024-11-22")], A, []),
    case("K730", [record("station", "status: delisted\nrecognised: 2019-05-01")], A, []),
    case("K730", [record("station", "status: revoked\nrecognised: 2019-05-01")], A, []),
    case("K730", [record("station", "type: tech-service\nrecognised: 2024-11-22"), ("kexie.yaml", "stations: {review_years: {tech-service: 2}}\n")], A, [("stations/demo-station", "K730", 3, 13)], by_file=True),
    case("K730", [record("station", "type: haizhi\nrecognised: 2024-11-22"), ("kexie.yaml", "stations: {review_years: {tech-service: 2}}\n")], A, []),
    # K731: within stations.lead_months (default 3) of the due day
    case("K731", [record("station", "recognised: 2024-02-23")], A, [("K731", 2, 13)]),
    case("K731", [record("station", "recognised: 2024-02-24")], A, []),
    case("K731", [record("station", "recognised: 2024-05-23"), ("kexie.yaml", "stations: {lead_months: 6}\n")], A, [("stations/demo-station", "K731", 2, 13)], by_file=True),
    # K735: valid_until, else recognised + period_years, else recognitions.period_years (default 5)
    case("K735", [record("popsci-base", "recognised: 2021-11-23")], A, [("K736", 2, 13)]),
    case("K735", [record("popsci-base", "recognised: 2021-11-22")], A, [("K735", 2, 13)]),
    case("K735", [record("popsci-base", "recognised: 2021-04-01\nvalid_until: 2026-11-22")], A, [("K735", 3, 14)]),
    case("K735", [record("popsci-base", "recognised: 2021-04-01\nvalid_until: 2026-11-23")], A, [("K736", 3, 14)]),
    case("K735", [record("volunteer-team", "recognised: 2023-11-22\nperiod_years: 3")], A, [("K735", 3, 15)]),
    case("K735", [record("volunteer-team", "period_years: 3")], A, []),
    case("K735", [record("popsci-base", "recognised: 2023-11-22"), ("kexie.yaml", "recognitions: {period_years: 3}\n")], A, [("popsci-bases/demo-base", "K735", 2, 13)], by_file=True),
    case("K735", [record("popsci-base", "status: delisted\nrecognised: 2015-01-01")], A, []),
    # K736: within recognitions.lead_months (default 3) of the last day
    case("K736", [record("popsci-base", "recognised: 2022-02-23")], A, [("K736", 2, 13)]),
    case("K736", [record("popsci-base", "recognised: 2022-02-24")], A, []),
    # K740: only a district-level society names its district
    case("K740", [society("level: municipal\ndistrict: demo-district"), district()], A, [("societies/demo-society", "K740", 3, 1)], by_file=True),
    case("K740", [society("level: district\ndistrict: demo-district"), district()], A, []),
    # K741: an active district-level society without its district
    case("K741", [society("level: district")], A, [("K741", 2, 8)]),
    case("K741", [society("level: district\nstatus: dormant")], A, []),
]
# fmt: on


@pytest.mark.parametrize(PARAMS, CASES)
def test_case(files: list[File], as_of: str, expected: list[object], by_file: bool) -> None:
    assert check(*files, as_of=as_of, by_file=by_file) == expected
