"""An import never makes good data worse (issue 24), on the sample registry.

- a date given to the month or year only never replaces a full date that agrees with it;
- a 统一社会信用代码 with a wrong check digit is not written, under a heading that says so;
- an update that would give the record a new error is refused, as ``kexie set`` refuses it;
- the first-line ``# yaml-language-server`` comment (and every other comment) is kept.
"""

from __future__ import annotations

from pathlib import Path

from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, Run, copy_sample, run_cli

RECORD = "records/societies/baoyushi-xuehui.yaml"  # founded 1997-05-17, uscc 51369900509370784D
NAME = "示例市宝玉石学会"


def run_import(root: Path, csv: Path, *extra: str) -> Run:
    return run_cli(["import", str(csv), "--kind", "society", "--as-of", AS_OF, *extra], root)


def sheet(tmp_path: Path, header: str, value: str) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(f"学会名称,{header}\n{NAME},{value}\n", encoding="utf-8")
    return path


def test_a_month_only_date_leaves_the_exact_date_that_agrees(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = (root / RECORD).read_bytes()
    run = run_import(root, sheet(tmp_path, "成立时间", "1997年5月"))
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "无变化" in run.stdout
    assert (root / RECORD).read_bytes() == before
    run = run_import(root, sheet(tmp_path, "成立时间", "1997年"))
    assert (root / RECORD).read_bytes() == before
    run = run_import(root, sheet(tmp_path, "成立时间", "1998年3月"))  # the sheet says something else: it is written
    assert "founded: 1998-03-01" in (root / RECORD).read_text(encoding="utf-8")


def test_a_bad_check_digit_is_not_written_and_the_heading_says_so(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = (root / RECORD).read_bytes()
    run = run_import(root, sheet(tmp_path, "统一社会信用代码", "51369900509370784X"))
    assert (root / RECORD).read_bytes() == before
    lines = run.stdout.splitlines()
    head = lines.index("未能读取的值（未写入，请核对后补录）：")
    assert "51369900509370784X" in lines[head + 1] and "校验位不对" in lines[head + 1]
    assert "已改为" not in run.stdout


def test_an_update_that_adds_an_error_is_refused_like_set(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = (root / RECORD).read_bytes()
    run = run_import(root, sheet(tmp_path, "统一社会信用代码", "913699005093707849"), "--format", "json")
    assert run.exit_code == 1, run.stdout + run.stderr
    row = run.json()["rows"][0]
    assert (row["action"], row["reason"]) == ("skipped", "import.skip.refused")
    assert [e["code"] for e in row["errors"]] == ["K205"]  # a society's code starts with 51
    assert (root / RECORD).read_bytes() == before
    refused = run_cli(["set", "baoyushi-xuehui", "registration.uscc", "913699005093707849", "--as-of", AS_OF], root)
    assert refused.exit_code != 0  # what set refuses


def test_comments_and_the_modeline_are_kept(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    path = root / RECORD
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    path.write_text(text.replace("status: revoked", "status: revoked  # 2024 年解除"), encoding="utf-8")
    run = run_import(root, sheet(tmp_path, "监事人数", "7"))
    assert run.exit_code == 0, run.stdout + run.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# yaml-language-server: $schema=../../schemas/society.schema.json\n")
    assert "status: revoked  # 2024 年解除" in after
    loaded = load_text(after)
    assert loaded.data is not None and loaded.data["supervisors"] == 7
    again = run_import(root, sheet(tmp_path, "监事人数", "7"))
    assert "无变化" in again.stdout and path.read_text(encoding="utf-8") == after
