"""Labels, not codes, in every cell a person reads; codes in json and sqlite (issue 25)."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import AS_OF, copy_sample, run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("labels"))


def test_export_csv_shows_forms_of_cover_by_label(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert run_cli(["export", "--format", "csv", "-o", str(out), "--as-of", AS_OF], sample).exit_code == 0
    with (out / "societies.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    cover = {r["标识符"]: r["覆盖方式"] for r in rows}
    assert cover["zhiwu-xuehui"] and cover["dianji-gongcheng-xuehui"] == "单独建立党组织"
    shown = {part for value in cover.values() for part in value.split("、") if part}
    assert shown <= {"单独建立党组织", "联合党支部", "功能型党支部", "党的工作小组", "党建联络员/指导员"}
    assert len(shown) == 5


def test_json_and_sqlite_keep_the_codes(sample: Path, tmp_path: Path) -> None:
    exported = run_cli(["export", "--format", "json", "-o", str(tmp_path / "x.json"), "--as-of", AS_OF], sample)
    assert exported.exit_code == 0
    doc = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    codes = {r["id"]: r["party_cover"] for r in doc["tables"]["societies"]}
    assert codes["dianji-gongcheng-xuehui"] == "own"
    db = tmp_path / "x.sqlite"
    assert run_cli(["export", "--format", "sqlite", "-o", str(db), "--as-of", AS_OF], sample).exit_code == 0
    with sqlite3.connect(db) as conn:
        (value,) = conn.execute("SELECT party_cover FROM societies WHERE id = 'dianji-gongcheng-xuehui'").fetchone()
    assert value == "own"


def test_options_take_chinese_labels(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    by_code = run_cli(["due-elections", "--kind", "society", "--level", "municipal", "--state", "overdue"], root)
    by_label = run_cli(["due-elections", "--kind", "科技社团", "--level", "市级", "--state", "逾期"], root)
    assert by_label.exit_code == by_code.exit_code == 0 and by_label.stdout == by_code.stdout
    assert "示例市植物学会" in by_label.stdout
    label = run_cli(["inspect", "zhiwu-xuehui", "--year", "2025", "--result", "基本合格", "--as-of", AS_OF], root)
    assert label.exit_code == 0, label.stderr
    assert "{year: 2025, result: basic-pass" in (root / "records/societies/zhiwu-xuehui.yaml").read_text("utf-8")
    step = ["election", "zhiwu-xuehui", "--step", "召开换届大会", "--date", "2026-11-01", "--as-of", AS_OF]
    assert run_cli(step, root).exit_code == 0
    assert "held:" in (root / "records/societies/zhiwu-xuehui.yaml").read_text("utf-8")
    assert run_cli(["list", "科技社团", "--columns", "id"], root).exit_code == 0
    wrong = run_cli(["inspect", "zhiwu-xuehui", "--year", "2025", "--result", "优秀"], root)
    assert wrong.exit_code == 2 and "'优秀' 不是可选值之一" in wrong.stderr


def test_party_cells_shown_by_name(sample: Path) -> None:
    listing = run_cli(["list", "party-cells", "--columns", "id,parent,covers", "--format", "csv"], sample)
    rows = {r["标识符"]: r for r in csv.DictReader(listing.stdout.splitlines())}
    cell = rows["keji-fuwu-lianhe-dangzhibu"]
    assert cell["上级党组织"] == "中共示例市科技社团委员会"
    assert cell["覆盖对象"] == "示例市技术市场协会、示例市创新方法研究会、示例市科技情报学会"
    raw = run_cli(["list", "party-cells", "--columns", "id,parent", "--format", "json"], sample).json()
    assert {r["id"]: r["parent"] for r in raw}["keji-fuwu-lianhe-dangzhibu"] == "keji-shetuan-dangwei"
    shown = run_cli(["show", "keji-fuwu-lianhe-dangzhibu", "--format", "plain", "--as-of", AS_OF], sample).stdout
    assert "上级党组织" in shown and "keji-shetuan-dangwei" not in shown.split("关联记录")[0]
    society = run_cli(["show", "zhiwu-xuehui", "--format", "plain", "--as-of", AS_OF], sample).stdout
    assert re.search(r"^覆盖党组织 +中共示例市", society, re.MULTILINE), society
    party = run_cli(["party", "--format", "csv", "--as-of", AS_OF], sample)
    assert party.exit_code == 0
    societies = run_cli(["party", "--format", "json", "--as-of", AS_OF], sample).json()["societies"]
    assert any(s["cells"] == ["dianji-gongcheng-xuehui-dangzhibu"] for s in societies)  # JSON keeps ids


def test_show_in_one_style(sample: Path) -> None:
    society = run_cli(["show", "zhiwu-xuehui", "--format", "plain", "--as-of", "2026-12-01"], sample).stdout
    assert re.search(r"^当届·届次 +第九届$", society, re.MULTILINE)
    assert re.search(r"^距届满天数 +逾期 236 天$", society, re.MULTILINE)
    assert "评估等级有效" not in society  # no 评估等级 on record: nothing, not 否
    cell = run_cli(["show", "keji-fuwu-lianhe-dangzhibu", "--format", "plain", "--as-of", "2026-12-01"], sample).stdout
    assert "秘书长" not in cell and re.search(r"^距届满天数 +还有 535 天$", cell, re.MULTILINE)
    raw = run_cli(["show", "zhiwu-xuehui", "--format", "json", "--as-of", "2026-12-01"], sample).json()
    assert raw["derived"]["term.days"] == -236 and raw["derived"]["npo_grade.valid"] is None


def test_check_writes_terms_in_chinese_numerals(sample: Path) -> None:
    run = run_cli(["check", "--format", "json", "--as-of", "2026-12-01"], sample)
    messages = [f["message"] for f in run.json() if f["code"] == "K301"]
    assert "第九届任期已于 2026-04-09 届满，换届已逾期 236 天" in messages
    quarters = run_cli(["check", "--format", "json", "--as-of", "2026-07-20"], sample).json()
    assert any("2025年第三季度" in f["message"] for f in quarters if f["code"] == "K506")
    assert not any("Q3" in f["message"] for f in quarters)


def test_no_field_names_inside_chinese_text(sample: Path, tmp_path: Path) -> None:
    party = run_cli(["party", "--where", "party_affiliation=tech-society-committee", "--format", "plain"], sample)
    assert "（筛选：党建归属为科技社团党委）" in party.stdout and "party_affiliation" not in party.stdout
    summary = run_cli(["summary", "stars", "--where", "level=municipal", "--format", "plain"], sample)
    assert "（筛选：级别为市级）" in summary.stdout
    assert "as of" not in run_cli(["rules", "K402"]).stdout
    root = tmp_path / "bad"
    root.mkdir()
    (root / "kexie.yaml").write_text("registry: 测试市科学技术协会\n", encoding="utf-8")
    (root / "records/societies").mkdir(parents=True)
    (root / "records/societies/demo-xuehui.yaml").write_text(
        "id: demo-xuehui\nkind: society\nname: 测试市某学会\nstatus: active\nfounded: 2020-13-01\n"
        "level: municipal\ndiscipline: science\nregistration: {uscc: 51330100MJ00000001}\ncouncil: {members: -3}\n",
        encoding="utf-8",
    )
    found = {f["code"] + f["message"][:4]: f["message"] for f in run_cli(["check", "--format", "json"], root).json()}
    messages = list(found.values())
    assert "成立日期（founded）格式不对：「2020-13-01」，应为 YYYY-MM-DD 格式的真实日期，如 2026-05-31" in messages
    assert "理事人数（council.members）的值「-3」超出范围：应为 0 至 1 亿之间的整数" in messages
    assert "没有登记学术活动品牌" in messages
    assert not any("format:" in m or "minimum:" in m or "brand_events" in m for m in messages)


def test_one_style_in_summaries_and_titles(sample: Path, tmp_path: Path) -> None:
    summary = run_cli(["summary", "--format", "plain", "--as-of", "2026-12-01"], sample).stdout
    assert "在册科技社团69家：全国1家，省级2家，市级62家，区县级4家" in summary
    assert "无记录" not in summary and "尚无记录" not in summary
    out = tmp_path / "i.xlsx"
    assert run_cli(["inspections", "--format", "xlsx", "-o", str(out), "--as-of", "2026-12-06"], sample).exit_code == 0
    title = str(load_workbook(out).worksheets[0]["A1"].value)
    assert title.endswith("（截止日 2026-05-31，截至 2026-12-06）") and title.count("（") == 1
    party = run_cli(["party", "--format", "plain", "--as-of", "2026-12-20"], sample).stdout
    lines = [line for line in party.splitlines() if "主题党日" in line]
    assert lines and all("主题党日：" in line and ": " not in line and ", " not in line for line in lines)


def test_summary_xlsx_stars_by_name_and_titles_wrapped(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    assert run_cli(["summary", "--format", "xlsx", "-o", str(out), "--as-of", "2026-12-01"], sample).exit_code == 0
    book = load_workbook(out)
    stars = next(ws for ws in book.worksheets if ws.title.startswith("星级"))
    assert [stars.cell(r, 1).value for r in range(3, 5)] == ["五星级", "四星级"]
    assert isinstance(stars.cell(3, 2).value, int)  # counts stay numbers
    for sheet in book.worksheets:
        assert sheet["A1"].alignment.wrap_text
        assert sheet.row_dimensions[1].height >= 20
    narrow = stars.row_dimensions[1].height
    assert narrow is not None and narrow > 20  # a three-column sheet: the long title takes more than one line
