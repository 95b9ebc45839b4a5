"""kexie due-elections on the example registry and on the sample registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.calendar.helpers import ELECTIONS, SAMPLE
from tests.conftest import AS_OF, run_cli

KEYS = ("id", "state", "term_ends", "days", "number_label", "extended")


def due(*args: str, root: Path = ELECTIONS) -> Any:
    run = run_cli(["due-elections", "--as-of", AS_OF, "--format", "json", *args], root)
    assert run.exit_code == 0, run.stderr
    return run.json()


def test_example_registry_matches_expected_file() -> None:
    expected = json.loads((ELECTIONS / "expected-2026-11-23.json").read_text(encoding="utf-8"))
    rows = due()
    assert [{k: r[k] for k in KEYS} for r in rows] == [{k: e[k] for k in KEYS} for e in expected]
    assert [r["next_step"]["step"] for r in rows] == [e["next_step"] for e in expected]


def test_boundaries() -> None:
    rows = {r["id"]: r for r in due()}
    # the lead time starts today (2027-05-23 minus 6 months): due; one day later it is not yet due
    assert rows["lead-today"]["state"] == "due"
    assert "lead-tomorrow" not in rows
    # an extension that ends today is due (0 days), one that ended yesterday is overdue
    assert (rows["ext-today"]["state"], rows["ext-today"]["days"]) == ("due", 0)
    assert (rows["ext-ended"]["state"], rows["ext-ended"]["days"]) == ("overdue", -1)
    assert rows["ext-ended"]["term_ends"] == "2026-11-22" and rows["ext-ended"]["regular_end"] == "2026-06-30"
    # a term started on 29 February ends on 28 February
    assert rows["leap-day"]["term_ends"] == "2027-02-28"
    # no term, or no longer on the books: not listed
    assert "no-term" not in rows and "gone" not in rows


def test_json_shape_and_people() -> None:
    rows = {r["id"]: r for r in due()}
    society = rows["lead-today"]
    assert society["kind"] == "society" and society["name"] == "起算今天学会"
    assert society["chair"] == "张lead-today"  # the former chair (until 2019) is not current
    assert society["secretary_general"] == "李lead-today" and society["secretary"] is None
    assert society["started"] == "2022-05-23" and society["number"] == 8
    # a society's steps (docs/calendar.md): 方案 5 months before the end, its 批复 (the 科协's own step: no
    # deadline of its own, shown by the 请示), 审计 and 请示 2 months before the congress, the congress, 报科协备案
    # 30 working days after it (2027 has no holiday data: Monday to Friday), 审查同意, 变更登记 30 days after it
    assert [s["step"] for s in society["steps"]] == [
        "plan", "approval", "audit", "request", "request_approval", "election", "filing", "filing_approval",
        "registration",
    ]  # fmt: skip
    assert [s["date"] for s in society["steps"]] == [
        "2026-12-23", "2027-03-23", "2027-03-23", "2027-03-23", "2027-05-23", "2027-05-23", "2027-07-02",
        "2027-07-02", "2027-08-01",
    ]  # fmt: skip
    assert [s["upper"] for s in society["steps"]] == [False, True, False, False, True, False, False, True, False]
    cell = rows["lead-today-cell"]
    assert cell["kind"] == "party-cell" and cell["secretary"] == "张lead-today"
    assert cell["chair"] is None and cell["secretary_general"] is None


def test_sorted_by_effective_end() -> None:
    ends = [r["term_ends"] for r in due()]
    assert ends == sorted(ends)


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--state", "overdue"], {"sleepy", "east-district", "lead-today-cell", "ext-ended"}),
        (["--kind", "branch"], {"east-district", "east-town", "west-town"}),
        (["--kind", "party-cell", "--kind", "branch"], {"east-district", "east-town", "west-town", "lead-today-cell"}),
        (["--level", "provincial"], {"leap-day"}),
        (["--parent", "east-district"], {"east-district", "east-town"}),
        (["--within", "60d"], {"sleepy", "east-district", "lead-today-cell", "ext-ended", "ext-today", "east-town"}),
        (
            ["--within", "1y", "--state", "due", "--kind", "society"],
            {"ext-today", "leap-day", "lead-today", "lead-tomorrow"},
        ),
    ],
)
def test_filters(args: list[str], ids: set[str]) -> None:
    assert {r["id"] for r in due(*args)} == ids


def test_default_format_when_piped_is_plain_and_exit_zero() -> None:
    run = run_cli(["due-elections", "--as-of", AS_OF], ELECTIONS)
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "测试市科学技术协会 换届提醒（截至 2026-11-23）"
    assert "第二十一届" in run.stdout and "今天届满" in run.stdout and "逾期 1728 天" in run.stdout
    assert lines[-1] == "逾期 4 个，提醒期内 5 个，换届后续未办结 0 个（提醒期 6个月，截至 2026-11-23）"


def test_english_output() -> None:
    run = run_cli(["due-elections", "--as-of", AS_OF, "--format", "csv", "--lang", "en"], ELECTIONS)
    header = run.stdout.splitlines()[0]
    assert header.startswith("Name,Kind,Term,Started,Ends,Days,State")
    assert "21st" in run.stdout and "ends today" in run.stdout


@pytest.mark.parametrize("within", ["6", "tomorrow", "3w"])
def test_bad_within_is_a_usage_error(within: str) -> None:
    run = run_cli(["due-elections", "--within", within], ELECTIONS)
    assert run.exit_code == 2
    assert "无效的提醒期" in run.stderr and "Traceback" not in run.stderr


def test_unknown_parent_is_a_usage_error() -> None:
    run = run_cli(["due-elections", "--parent", "nowhere"], ELECTIONS)
    assert run.exit_code == 2
    assert "nowhere" in run.stderr


def test_file_formats_need_output() -> None:
    for fmt in ("xlsx", "ics"):
        run = run_cli(["due-elections", "--format", fmt], ELECTIONS)
        assert run.exit_code == 2 and "--output" in run.stderr


def test_csv_md_and_xlsx(tmp_path: Path) -> None:
    csv_text = run_cli(["due-elections", "--as-of", AS_OF, "--format", "csv"], ELECTIONS).stdout
    assert len(csv_text.splitlines()) == 1 + 9
    md = run_cli(["due-elections", "--as-of", AS_OF, "--format", "md"], ELECTIONS).stdout
    assert md.startswith("### 测试市科学技术协会 换届提醒") and "| 闰日学会 " in md
    target = tmp_path / "due.xlsx"
    run = run_cli(["due-elections", "--as-of", AS_OF, "--format", "xlsx", "--output", str(target)], ELECTIONS)
    assert run.exit_code == 0

    sheet = load_workbook(target).active
    assert sheet.max_row == 2 + 9  # the title row, the header row, 9 records
    assert sheet["A3"].value == "停滞学会"


def test_sample_registry_agrees_with_check() -> None:
    """The records listed are exactly those of K301, K302 and K505 in `kexie check`."""
    findings = run_cli(["check", "--as-of", AS_OF, "--format", "json"], SAMPLE).json()
    assert isinstance(findings, list)
    overdue = {f["id"] for f in findings if f["code"] in ("K301", "K505")}
    soon = {f["id"] for f in findings if f["code"] == "K302"}
    rows = due(root=SAMPLE)
    assert {r["id"] for r in rows if r["state"] == "overdue"} == overdue
    assert {r["id"] for r in rows if r["state"] == "due"} == soon
    # counted by hand: 植物、金属学会, 文昌街道, 焊接分会 overdue; 地理、护理、公路学会, 网络安全专委会 due
    assert len(rows) == 8


def test_sample_registry_default_run() -> None:
    run = run_cli(["due-elections"], SAMPLE)
    assert run.exit_code == 0 and "换届提醒" in run.stdout
