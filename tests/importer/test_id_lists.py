"""A list of ids (an alliance's 成员学会) in export, sql and import (issue 22)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, run_cli, write_registry

SETTINGS = "registry: 示例市科学技术协会\n"


def society(ident: str, name: str, short: str = "") -> str:
    extra = f"short_name: {short}\n" if short else ""
    return (
        f"id: {ident}\nkind: society\nname: {name}\n{extra}status: active\nfounded: 2000-01-01\n"
        "level: municipal\ndiscipline: science\nregistration: {uscc: 51330100MJ0000001X}\n"
    )


def registry(root: Path) -> Path:
    return write_registry(
        root,
        {
            "records/societies/wuli.yaml": society("wuli", "示例市物理学会"),
            "records/societies/huaxue.yaml": society("huaxue", "示例市化学化工学会", short="市化学会"),
            "records/societies/shuxue.yaml": society("shuxue", "示例市数学学会"),
            "records/branches/dongcheng.yaml": (
                "id: dongcheng\nkind: branch\nname: 示例市东城区科学技术协会\nstatus: active\n"
                "founded: 2000-01-01\ntype: district\n"
            ),
        },
        SETTINGS,
    )


def alliance(root: Path) -> dict[str, Any]:
    path = next((root / "records" / "alliances").glob("*.yaml"))
    data = load_text(path.read_text(encoding="utf-8")).data
    assert data is not None
    return data


def write_csv(path: Path, members: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["名称", "状态", "成立日期", "成员学会"])
        writer.writerow(["示例市理科学会联盟", "正常", "2024-05-01", members])
    return path


def test_members_by_id_name_short_name_and_without_the_place(tmp_path: Path) -> None:
    root = registry(tmp_path / "reg")
    # an id, a name without the place name, a 简称, the full name; every separator; one twice
    book = write_csv(tmp_path / "a.csv", "wuli；化学化工学会;市化学会\n示例市数学学会，wuli")
    run = run_cli(["import", str(book), "--kind", "alliance", "--as-of", AS_OF, "--format", "json"], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["notes"] == []
    assert ("成员学会", "members") in [(c["header"], c["field"]) for c in run.json()["columns"]]
    assert alliance(root)["members"] == ["wuli", "huaxue", "shuxue"]


def test_a_member_not_on_the_books_is_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    root = registry(tmp_path / "reg")
    # a society that is not there, and a record that is not a society (a member is a 科技社团)
    book = write_csv(tmp_path / "a.csv", "物理学会、天文学会、东城区科协")
    run = run_cli(["import", str(book), "--kind", "alliance", "--as-of", AS_OF, "--format", "json"], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    notes = [(n["row"], n["column"], n["value"], n["reason"]) for n in run.json()["notes"]]
    assert notes == [
        (2, "成员学会", "天文学会", "import.value.unknown_member"),
        (2, "成员学会", "东城区科协", "import.value.unknown_member"),
    ]
    assert alliance(root)["members"] == ["wuli"]
    text = run_cli(["import", str(book), "--kind", "alliance", "--as-of", AS_OF, "--dry-run"], root).stdout
    line = next(line for line in text.splitlines() if "天文学会" in line)
    assert line.strip() == (
        "第 2 行“成员学会”列的值「天文学会」：工作表“a”的这一项在台账中找不到对应的科技社团"
        "（按标识符、全称、简称或不带地名的名称查找），未写入"
    )


def test_sql_has_a_members_column_and_a_link_table(tmp_path: Path) -> None:
    root = registry(tmp_path / "reg")
    run_cli(["import", str(write_csv(tmp_path / "a.csv", "wuli；huaxue")), "--kind", "alliance"], root)
    query = "SELECT alliance_name, member, member_name, member_kind FROM alliance_members ORDER BY member"
    rows = run_cli(["sql", query, "--as-of", AS_OF, "--format", "json"], root).json()
    assert [tuple(r.values()) for r in rows] == [
        ("示例市理科学会联盟", "huaxue", "示例市化学化工学会", "society"),
        ("示例市理科学会联盟", "wuli", "示例市物理学会", "society"),
    ]
    query = "SELECT members, members_names FROM alliances"
    assert run_cli(["sql", query, "--as-of", AS_OF, "--format", "json"], root).json() == [
        {"members": "wuli；huaxue", "members_names": "示例市物理学会；示例市化学化工学会"}
    ]


def test_export_round_trip_of_members_through_csv(tmp_path: Path) -> None:
    """The 成员学会 column of the export's alliances.csv is read back as it is; 成员学会名称 is not read."""
    root = registry(tmp_path / "reg")
    run_cli(["import", str(write_csv(tmp_path / "a.csv", "shuxue；wuli")), "--kind", "alliance"], root)
    out = tmp_path / "csv"
    assert run_cli(["export", "--format", "csv", "-o", str(out), "--as-of", AS_OF], root).exit_code == 0
    links = list(csv.reader((out / "alliance_members.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [row[3] for row in links[1:]] == ["示例市数学学会", "示例市物理学会"]
    again = registry(tmp_path / "again")
    run = run_cli(["import", str(out / "alliances.csv"), "--kind", "alliance", "--format", "json"], again)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert [c["header"] for c in run.json()["columns"] if c["field"] == "members"] == ["成员学会"]
    assert alliance(again)["members"] == ["shuxue", "wuli"]
