"""``kexie show`` names the references of the new kinds by their field, both ways (not 上级/下级)."""

from __future__ import annotations

from typing import Any

from tests.conftest import AS_OF, REPO, run_cli


def references(record_id: str) -> list[tuple[str, str]]:
    run = run_cli(["show", record_id, "--format", "json", "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    data: dict[str, Any] = run.json()
    return [(r["relation"], r["id"]) for r in data["references"]]


def test_an_alliance_shows_its_lead_and_every_member() -> None:
    found = references("yixue-xuehui-lianheti")
    assert found[0] == ("lead", "yixuehui")
    assert [i for r, i in found if r == "members"] == [
        "yixuehui",
        "huli-xuehui",
        "kangfu-yixuehui",
        "kouqiang-yixuehui",
        "yufang-yixuehui",
    ]


def test_a_society_shows_its_alliances_and_its_district() -> None:
    assert ("lead_of", "yixue-xuehui-lianheti") in references("yixuehui")
    assert ("members_of", "yixue-xuehui-lianheti") in references("huli-xuehui")
    assert ("district", "dongcheng-qu-kexie") in references("dongcheng-kepu-zhiyuanzhe-xiehui")
    assert ("district_of", "dongcheng-kepu-zhiyuanzhe-xiehui") in references("dongcheng-qu-kexie")


def test_a_host_and_what_it_hosts() -> None:
    found = references("gangtie-yuanshi-zhuanjia-gongzuozhan")
    assert [r for r in found if r[0] != "org_of"] == [("host", "gangtie-jituan-kexie")]
    # and its years' records (records/annual/<year>/), which name it as their organisation
    assert [r for r in found if r[0] == "org_of"] == [
        ("org_of", f"gangtie-yuanshi-zhuanjia-gongzuozhan-{year}") for year in (2023, 2024, 2025)
    ]
    assert ("host_of", "gangtie-yuanshi-zhuanjia-gongzuozhan") in references("gangtie-jituan-kexie")
    run = run_cli(["show", "gangtie-jituan-kexie", "--as-of", AS_OF], REPO)
    assert "依托本单位" in run.stdout and "依托单位" in run_cli(["show", "huaguang-haizhi-gongzuozhan"], REPO).stdout
