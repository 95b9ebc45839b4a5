"""The 换届 as a process: the leader boundary on election day, the recorded steps, K309."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.records.model import current_leaders, in_office, leaders
from tests.conftest import copy_sample, run_cli

JINSHU = "records/societies/jinshu-xuehui.yaml"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def findings(root: Path, as_of: str, rel: str) -> list[dict[str, object]]:
    run = run_cli(["check", "--as-of", as_of, "--format", "json"], root)
    assert run.exit_code in (0, 1), run.stderr
    return [f for f in run.json() if f["file"] == rel]


# --- the leader boundary -----------------------------------------------------------


def test_until_is_exclusive_and_since_inclusive() -> None:
    data = {
        "leaders": [
            {"role": "chair", "name": "甲", "since": "2016-07-16", "until": "2026-11-23"},
            {"role": "chair", "name": "乙", "since": "2026-11-23"},
        ]
    }
    old, new = leaders(data)
    day = dt.date(2026, 11, 23)
    assert in_office(old, day - dt.timedelta(days=1)) and not in_office(new, day - dt.timedelta(days=1))
    assert not in_office(old, day) and in_office(new, day)
    assert not in_office(old, day + dt.timedelta(days=1)) and in_office(new, day + dt.timedelta(days=1))
    assert [ld.name for ld in current_leaders(data, day, "chair")] == ["乙"]


def test_an_election_recorded_on_its_own_day_gives_no_term_findings(sample: Path) -> None:
    before = findings(sample, "2026-11-23", JINSHU)
    assert [f["code"] for f in before] == ["K301"]  # overdue until the congress is recorded
    run = run_cli(
        ["elect", "jinshu-xuehui", "--date", "2026-11-23", "--chair", "赵六", "--as-of", "2026-11-23"], sample
    )
    assert run.exit_code == 0, run.stderr
    for day in ("2026-11-23", "2026-11-24"):  # the boundary day and the day after: no K301, no K306
        # a congress with no 方案, 批复, 审计 or 请示 on record is a skipped-step warning (issue 20)
        assert [f["code"] for f in findings(sample, day, JINSHU)] == ["K311"], day


def test_show_and_list_leaders_agree_on_the_boundary_day(sample: Path) -> None:
    args = ["elect", "jinshu-xuehui", "--date", "2026-11-23", "--chair", "赵六", "--as-of", "2026-11-23"]
    assert run_cli(args, sample).exit_code == 0
    for day, chair in (("2026-11-22", "史松峰"), ("2026-11-23", "赵六"), ("2026-11-24", "赵六")):
        listed = run_cli(["list", "leaders", "--as-of", day, "--format", "json"], sample).json()
        chairs = [row["name"] for row in listed if row["org"] == "示例市金属学会" and row["role"] == "chair"]
        assert chairs == [chair], day
        shown = run_cli(["show", "jinshu-xuehui", "--as-of", day, "--format", "json"], sample).json()
        assert shown["derived"]["chair"] == chair, day


# --- recording the steps -----------------------------------------------------------

DILI = "records/societies/dili-xuehui.yaml"


def step(root: Path, record: str, name: str, day: str, *extra: str, as_of: str = "2026-11-23") -> tuple[int, str]:
    run = run_cli(["election", record, "--step", name, "--date", day, "--as-of", as_of, *extra], root)
    return run.exit_code, run.stderr


def dili_row(root: Path, as_of: str = "2026-11-23") -> Any:
    rows = run_cli(["due-elections", "--as-of", as_of, "--format", "json"], root).json()
    return next(r for r in rows if r["id"] == "dili-xuehui")


def step_of(row: Any, name: str) -> Any:
    return next(s for s in row["steps"] if s["step"] == name)


def test_a_record_at_each_step_of_its_election(sample: Path) -> None:
    before = (sample / DILI).read_text(encoding="utf-8")
    row = dili_row(sample)  # term ends 2026-12-17: 方案 5 months before
    assert row["next_step"] == {
        "step": "plan", "date": "2026-07-17", "done": None, "doc_no": None, "late": True,
        "upper": False, "relative": False, "workdays_fallback": [],
    }  # fmt: skip
    assert [s["step"] for s in row["steps"]] == [
        "plan", "approval", "audit", "request", "request_approval", "election", "filing", "filing_approval",
        "registration",
    ]  # fmt: skip
    assert [s["done"] for s in row["steps"]] == [None] * 9

    assert step(sample, "dili-xuehui", "plan_submitted", "2026-06-10", "--doc-no", "示地学〔2026〕5号")[0] == 0
    row = dili_row(sample)
    assert row["steps"][0]["done"] == "2026-06-10" and row["steps"][0]["doc_no"] == "示地学〔2026〕5号"
    assert not row["steps"][0]["late"]
    assert row["next_step"]["step"] == "approval" and row["next_step"]["upper"]

    assert step(sample, "dili-xuehui", "party_review", "2026-08-01")[0] == 0
    assert dili_row(sample)["next_step"]["step"] == "approval"  # no step of its own
    assert step(sample, "dili-xuehui", "approved", "2026-10-20", "--doc-no", "示科协学〔2026〕31号")[0] == 0
    assert step(sample, "dili-xuehui", "audited", "2026-10-21")[0] == 0
    args = ("--planned", "2026-12-15")
    assert step(sample, "dili-xuehui", "congress_requested", "2026-10-22", *args)[0] == 0
    row = dili_row(sample)  # the 请示 counts from the planned date; the congress is due on it
    assert step_of(row, "request")["date"] == "2026-10-15"
    assert row["next_step"]["step"] == "request_approval" and row["next_step"]["date"] == "2026-12-15"
    assert step(sample, "dili-xuehui", "congress_approved", "2026-11-02")[0] == 0
    row = dili_row(sample)
    assert row["next_step"]["step"] == "election" and row["next_step"]["date"] == "2026-12-15"
    assert set(row["progress"]) == {
        "plan_submitted", "party_review", "approved", "audited", "congress_requested", "congress_approved",
    }  # fmt: skip

    assert step(sample, "dili-xuehui", "held", "2026-11-20")[0] == 0
    row = dili_row(sample)  # the filing is 30 working days after the congress, not after the end of the term
    assert row["next_step"]["step"] == "filing" and row["next_step"]["date"] == "2027-01-01"
    assert row["next_step"]["workdays_fallback"] == [2027]  # 2027 has no holiday data: Monday to Friday
    assert step(sample, "dili-xuehui", "filed", "2026-11-21")[0] == 0
    assert step(sample, "dili-xuehui", "filing_approved", "2026-11-22")[0] == 0
    row = dili_row(sample)
    assert row["next_step"]["step"] == "registration" and row["next_step"]["date"] == "2026-12-22"
    assert step(sample, "dili-xuehui", "registered", "2026-11-23")[0] == 0
    assert dili_row(sample)["next_step"] is None

    table = run_cli(["due-elections", "--as-of", "2026-11-23", "--format", "plain"], sample).stdout
    line = next(x for x in table.splitlines() if x.startswith("示例市地理学会"))
    assert "已报方案 2026-06-10、已审查 2026-08-01、已批准 2026-10-20" in line
    # the edits kept the rest of the file byte for byte and left it canonical
    after = (sample / DILI).read_text(encoding="utf-8")
    assert after.startswith(before.split("leaders:")[0]) and after.endswith(before[before.index("leaders:") :])
    assert "  approved:\n    date: 2026-10-20\n    doc_no: 示科协学〔2026〕31号\n" in after
    assert "  congress_requested:\n    date: 2026-10-22\n    planned: 2026-12-15\n" in after
    assert run_cli(["fmt", "--check"], sample).exit_code == 0


def test_a_step_is_replaced_when_recorded_again(sample: Path) -> None:
    assert step(sample, "dili-xuehui", "approved", "2026-10-20")[0] == 0
    assert step(sample, "dili-xuehui", "approved", "2026-10-22", "--doc-no", "X〔2026〕1号")[0] == 0
    text = (sample / DILI).read_text(encoding="utf-8")
    assert text.count("approved:") == 1 and "date: 2026-10-22" in text


def test_bad_steps_are_usage_errors(sample: Path) -> None:
    code, err = step(sample, "dizhi-xuehui-dangzhibu", "party_review", "2026-08-01")
    assert code == 2 and "party_review" in err and "Traceback" not in err
    code, err = step(sample, "dili-xuehui", "held", "2026-11-24")
    assert code == 2 and "2026-11-24" in err  # only steps already done are recorded
    code, err = step(sample, "no-such-record", "held", "2026-11-20")
    assert code == 2
    assert run_cli(["election", "dili-xuehui", "--step", "voted", "--date", "2026-11-20"], sample).exit_code == 2


def test_a_party_cell_records_its_own_steps(sample: Path) -> None:
    assert step(sample, "dizhi-xuehui-dangzhibu", "plan_submitted", "2026-11-01", "--doc-no", "地支〔2026〕1号")[0] == 0
    text = (sample / "records/party-cells/dizhi-xuehui-dangzhibu.yaml").read_text(encoding="utf-8")
    assert "election:\n  plan_submitted:\n    date: 2026-11-01\n    doc_no: 地支〔2026〕1号\nleaders:" in text


def test_elect_moves_the_progress_into_past_terms_and_registration_follows(sample: Path) -> None:
    assert step(sample, "dili-xuehui", "approved", "2026-10-20", "--doc-no", "示科协学〔2026〕31号")[0] == 0
    args = ["elect", "dili-xuehui", "--date", "2026-11-20", "--chair", "金国远", "--as-of", "2026-11-23"]
    assert run_cli(args, sample).exit_code == 0
    text = (sample / DILI).read_text(encoding="utf-8")
    assert "\nelection:" not in text  # cleared for the next term
    assert (
        "past_terms:\n  - number: 10\n    started: 2022-12-17\n    years: 4\n    ended: 2026-11-20\n"
        "    election:\n      approved:\n        date: 2026-10-20\n        doc_no: 示科协学〔2026〕31号\n"
        "      held:\n        date: 2026-11-20\n"
    ) in text
    # the 变更登记 after the congress goes to the term the congress closed
    assert step(sample, "dili-xuehui", "registered", "2026-12-01", as_of="2026-12-01")[0] == 0
    text = (sample / DILI).read_text(encoding="utf-8")
    assert "      registered:\n        date: 2026-12-01\n" in text and "\nelection:" not in text


def test_k309_from_the_day_after_the_filing_period(sample: Path) -> None:
    settings = (sample / "kexie.yaml").read_text(encoding="utf-8")
    settings = settings.replace("  lead_months: 6", "  lead_months: 6\n  society: {filing_working_days: 5}")
    (sample / "kexie.yaml").write_text(settings, encoding="utf-8")
    args = ["elect", "dili-xuehui", "--date", "2026-11-20", "--chair", "金国远", "--as-of", "2026-11-20"]
    assert run_cli(args, sample).exit_code == 0

    def codes(day: str) -> list[object]:
        return [f["code"] for f in findings(sample, day, DILI)]

    assert codes("2026-11-20") == ["K311"]  # the 方案 and 批复 are not on record
    assert codes("2026-11-27") == ["K311"]  # Fri 2026-11-20 + 5 working days: Fri 2026-11-27, the last day
    late = findings(sample, "2026-11-28", DILI)  # the day after
    assert sorted((f["code"], f["severity"]) for f in late) == [("K309", "warning"), ("K311", "warning")]
    k309 = next(f for f in late if f["code"] == "K309")
    assert "2026-11-20" in str(k309["message"]) and "2026-11-27" in str(k309["message"])
    assert step(sample, "dili-xuehui", "filed", "2026-11-28", as_of="2026-11-28")[0] == 0
    assert codes("2026-11-28") == ["K311"]


def test_k309_on_a_congress_recorded_before_elect(sample: Path) -> None:
    assert step(sample, "huli-xuehui", "held", "2026-10-01")[0] == 0
    codes = [f["code"] for f in findings(sample, "2026-11-23", "records/societies/huli-xuehui.yaml")]
    assert "K309" in codes
