"""Sheets as 科协 staff keep them (issue 24): two header rows, notes in cells, status words, stale columns.

Every sheet is built here with openpyxl; records are asserted field by field, and a second
import of the same sheet changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, Run, run_cli, write_registry

SETTINGS = "registry: 星河市科学技术协会\n"
USCC = "51369900509370784D"


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {}, SETTINGS)


def run_import(root: Path, path: Path, *extra: str, kind: str = "society") -> Run:
    return run_cli(["import", str(path), "--kind", kind, "--as-of", AS_OF, "--format", "json", *extra], root)


def load(root: Path, folder: str, record_id: str) -> dict[str, Any]:
    loaded = load_text((root / "records" / folder / f"{record_id}.yaml").read_text(encoding="utf-8"))
    assert loaded.data is not None
    return loaded.data


Rows = Sequence[Sequence[Any]]


def save(path: Path, rows: Rows, *, hidden: tuple[str, ...] = (), merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "学会"
    for row in rows:
        sheet.append(row)
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "records").rglob("*.yaml"))
    }


def assert_reimport_is_a_no_op(root: Path, path: Path, *extra: str, kind: str = "society") -> None:
    before = snapshot(root)
    again = run_import(root, path, *extra, kind=kind)
    counts = again.json()["counts"]
    assert counts["created"] == 0 and counts["updated"] == 0, again.stdout
    assert snapshot(root) == before


TWO_ROWS: list[list[Any]] = [
    ["星河市科技社团基本情况表"],
    ["序号", "学会名称", "负责人", None, "本届", None, None, "会员数", None],
    [None, None, "理事长", "秘书长", "届次", "换届时间", "任期", "个人", "团体"],
    [1, "星河市物理学会", "高明远", "李芳", "第八届", "2023.6", "5年", 837, 12],
    [2, "星河市化学学会", "赵一", "钱二", 3, "2022-05-20", 5, "1,200人", 8],
]


def test_two_header_rows_with_merged_parents(reg: Path, tmp_path: Path) -> None:
    path = save(tmp_path / "two.xlsx", TWO_ROWS, merges=("A1:I1", "C2:D2", "E2:G2", "H2:I2", "A2:A3", "B2:B3"))
    run = run_import(reg, path)
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["header_row"] == 2
    assert report["unknown_columns"] == []
    assert [r["row"] for r in report["rows"]] == [4, 5]  # row 3 is the second header row, not a blank record
    physics = load(reg, "societies", report["rows"][0]["id"])
    assert physics["name"] == "星河市物理学会"
    assert physics["term"] == {"number": 8, "started": "2023-06-01", "years": 5}
    assert physics["members"] == {"individual": 837, "group": 12}
    assert physics["leaders"] == [
        {"role": "chair", "name": "高明远", "since": "2023-06-01"},
        {"role": "secretary-general", "name": "李芳", "since": "2023-06-01"},
    ]
    chemistry = load(reg, "societies", report["rows"][1]["id"])
    assert chemistry["members"] == {"individual": 1200, "group": 8}
    assert chemistry["term"] == {"number": 3, "started": "2022-05-20", "years": 5}
    assert_reimport_is_a_no_op(reg, path)


def test_a_map_names_a_child_column_and_the_second_header_row(reg: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in TWO_ROWS]
    rows[2][2] = "姓名"  # 负责人 → 姓名: only the map says who that is
    path = save(tmp_path / "two.xlsx", rows)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("header_row: 3\ncolumns:\n  负责人/姓名: leaders.chair\n", encoding="utf-8")
    run = run_import(reg, path, "--map", str(mapping))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["header_row"] == 2
    physics = load(reg, "societies", run.json()["rows"][0]["id"])
    assert physics["leaders"][0] == {"role": "chair", "name": "高明远", "since": "2023-06-01"}


def test_sheet_text_is_not_records(reg: Path, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["序号", "学会名称", "成立时间", "理事长"],
        ["一、理科类（2个）"],
        [1, "星河市物理学会", "1965-03-20", "高明远"],
        ["学会名称", "学会名称", "成立时间", "理事长"],
        ["三、农科、医科类（3个）"],
        [2, "星河市农学会", "1980-05", "张三"],
        ["注：成立时间以登记证书为准"],
        ["填表说明：1. 请勿改动表头"],
    ]
    run = run_import(reg, save(tmp_path / "t.xlsx", rows))
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert [r["name"] for r in report["rows"]] == ["星河市物理学会", "星河市农学会"]
    assert report["ignored"] == [
        {"row": 2, "reason": "import.ignored.heading"},
        {"row": 4, "reason": "import.ignored.header"},
        {"row": 5, "reason": "import.ignored.heading"},
        {"row": 7, "reason": "import.ignored.footnote"},
        {"row": 8, "reason": "import.ignored.footnote"},
    ]


def test_status_words_and_an_unreadable_status(reg: Path, tmp_path: Path) -> None:
    rows = [
        ["学会名称", "状态", "成立时间"],
        ["星河市物理学会", "已注销", "1965"],
        ["星河市化学学会", "撤销", "1970"],
        ["星河市农学会", "停止活动", "1980"],
        ["星河市医学会", "正常", "1981"],
        ["星河市林学会", "待核实", "1982"],
    ]
    run = run_import(reg, save(tmp_path / "s.xlsx", rows))
    assert run.exit_code == 1, run.stdout + run.stderr
    rows_out = {r["name"]: r for r in run.json()["rows"]}
    statuses = {n: load(reg, "societies", r["id"])["status"] for n, r in rows_out.items() if r["action"] == "created"}
    assert statuses == {
        "星河市物理学会": "dissolved",
        "星河市化学学会": "dissolved",
        "星河市农学会": "dormant",
        "星河市医学会": "active",
    }
    forest = rows_out["星河市林学会"]
    assert forest["action"] == "skipped" and forest["reason"] == "import.skip.bad_status"
    assert len(list((reg / "records" / "societies").iterdir())) == 4  # the 林学会 row wrote nothing
    plain = run_cli(["import", str(tmp_path / "s.xlsx"), "--kind", "society", "--as-of", AS_OF], reg)
    assert "状态“待核实”无法识别" in plain.stdout


def test_hidden_and_former_holder_columns_never_win(reg: Path, tmp_path: Path) -> None:
    rows = [
        ["学会名称", "理事长（上届）", "理事长", "秘书长", "秘书长", "原秘书长", "成立时间"],
        ["星河市物理学会", "王老", "高明远", "旧人", "李芳", "更旧的人", "1965"],
    ]
    run = run_import(reg, save(tmp_path / "h.xlsx", rows, hidden=("B", "D")))
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["stale_columns"] == ["理事长（上届）", "原秘书长"]
    assert report["hidden_columns"] == ["秘书长"]
    leaders = load(reg, "societies", report["rows"][0]["id"])["leaders"]
    assert [(e["role"], e["name"]) for e in leaders] == [("chair", "高明远"), ("secretary-general", "李芳")]


def test_role_notes_and_placeholders(reg: Path, tmp_path: Path) -> None:
    rows = [
        ["学会名称", "理事长", "秘书长", "党建联络员", "本届换届时间", "成立时间"],
        ["星河市物理学会", "高明远\n(兼)", "（空缺）", "—", "2023-06-01", "1965"],
        ["星河市化学学会", "朱芯（法定代表人）", "王　芳（专职）", "-", "2023-06-01", "1970"],
    ]
    run = run_import(reg, save(tmp_path / "n.xlsx", rows))
    assert run.exit_code == 0, run.stdout + run.stderr
    ids = {r["name"]: r["id"] for r in run.json()["rows"]}
    physics = load(reg, "societies", ids["星河市物理学会"])
    assert physics["leaders"] == [{"role": "chair", "name": "高明远", "since": "2023-06-01", "full_time": False}]
    assert "liaison" not in physics
    chemistry = load(reg, "societies", ids["星河市化学学会"])
    assert chemistry["leaders"] == [
        {"role": "chair", "name": "朱芯", "since": "2023-06-01"},
        {"role": "secretary-general", "name": "王芳", "since": "2023-06-01", "full_time": True},
        {"role": "legal-representative", "name": "朱芯", "since": "2023-06-01"},
    ]


def test_values_people_write(reg: Path, tmp_path: Path) -> None:
    rows = [
        ["学会名称", "成立时间", "登记日期", "任期", "业务主管单位", "挂靠单位"],
        ["星河市物理学会", "二〇二一年六月", "44155", "2021.12—2026.12", "星河市科学技术协会", "星河大学"],
    ]
    run = run_import(reg, save(tmp_path / "v.xlsx", rows))
    assert run.exit_code == 0, run.stdout + run.stderr
    record = load(reg, "societies", run.json()["rows"][0]["id"])
    assert record["founded"] == "2021-06-01"
    assert record["registration"] == {"registered": "2020-11-20"}
    assert record["term"] == {"started": "2021-12-01", "years": 5}
    assert record["supervising_unit"] == "星河市科学技术协会"
    assert record["supporting_unit"] == "星河大学"
    reasons = {n["column"]: n["reason"] for n in run.json()["notes"]}
    assert reasons["登记日期"] == "import.note.serial"
    assert reasons["任期"] == "import.note.span"
    assert_reimport_is_a_no_op(reg, tmp_path / "v.xlsx")


def test_branch_type_and_party_counts(reg: Path, tmp_path: Path) -> None:
    branch = tmp_path / "b.csv"
    branch.write_text("科协名称,类型,成立时间\n星河市东城区白沙街道科协,街道科协,2015\n", encoding="utf-8")
    run = run_import(reg, branch, kind="branch")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert load(reg, "branches", run.json()["rows"][0]["id"])["type"] == "township"
    cells = tmp_path / "c.csv"
    cells.write_text(
        "党组织名称,组织形式,党员人数,成立时间\n"
        '中共星河市物理学会功能型党支部,功能型党组织,"186，其中预备党员 3",2020\n'
        "中共星河市化学学会支部委员会,党支部,40,2020\n",
        encoding="utf-8",
    )
    run = run_import(reg, cells, kind="party-cell")
    assert run.exit_code == 0, run.stdout + run.stderr
    ids = [r["id"] for r in run.json()["rows"]]
    first = load(reg, "party-cells", ids[0])
    assert first["form"] == "functional-branch"
    assert first["members"] == {"full": 183, "probationary": 3}
    assert "members" not in load(reg, "party-cells", ids[1])  # 40 in all: how many are full members is not known
    reasons = sorted(n["reason"] for n in run.json()["notes"] if n["row"] == 3)
    assert reasons == ["import.note.total_only", "import.note.year_only"]


def test_year_columns_become_inspections_and_stars(reg: Path, tmp_path: Path) -> None:
    rows = [
        ["学会名称", "2023年检", "2024年检", "2025年度年检", "2024年星级", "成立时间"],
        ["星河市物理学会", "合格", "基本合格", "未参检", "★★★★★", "1965"],
        ["星河市化学学会", "已报送", "—", "不合格", "四星", "1970"],
    ]
    path = save(tmp_path / "y.xlsx", rows)
    run = run_import(reg, path)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["unknown_columns"] == []
    ids = {r["name"]: r["id"] for r in run.json()["rows"]}
    physics = load(reg, "societies", ids["星河市物理学会"])
    assert physics["inspections"] == [
        {"year": 2023, "result": "pass"},
        {"year": 2024, "result": "basic-pass"},
        {"year": 2025, "result": "missing"},
    ]
    assert physics["stars"] == [{"year": 2024, "stars": 5}]
    chemistry = load(reg, "societies", ids["星河市化学学会"])
    assert chemistry["inspections"] == [{"year": 2023, "result": "submitted"}, {"year": 2025, "result": "fail"}]
    assert chemistry["stars"] == [{"year": 2024, "stars": 4}]
    assert_reimport_is_a_no_op(reg, path)
    rows[2][2] = "合格"  # next year's sheet fills 2024, keeps the rest
    run = run_import(reg, save(tmp_path / "y2.xlsx", rows))
    assert load(reg, "societies", ids["星河市化学学会"])["inspections"] == [
        {"year": 2023, "result": "submitted"},
        {"year": 2025, "result": "fail"},
        {"year": 2024, "result": "pass"},
    ]


def test_year_columns_under_a_parent_and_by_map(reg: Path, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["学会名称", "年检", None, "评定", "成立时间"],
        [None, "2024年", "2025年", "结果", None],
        ["星河市物理学会", "合格", "合格", "3星", "1965"],
    ]
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  评定/结果: stars.2025\n", encoding="utf-8")
    run = run_import(reg, save(tmp_path / "p.xlsx", rows), "--map", str(mapping))
    assert run.exit_code == 0, run.stdout + run.stderr
    record = load(reg, "societies", run.json()["rows"][0]["id"])
    assert record["inspections"] == [{"year": 2024, "result": "pass"}, {"year": 2025, "result": "pass"}]
    assert record["stars"] == [{"year": 2025, "stars": 3}]


def test_names_without_the_place_short_names_and_references(reg: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(
        "学会名称,简称,成立时间,个人会员数\n星河市物理学会,,1965,800\n星河市农学会,农学会,1980,100\n"
        "星河市化学学会,化学会,1970,50\n星河市化学学会（筹）,,2020,10\n",
        encoding="utf-8",
    )
    assert run_import(reg, first).exit_code == 0
    before = snapshot(reg)
    nxt = tmp_path / "b.csv"
    nxt.write_text(
        "学会名称,个人会员数\n物理学会,837\n市农学会,120\n星河市化学学会(筹),12\n化学学会,50\n", encoding="utf-8"
    )
    run = run_import(reg, nxt)
    assert run.exit_code == 0, run.stdout + run.stderr
    rows = {r["name"]: (r["action"], r["id"]) for r in run.json()["rows"]}
    assert rows["物理学会"] == ("updated", "wuli-xuehui")  # not a new wuli-xuehui-2
    assert rows["市农学会"] == ("updated", "nong-xuehui")
    assert rows["星河市化学学会（筹）"][0] == "updated"  # half-width brackets
    assert rows["化学学会"] == ("unchanged", "huaxue-xuehui")
    assert len(snapshot(reg)) == len(before)  # no record created
    ambiguous = tmp_path / "c.csv"
    ambiguous.write_text("学会名称,个人会员数\n物理学会,900\n", encoding="utf-8")
    (reg / "records" / "societies" / "wuli-xuehui-2.yaml").write_text(
        "id: wuli-xuehui-2\nkind: society\nname: 星河市青年物理学会\nshort_name: 物理学会\nstatus: active\n",
        encoding="utf-8",
    )
    run = run_import(reg, ambiguous)
    assert run.exit_code == 1
    row = run.json()["rows"][0]
    assert (row["action"], row["reason"]) == ("skipped", "import.skip.ambiguous")
    assert "wuli-xuehui、wuli-xuehui-2" in run_cli(["import", str(ambiguous), "--kind", "society"], reg).stdout


def test_references_by_short_or_place_less_names(reg: Path, tmp_path: Path) -> None:
    branches = tmp_path / "b.csv"
    branches.write_text(
        "科协名称,类型,上级科协,成立时间\n星河市东城区科学技术协会,区县科协,,2001\n"
        "星河市东城区白沙街道科协,街道科协,东城区科协,2015\n",
        encoding="utf-8",
    )
    run = run_import(reg, branches, kind="branch")
    assert run.exit_code == 0, run.stdout + run.stderr
    ids = [r["id"] for r in run.json()["rows"]]
    assert load(reg, "branches", ids[1])["parent"] == ids[0]
    societies = tmp_path / "s.csv"
    societies.write_text("学会名称,成立时间\n星河市农学会,1980\n星河市林学会,1981\n", encoding="utf-8")
    run_import(reg, societies)
    cells = tmp_path / "c.csv"
    cells.write_text(
        "党组织名称,组织形式,覆盖单位,成立时间\n中共星河市农林学会联合支部委员会,联合党支部,市农学会、市林学会,2020\n",
        encoding="utf-8",
    )
    run = run_import(reg, cells, kind="party-cell")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert load(reg, "party-cells", run.json()["rows"][0]["id"])["covers"] == ["nong-xuehui", "lin-xuehui"]


def test_several_sheets_joined_by_code_or_name(reg: Path, tmp_path: Path) -> None:
    book = Workbook()
    basic = book.active
    basic.title = "学会基本情况"
    for row in (
        ["学会名称", "统一社会信用代码", "成立时间"],
        ["星河市物理学会", USCC, "1965"],
        ["星河市农学会", None, "1980"],
    ):
        basic.append(row)
    inspections = book.create_sheet("年检情况")
    for row in (["学会名称", "2024年检", "2025年检"], ["物理学会", "合格", "基本合格"], ["市农学会", "未参检", "合格"]):
        inspections.append(row)
    party = book.create_sheet("党建情况")
    for row in (
        ["统一社会信用代码", "单位名称", "党建联络员"],
        [USCC, "星河市物理学会", "周七"],
        [None, "星河市无此学会", "吴八"],
    ):
        party.append(row)
    notes = book.create_sheet("填表说明")
    notes.append(["请按要求填写"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    run = run_import(reg, path)
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["sheet"] == "学会基本情况"
    assert report["joined_sheets"] == ["年检情况", "党建情况"]
    assert report["unread_sheets"] == ["填表说明"]
    ids = {r["name"]: r["id"] for r in report["rows"]}
    physics = load(reg, "societies", ids["星河市物理学会"])
    assert physics["inspections"] == [{"year": 2024, "result": "pass"}, {"year": 2025, "result": "basic-pass"}]
    assert physics["liaison"] == {"name": "周七"}
    farming = load(reg, "societies", ids["星河市农学会"])
    assert farming["inspections"] == [{"year": 2024, "result": "missing"}, {"year": 2025, "result": "pass"}]
    assert "liaison" not in farming
    unmatched = [n for n in report["notes"] if n["reason"] == "import.note.join_unmatched"]
    assert [(n["row"], n["column"], n["value"]) for n in unmatched] == [(3, "党建情况!名称", "星河市无此学会")]
    assert_reimport_is_a_no_op(reg, path)


def test_two_header_rows_without_merged_down_cells(reg: Path, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["基本情况", None, "负责人", None],
        ["学会名称", "成立时间", "理事长", "秘书长"],
        ["星河市物理学会", "1965", "高明远", "李芳"],
    ]
    run = run_import(reg, save(tmp_path / "t.xlsx", rows))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["header_row"] == 1
    assert [c["header"] for c in run.json()["columns"]] == [
        "基本情况/学会名称",
        "基本情况/成立时间",
        "负责人/理事长",
        "负责人/秘书长",
    ]
    leaders = load(reg, "societies", run.json()["rows"][0]["id"])["leaders"]
    assert [(e["role"], e["name"]) for e in leaders] == [("chair", "高明远"), ("secretary-general", "李芳")]
