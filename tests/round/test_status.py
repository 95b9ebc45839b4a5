"""kexie annual status / approve / return, and what collect says when only the report's state changes."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import run_cli

MEDICAL = "binjiang-yixuehui"


def annual(root: Path, body: str) -> Path:
    path = root / "records/annual/2026" / f"{MEDICAL}-2026.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"id: {MEDICAL}-2026\nkind: annual\norg: {MEDICAL}\nyear: 2026\n{body}", encoding="utf-8")
    return path


def test_status_counts_and_the_overdue_after_the_deadline(round_root: Path) -> None:
    annual(round_root, "report:\n  status: submitted\n  submitted: 2027-03-02\n")
    before = run_cli(["annual", "status", "--year", "2026", "--format", "plain", "--as-of", "2027-03-31"], round_root)
    assert "2026年度年报（截止 2027-03-31）：未报 1，已报 1，退回修改 0，已审核 0" in before.stdout
    assert "逾期" not in before.stdout
    after = run_cli(["annual", "status", "--year", "2026", "--format", "plain", "--as-of", "2027-04-01"], round_root)
    assert "未报 1，已报 1，退回修改 0，已审核 0（1 个已逾期未报）" in after.stdout
    english = run_cli(["annual", "status", "--year", "2026", "--lang", "en", "--as-of", "2027-04-01"], round_root)
    assert "2026 annual reports, due 2027-03-31: not submitted 1, submitted 1, returned 0, approved 0 (1 overdue)" in (
        english.stdout
    )


def test_the_deadline_is_a_setting(round_root: Path) -> None:
    settings = round_root / "kexie.yaml"
    settings.write_text('registry: 示例市科学技术协会\nannual:\n  deadline: "04-15"\n', encoding="utf-8")
    done = run_cli(["annual", "status", "--year", "2026", "--format", "plain", "--as-of", "2027-04-10"], round_root)
    assert done.exit_code == 0, done.stderr
    assert "2026年度年报（截止 2027-04-15）" in done.stdout


def test_status_as_xlsx(round_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    done = run_cli(["annual", "status", "--year", "2026", "--format", "xlsx", "-o", str(out)], round_root)
    assert done.exit_code == 0, done.stderr
    values = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert "示例市滨江区医学会" in values and "未报" in values


def test_approve_twice_and_return_without_a_reason(round_root: Path) -> None:
    path = annual(round_root, "report:\n  status: submitted\n  submitted: 2027-03-02\n")
    done = run_cli(["annual", "approve", f"{MEDICAL}-2026", "--as-of", "2027-03-05"], round_root)
    assert done.exit_code == 0 and "report:\n  status: approved\n  submitted: 2027-03-02\n  approved: 2027-03-05\n" in (
        path.read_text(encoding="utf-8")
    )
    again = run_cli(["annual", "approve", f"{MEDICAL}-2026", "--as-of", "2027-03-09"], round_root)
    assert again.exit_code == 0 and f"{MEDICAL}-2026：已是已审核状态，未更改" in again.stdout
    assert "approved: 2027-03-05" in path.read_text(encoding="utf-8")
    blank = run_cli(["annual", "return", f"{MEDICAL}-2026", "--reason", "  "], round_root)
    assert blank.exit_code == 2 and "退回须写明原因（--reason）" in blank.stderr


def test_a_draft_cannot_be_approved_nor_returned(round_root: Path) -> None:
    annual(round_root, "academic:\n  events: 3\n")
    done = run_cli(["annual", "approve", f"{MEDICAL}-2026"], round_root)
    assert done.exit_code == 2 and "年报状态为“未报”，只能审核已报的年报" in done.stderr
    done = run_cli(["annual", "return", f"{MEDICAL}-2026", "--reason", "x", "--lang", "en"], round_root)
    assert done.exit_code == 2
    assert "the report is not submitted; only a submitted or approved report can be returned" in done.stderr


def test_an_organisation_is_no_annual_record(round_root: Path) -> None:
    done = run_cli(["annual", "approve", MEDICAL], round_root)
    assert done.exit_code == 2 and f"{MEDICAL} 不是年报记录（annual）" in done.stderr


def test_a_draft_with_the_same_figures_becomes_submitted(round_root: Path, tmp_path: Path) -> None:
    path = annual(round_root, "report:\n  status: draft\nmembers:\n  individual: 624\n  group: 3\n")
    made = run_cli(["annual", "forms", "--year", "2026", "-o", str(tmp_path / "f")], round_root)
    form = next(Path(p) for p in made.stdout.splitlines() if "医学会" in p)
    done = run_cli(["annual", "collect", str(form), "--as-of", "2027-03-03"], round_root)
    assert done.exit_code == 0
    assert "示例市滨江区医学会：2026年度年报数据与台账一致，状态改为已报" in done.stdout
    assert "report:\n  status: submitted\n  submitted: 2027-03-03\n" in path.read_text(encoding="utf-8")


def test_an_unknown_id_is_unknown_whatever_its_shape(round_root: Path) -> None:
    """An id without a year is no annual record's: it is looked for among the other kinds only."""
    for record_id in ("no-such-record", "no-such-record-2026"):
        done = run_cli(["annual", "approve", record_id], round_root)
        assert done.exit_code == 2 and f"找不到 id 为 {record_id} 的记录" in done.stderr
