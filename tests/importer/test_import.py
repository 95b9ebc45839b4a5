"""kexie import: real-world sheets in, canonical records out, idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from kexie_cli.importer.columns import match_header, synonyms
from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, Run, run_cli, write_registry
from tests.importer.book import DATES, HEADERS, messy_rows, write_book

SETTINGS = "registry: 示例市科学技术协会\n"


def load(root: Path, kind_folder: str, record_id: str) -> dict[str, Any]:
    loaded = load_text((root / "records" / kind_folder / f"{record_id}.yaml").read_text(encoding="utf-8"))
    assert loaded.data is not None
    return loaded.data


def run_import(root: Path, path: Path, *extra: str, kind: str = "society") -> Run:
    return run_cli(["import", str(path), "--kind", kind, "--as-of", AS_OF, "--format", "json", *extra], root)


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {}, SETTINGS)


def by_name(run: Run) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in run.json()["rows"]}


def test_messy_sheet_every_date_spelling(reg: Path, tmp_path: Path) -> None:
    run = run_import(reg, write_book(tmp_path / "t.xlsx"))
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["sheet"] == "学会名录"
    assert report["header_row"] == 3
    assert report["counts"] == {"created": 8, "updated": 0, "unchanged": 0, "skipped": 0}
    assert report["ignored"] == [{"row": 13, "reason": "import.ignored.total"}]
    rows = report["rows"]
    assert [r["row"] for r in rows] == [4, 5, 6, 8, 9, 10, 11, 12]  # row 7 is blank
    for row, (written, iso, precision) in zip(rows, DATES, strict=True):
        data = load(reg, "societies", row["id"])
        assert str(data["founded"]) == iso, written
        assert data["term"]["number"] == 8  # 第八届 and 8 alike
        assert data["term"]["years"] == 5
        notes = [n for n in report["notes"] if n["row"] == row["row"] and n["column"] == "成立时间"]
        if precision == "day":
            assert notes == []
        else:
            assert [n["reason"] for n in notes] == [f"import.note.{precision}_only"]
            assert notes[0]["params"] == {"date": iso}
    first = load(reg, "societies", rows[0]["id"])
    assert first["name"] == "示例市测试一学会"  # stray space removed
    assert first["supervising_unit"] == "示例市科学技术协会"
    assert first["leaders"][0] == {"role": "chair", "name": "张零明", "since": "2023-06-01"}
    assert first["members"] == {"individual": 100}
    third = load(reg, "societies", rows[2]["id"])
    assert third["name"] == "示例市测试三学会（筹）"  # half-width brackets made full-width
    assert rows[2]["id"] == "ceshisan-xuehui"
    second = load(reg, "societies", rows[1]["id"])
    assert str(second["term"]["started"]) == "2023-06-18"  # a real Excel date cell
    check = run_cli(["fmt", "--check"], reg)
    assert check.exit_code == 0, check.stdout + check.stderr


def test_plain_report_names_every_assumed_date(reg: Path, tmp_path: Path) -> None:
    book = write_book(tmp_path / "t.xlsx")
    run = run_cli(["import", str(book), "--kind", "society", "--as-of", AS_OF], reg)
    assert run.exit_code == 0
    assert "第 4 行“成立时间”列的值「1980.05」：只到月份，记为当月 1 日（1980-05-01）" in run.stdout
    assert "第 11 行“成立时间”列的值「1995」：只有年份，记为当年 1 月 1 日（1995-01-01）" in run.stdout
    assert "第 13 行：合计行，已忽略" in run.stdout


def test_reimport_is_idempotent_and_updates_only_the_changed_cell(reg: Path, tmp_path: Path) -> None:
    run_import(reg, write_book(tmp_path / "t.xlsx"))
    path = reg / "records" / "societies" / "ceshisan-xuehui.yaml"
    text = path.read_text(encoding="utf-8").replace("notes: 备注2", "notes: 备注2  # 手工补记的注释")
    path.write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    again = run_import(reg, tmp_path / "t.xlsx")
    assert again.exit_code == 0
    assert again.json()["counts"] == {"created": 0, "updated": 0, "unchanged": 8, "skipped": 0}
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before
    rows = messy_rows()
    rows[2][9] = 999
    changed = run_import(reg, write_book(tmp_path / "t2.xlsx", rows))
    assert changed.json()["counts"]["updated"] == 1
    updated = [r for r in changed.json()["rows"] if r["action"] == "updated"]
    assert updated[0]["fields"] == ["members.individual"]
    after = path.read_text(encoding="utf-8")
    assert after == text.replace("individual: 102", "individual: 999")
    assert "# 手工补记的注释" in after


def test_dry_run_writes_nothing(reg: Path, tmp_path: Path) -> None:
    run = run_import(reg, write_book(tmp_path / "t.xlsx"), "--dry-run")
    assert run.exit_code == 0
    assert run.json()["counts"]["created"] == 8
    assert not (reg / "records").exists()


def test_match_by_uscc_before_name(reg: Path, tmp_path: Path) -> None:
    rows = [["示例市甲学会", "51369900509370784D", "2001-01-01", None, None, None, None, None, None, 10, None]]
    run_import(reg, write_book(tmp_path / "a.xlsx", rows))
    rows[0][0] = "示例市甲学会（更名）"
    rows[0][9] = 20
    run = run_import(reg, write_book(tmp_path / "b.xlsx", rows))
    assert run.json()["counts"] == {"created": 0, "updated": 1, "unchanged": 0, "skipped": 0}
    data = load(reg, "societies", "jia-xuehui")
    assert data["name"] == "示例市甲学会（更名）"
    assert data["members"]["individual"] == 20


def test_match_by_uscc_however_the_record_spells_it(reg: Path, tmp_path: Path) -> None:
    rows = [["示例市甲学会", "51369900509370784D", "2001-01-01", None, None, None, None, None, None, 10, None]]
    run_import(reg, write_book(tmp_path / "a.xlsx", rows))
    path = reg / "records" / "societies" / "jia-xuehui.yaml"
    text = path.read_text(encoding="utf-8")
    assert "uscc: 51369900509370784D" in text
    path.write_text(text.replace("uscc: 51369900509370784D", "uscc: 513699-0050 9370784d"), encoding="utf-8")
    rows[0][0] = "示例市甲学会（更名）"  # only the code can match it
    run = run_import(reg, write_book(tmp_path / "b.xlsx", rows))
    assert run.json()["counts"] == {"created": 0, "updated": 1, "unchanged": 0, "skipped": 0}
    assert sorted(p.name for p in (reg / "records" / "societies").iterdir()) == ["jia-xuehui.yaml"]
    assert not [n for n in run.json()["notes"] if n["reason"] == "import.note.uscc_changed"]


def test_skipped_rows_exit_1_with_row_numbers(reg: Path, tmp_path: Path) -> None:
    rows = messy_rows()[:2]
    rows.append([None, None, "2001.01", "某单位", None, None, None, None, None, None, None])  # no name
    rows.append(list(rows[0]))  # the same society twice
    run = run_import(reg, write_book(tmp_path / "t.xlsx", rows))
    assert run.exit_code == 1
    skipped = [(r["row"], r["reason"]) for r in run.json()["rows"] if r["action"] == "skipped"]
    assert skipped == [(6, "import.skip.no_name"), (8, "import.skip.duplicate")]  # row 7 is blank
    plain = run_cli(["import", str(tmp_path / "t.xlsx"), "--kind", "society", "--dry-run"], reg)
    assert "第 6 行：跳过，缺少名称" in plain.stdout
    assert "第 8 行：跳过，与第 4 行是同一组织" in plain.stdout


def test_unreadable_values_are_listed_not_guessed(reg: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "成立时间", "个人会员数", "届次", "备注"])
    sheet.append(["示例市甲学会", 1980.1, "=SUM(A1:A2)", "第X届", '=HYPERLINK("http://example.invalid","点此")'])
    sheet.append(["示例市乙学会", "去年", "约200", "2", None])
    sheet.append(["示例市丙学会", "2023.13", 5, 3, None])
    book.save(tmp_path / "bad.xlsx")
    run = run_import(reg, tmp_path / "bad.xlsx")
    assert run.exit_code == 0  # the rows are imported; the values are listed
    notes = {(n["row"], n["column"]): n["reason"] for n in run.json()["notes"]}
    assert notes == {
        (2, "成立时间"): "import.value.month_ambiguous",
        (2, "个人会员数"): "import.value.not_int",
        (2, "届次"): "import.value.not_int",
        (3, "成立时间"): "import.value.not_date",
        (3, "个人会员数"): "import.value.not_int",
        (4, "成立时间"): "import.value.not_date",
    }
    jia = load(reg, "societies", "jia-xuehui")
    assert "founded" not in jia and "members" not in jia and "term" not in jia
    assert jia["notes"] == '=HYPERLINK("http://example.invalid","点此")'  # data, never a formula
    assert load(reg, "societies", "bing-xuehui")["members"] == {"individual": 5}


def test_gbk_and_bom_csv(reg: Path, tmp_path: Path) -> None:
    text = (
        "示例市学会名录\n序号,学会名称,成立时间,届次,个人会员数\n"
        "1,示例市甲学会,1999年5月,第三届,120\n2,示例市乙学会,2010/3/4,4,80\n合计,,,,200\n"
    )
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    run = run_import(reg, tmp_path / "gbk.csv")
    assert run.exit_code == 0, run.stderr
    assert run.json()["counts"]["created"] == 2
    jia = load(reg, "societies", "jia-xuehui")
    assert (str(jia["founded"]), jia["term"]["number"], jia["members"]["individual"]) == ("1999-05-01", 3, 120)
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("甲", "丙").encode("utf-8"))
    again = run_import(reg, tmp_path / "bom.csv")
    assert again.json()["counts"] == {"created": 1, "updated": 0, "unchanged": 1, "skipped": 0}


def test_xls_refused_with_conversion_hint(reg: Path, tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    run = run_import(reg, tmp_path / "old.xls")
    assert run.exit_code == 2
    assert "另存为" in run.stderr and ".xlsx" in run.stderr
    renamed = tmp_path / "old.xlsx"
    renamed.write_bytes((tmp_path / "old.xls").read_bytes())
    assert run_import(reg, renamed).exit_code == 2
    assert run_import(reg, tmp_path / "missing.xlsx").exit_code == 2
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip")
    junk = run_import(reg, tmp_path / "junk.xlsx")
    assert junk.exit_code == 2 and "Traceback" not in junk.stderr


def test_no_header_is_a_usage_error(reg: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    run = run_import(reg, tmp_path / "x.csv")
    assert run.exit_code == 2
    assert "表头" in run.stderr


def test_map_overrides_headers(reg: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("单位全称,负责人,成立\n示例市甲学会,王五,2001-02-03\n", encoding="utf-8")
    (tmp_path / "map.yaml").write_text(
        "columns:\n  单位全称: name\n  负责人: leaders.chair\n  成立: founded\n", encoding="utf-8"
    )
    run = run_import(reg, tmp_path / "x.csv", "--map", str(tmp_path / "map.yaml"))
    assert run.exit_code == 0, run.stderr
    jia = load(reg, "societies", "jia-xuehui")
    assert str(jia["founded"]) == "2001-02-03"
    assert jia["leaders"] == [{"role": "chair", "name": "王五"}]
    assert [n["reason"] for n in run.json()["notes"]] == ["import.note.leader_no_since"]
    (tmp_path / "bad.yaml").write_text("columns:\n  单位全称: nonsense.field\n", encoding="utf-8")
    bad = run_import(reg, tmp_path / "x.csv", "--map", str(tmp_path / "bad.yaml"))
    assert bad.exit_code == 2
    assert "nonsense.field" in bad.stderr


def test_id_collisions_are_resolved(reg: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("名称,成立时间\n示例市测试学会,2001\n示例市侧室学会,2002\n", encoding="utf-8")
    run = run_import(reg, tmp_path / "x.csv")
    ids = [r["id"] for r in run.json()["rows"]]
    assert ids == ["ceshi-xuehui", "ceshi-xuehui-2"]
    for record_id in ids:
        assert load(reg, "societies", record_id)["id"] == record_id


def test_branch_parent_and_cell_covers_by_name(reg: Path, tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text(
        "名称,类型,上级组织,成立时间\n示例市青山区白沙镇科学技术协会,街道/乡镇科协,示例市青山区科学技术协会,2015-01-01\n"
        "示例市青山区科学技术协会,区县科协,,2001-01-01\n示例市某某镇科协,其他,不存在的科协,2001\n示例市某某街道科协,街道科协,,2001\n",
        encoding="utf-8",
    )
    run = run_import(reg, tmp_path / "b.csv", kind="branch")
    assert run.exit_code == 0, run.stderr
    ids = {r["name"]: r["id"] for r in run.json()["rows"]}
    town = load(reg, "branches", ids["示例市青山区白沙镇科学技术协会"])
    assert town["parent"] == ids["示例市青山区科学技术协会"]
    assert town["type"] == "township"
    notes = [(n["row"], n["column"], n["reason"]) for n in run.json()["notes"]]
    assert (4, "类型", "import.value.not_enum") in notes
    assert load(reg, "branches", ids["示例市某某街道科协"])["type"] == "township"  # 街道科协 for 街道/乡镇科协
    assert (4, "上级组织", "import.value.unknown_ref") in notes  # by its header, as every note names its column
    (tmp_path / "c.csv").write_text(
        "党组织名称,组织形式,覆盖单位,书记,成立时间\n"
        f"中共示例市白沙镇科协支部委员会,党支部,示例市青山区白沙镇科学技术协会,赵六,{dt.date(2020, 1, 1)}\n",
        encoding="utf-8",
    )
    cell = run_import(reg, tmp_path / "c.csv", kind="party-cell")
    assert cell.exit_code == 0, cell.stderr
    data = load(reg, "party-cells", cell.json()["rows"][0]["id"])
    assert data["covers"] == [ids["示例市青山区白沙镇科学技术协会"]]
    assert data["form"] == "branch"


def test_header_synonyms() -> None:
    table = synonyms("society", None)
    expected = {
        "学会名称": "name",
        "单位名称": "name",
        "名称": "name",
        "统一社会信用代码": "registration.uscc",
        "成立时间": "founded",
        "挂靠单位": "supporting_unit",
        "业务主管单位": "supervising_unit",
        "理事长": "leaders.chair",
        "主席": "leaders.chair",
        "秘书长": "leaders.secretary-general",
        "届次": "term.number",
        "本届换届时间": "term.started",
        "任期": "term.years",
        "个人会员数": "members.individual",
        "备注": "notes",
        " 成立时间（年月） ": "founded",
        "*学会名称": "name",
    }
    assert {h: match_header(h, table)[1] for h in expected} == expected
    assert match_header(HEADERS[0], table) == (True, None)  # 序号


def test_name_match_with_another_uscc_is_updated_and_said(reg: Path, tmp_path: Path) -> None:
    rows = [["示例市甲学会", "51369900509370784D", "2001-01-01", None, None, None, None, None, None, 10, None]]
    run_import(reg, write_book(tmp_path / "a.xlsx", rows))
    rows[0][1] = "51110000MJ00000019"
    run = run_import(reg, write_book(tmp_path / "b.xlsx", rows))
    assert run.json()["counts"]["updated"] == 1
    assert [n["reason"] for n in run.json()["notes"]] == ["import.note.uscc_changed"]
    assert load(reg, "societies", "jia-xuehui")["registration"]["uscc"] == "51110000MJ00000019"


def test_control_characters_are_not_written(reg: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("名称,备注\n示例市甲学会,坏\x01值\n", encoding="utf-8")
    run = run_import(reg, tmp_path / "x.csv")
    assert run.exit_code == 0
    assert [(n["row"], n["reason"]) for n in run.json()["notes"]] == [(2, "import.value.control")]
    assert "notes" not in load(reg, "societies", "jia-xuehui")


def test_sheet_option_picks_the_sheet_and_names_the_sheets_when_wrong(reg: Path, tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    first.title = "说明"
    first.append(["学会名称", "成立时间"])
    first.append(["示例市说明学会", "2001-01-01"])
    second = book.create_sheet("2026年台账")
    second.append(["学会名称", "成立时间"])
    second.append(["示例市甲学会", "2002-03-04"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    run = run_import(reg, path, "--sheet", "2026年台账")
    assert run.exit_code == 0, run.stderr
    assert [r["id"] for r in run.json()["rows"]] == ["jia-xuehui"]
    bad = run_import(reg, path, "--sheet", "2025年台账")
    assert bad.exit_code == 2
    assert bad.stderr == "没有名为 2025年台账 的工作表（有：说明、2026年台账）\n"
