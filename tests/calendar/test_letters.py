"""kexie letters: .docx and .md from the templates; template errors name the file and line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx import Document

from kexie_cli.numerals import cn_date
from tests.calendar.helpers import ELECTIONS, INSPECTIONS, by_record_id
from tests.conftest import AS_OF, run_cli


def letters(which: str, root: Path, out: Path, *args: str) -> list[str]:
    run = run_cli(["letters", which, "--as-of", AS_OF, "--output", str(out), *args], root)
    assert run.exit_code == 0, run.stderr
    return sorted(p.name for p in by_record_id([Path(line) for line in run.stdout.splitlines()], root))


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_cn_date() -> None:
    assert cn_date(dt.date(2026, 6, 30)) == "2026年6月30日"
    assert cn_date(dt.date(2027, 1, 5)) == "2027年1月5日"


def test_election_letters(tmp_path: Path) -> None:
    names = letters("elections", ELECTIONS, tmp_path)
    assert len(names) == 2 * 9
    assert "ext-ended-election-overdue.docx" in names and "lead-today-election-due.md" in names
    text = paragraphs(tmp_path / "leap-day-election-due.docx")
    assert text[0] == "关于做好闰日学会换届工作的提醒函"
    assert text[1] == "闰日学会："
    body = "".join(text[2:-2])
    assert "第二十届理事会任期将于2027年2月28日届满" in body and "距届满尚有97天" in body
    # the plan was due on 2026-08-28, before the letter's date: no deadline, but "请尽快" and the step named late
    assert "2026年9月28日前" not in body and "请尽快向我会报送换届工作方案" in body
    assert "此项原定完成时间为2026年9月28日，已逾期" in body and "其中第一项工作已超过原定完成时间" in body
    assert "于2026年12月28日前完成换届财务审计" in body  # the steps still ahead keep their dates
    assert "于2026年12月28日前向我会报送召开会员（代表）大会的请示" in body
    assert "批复" not in body.split("如确因")[0].replace("获批准后报送", "")  # no deadline for the 科协's own 批复
    assert text[-2:] == ["测试市科学技术协会", "2026年11月23日"]
    md = (tmp_path / "ext-ended-election-overdue.md").read_text(encoding="utf-8")
    assert md.startswith("# 关于督促延期昨天届满学会尽快完成换届的函")
    assert "（含经批准的延期）已于2026年11月22日届满，至今已逾期1天" in md


def test_select_by_id(tmp_path: Path) -> None:
    assert letters("elections", ELECTIONS, tmp_path, "--id", "sleepy") == [
        "sleepy-election-overdue.docx",
        "sleepy-election-overdue.md",
    ]
    run = run_cli(["letters", "elections", "--as-of", AS_OF, "-o", str(tmp_path), "--id", "lead-tomorrow"], ELECTIONS)
    assert run.exit_code == 2 and "lead-tomorrow" in run.stderr


def test_inspection_letters(tmp_path: Path) -> None:
    names = letters("inspections", INSPECTIONS, tmp_path)
    assert names == sorted(
        f"{stem}.{ext}"
        for stem in (
            "two-bad-inspection-revoke",
            "one-missing-inspection-missing",
            "no-entry-inspection-missing",
            "june-30-inspection-missing",
        )
        for ext in ("docx", "md")
    )
    revoke = "".join(paragraphs(tmp_path / "two-bad-inspection-revoke.docx"))
    assert "解除团体会员资格预告知书" in revoke and "2024年度未参加年检，2025年度年检不合格，连续两年" in revoke
    assert "/" not in revoke and "依据《测试市科学技术协会章程》" in revoke
    missing = (tmp_path / "no-entry-inspection-missing.md").read_text(encoding="utf-8")
    assert "报送截止日期为2026年5月31日" in missing and "截至2026年11月23日" in missing


def registry_with_template(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(ELECTIONS, root)
    folder = root / "templates" / "letters"
    folder.mkdir(parents=True)
    (folder / "election-due.j2").write_text(body, encoding="utf-8")
    return root


def test_registry_template_takes_precedence(tmp_path: Path) -> None:
    body = (
        "{% block title %}提醒{% endblock %}\n{% block recipient %}{{ name }}{% endblock %}\n"
        "{% block body %}本届至{{ term_ends | cn_date }}。{% endblock %}\n"
        "{% block signature %}{{ registry }}办公室{% endblock %}\n{% block date %}{{ date_cn }}{% endblock %}\n"
    )
    root = registry_with_template(tmp_path, body)
    letters("elections", root, tmp_path / "out", "--id", "leap-day")
    assert paragraphs(tmp_path / "out" / "leap-day-election-due.docx") == [
        "提醒", "闰日学会：", "本届至2027年2月28日。", "", "测试市科学技术协会办公室", "2026年11月23日",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "line", "detail"),
    [
        ("{% block title %}x{% endblock %}\n\n{% block body %}{% if %}{% endblock %}\n", 3, ""),
        (
            "{% block title %}x{% endblock %}\n{% block body %}\n\n{{ no_such_field }}{% endblock %}\n",
            4,
            "no_such_field",
        ),
    ],
)
def test_broken_template_names_file_and_line(tmp_path: Path, body: str, line: int, detail: str) -> None:
    root = registry_with_template(tmp_path, body)
    run = run_cli(["letters", "elections", "--as-of", AS_OF, "-o", str(tmp_path / "out")], root)
    assert run.exit_code == 2
    assert f"templates/letters/election-due.j2 第 {line} 行" in run.stderr and detail in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_sandbox_blocks_unsafe_access(tmp_path: Path) -> None:
    body = "{% block title %}{{ name.__class__.__mro__ }}{% endblock %}\n"
    root = registry_with_template(tmp_path, body)
    run = run_cli(["letters", "elections", "--as-of", AS_OF, "-o", str(tmp_path / "out")], root)
    assert run.exit_code == 2 and "election-due.j2" in run.stderr


def test_missing_block(tmp_path: Path) -> None:
    root = registry_with_template(tmp_path, "{% block title %}x{% endblock %}\n")
    run = run_cli(["letters", "elections", "--as-of", AS_OF, "-o", str(tmp_path / "out")], root)
    assert run.exit_code == 2 and "recipient" in run.stderr
