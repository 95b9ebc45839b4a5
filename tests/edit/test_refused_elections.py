"""Edits of a 换届 that must be refused (issue 20): exit 2, a clear Chinese message, the file byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kexie_cli.records.loader import load_text
from kexie_cli.records.model import current_leaders
from tests.conftest import copy_sample, run_cli

PARTY = ("secretary", "deputy-secretary", "committee-member")

SOCIETY = "records/societies/dili-xuehui.yaml"
CELL = "records/party-cells/dizhi-xuehui-dangzhibu.yaml"
GROUP = "records/party-cells/jinshu-xuehui-dang-gongzuo-xiaozu.yaml"
AS_OF = ["--as-of", "2026-11-23"]

REFUSED = [
    # a Party cell elects 书记, 副书记 and 委员, not a 理事长
    (CELL, ["elect", "dizhi-xuehui-dangzhibu", "--date", "2026-11-20", "--chair", "张三"], "--chair"),
    (CELL, ["elect", "dizhi-xuehui-dangzhibu", "--date", "2026-11-20", "--secretary-general", "张三"], "党组织"),
    # a 党的工作小组 is appointed, not elected
    (GROUP, ["elect", "jinshu-xuehui-dang-gongzuo-xiaozu", "--date", "2026-11-20"], "党的工作小组"),
    # a future date: never recorded (it would drop an overdue record from due-elections)
    (SOCIETY, ["elect", "dili-xuehui", "--date", "2026-11-24"], "晚于今天"),
    (SOCIETY, ["extend", "dili-xuehui", "--until", "2027-06-30", "--approved", "2026-11-24"], "晚于今天"),
    (
        SOCIETY,
        ["inspect", "dili-xuehui", "--year", "2025", "--result", "pass", "--submitted", "2026-11-24"],
        "晚于今天",
    ),
]


@pytest.mark.parametrize(("rel", "args", "words"), REFUSED, ids=lambda v: v if isinstance(v, str) else None)
def test_refused_edit_leaves_the_file_byte_for_byte(tmp_path: Path, rel: str, args: list[str], words: str) -> None:
    root = copy_sample(tmp_path)
    before = (root / rel).read_bytes()
    run = run_cli([*args, *AS_OF], root)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert words in run.stderr and "Traceback" not in run.stderr
    assert (root / rel).read_bytes() == before


def test_a_second_elect_on_the_same_day_is_refused(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    assert run_cli(["elect", "dili-xuehui", "--date", "2026-11-20", *AS_OF], root).exit_code == 0
    once = (root / SOCIETY).read_bytes()
    run = run_cli(["elect", "dili-xuehui", "--date", "2026-11-20", *AS_OF], root)  # would make 第十二届 at once
    assert run.exit_code == 2 and "同一天不能换届两次" in run.stderr
    assert (root / SOCIETY).read_bytes() == once
    assert run_cli(["elect", "dili-xuehui", "--date", "2026-11-19", *AS_OF], root).exit_code == 2  # before it, too
    assert (root / SOCIETY).read_bytes() == once


def test_today_itself_is_not_the_future(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    assert (
        run_cli(["extend", "dili-xuehui", "--until", "2027-06-30", "--approved", "2026-11-23", *AS_OF], root).exit_code
        == 0
    )
    assert run_cli(["elect", "dili-xuehui", "--date", "2026-11-23", *AS_OF], root).exit_code == 0


def test_elect_on_a_party_cell_replaces_the_committee(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    args = ["elect", "dizhi-xuehui-dangzhibu", "--date", "2026-11-20", "--secretary", "新书记", "--member", "新委员"]
    run = run_cli([*args, *AS_OF], root)
    assert run.exit_code == 0, run.stderr
    text = (root / CELL).read_text(encoding="utf-8")
    data = load_text(text).data
    day = dt.date(2026, 11, 20)
    current = sorted((ld.role, ld.name) for role in PARTY for ld in current_leaders(data, day, role))
    assert current == [("committee-member", "新委员"), ("secretary", "新书记")]  # the old 副书记 and 委员 left
    assert text.count("until: 2026-11-20") == 5  # the old 书记, 副书记 and three 委员
    assert "role: secretary\n    name: 新书记\n    since: 2026-11-20" in text
