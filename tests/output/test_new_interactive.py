"""Interactive ``kexie new``: every answer checked when typed, Chinese labels shown and accepted, whose name."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kexie_cli.cli import cli
from tests.conftest import AS_OF, write_registry

PARENT = (
    "id: dongcheng-qu-kexie\nkind: branch\nname: 测试市东城区科学技术协会\nstatus: active\nfounded: 2010-01-01\n"
    "type: district\nleaders:\n  - role: chair\n    name: 王五\n    since: 2020-01-01\n"
)


def _new(root: Path, kind: str, answers: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["new", kind, "--as-of", AS_OF, "--root", str(root)],
        input="\n".join(answers) + "\n",
        env={"KEXIE_LANG": ""},
        catch_exceptions=False,
    )
    return result.exit_code, result.output


def test_new_branch_checks_each_answer_and_takes_chinese_labels(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {"records/branches/dongcheng-qu-kexie.yaml": PARENT})
    answers = [
        "测试市东城区文昌街道科学技术协会",  # 全称
        "",  # the id proposed
        "2026/11/01",  # refused at once ...
        "2026-11-01",  # ... and asked again
        "火星",  # not a type
        "街道/乡镇科协",  # the Chinese label
        "张三",
        "2026-11-31",  # no such day
        "2026-11-01",
        "测试市西城区科协",  # no such branch
        "测试市东城区科学技术协会",  # the parent by its full name
    ]
    code, output = _new(root, "branch", answers)
    assert code == 0, output
    assert "“2026/11/01”不是日期" in output
    assert "“2026-11-31”不是日期" in output
    assert "2 街道/乡镇科协（township）" in output  # the choices with their labels
    assert "“火星”不是可选值" in output
    assert "主席姓名" in output and "主席任职起始日期" in output  # whose name and date
    assert "上级科协" in output and "没有 id 或全称为“测试市西城区科协”" in output
    assert "Error" not in output and "invalid choice" not in output
    text = (root / "records/branches/wenchang-jiedao-kexie.yaml").read_text(encoding="utf-8")
    assert "type: township\n" in text
    assert "parent: dongcheng-qu-kexie\n" in text
    assert "founded: 2026-11-01\n" in text and "name: 张三\n" in text


def test_new_society_asks_for_the_chair_by_office(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {})
    answers = ["测试市物理学会", "", "1980-05-01", "市级", "1", "51369900MJ0000012D", "张三", "2022-06-01", "李四"]
    answers += ["2022-06-01"] * 4
    _, output = _new(root, "society", answers)
    assert "理事长姓名" in output
    assert "level: municipal" in (root / "records/societies/wuli-xuehui.yaml").read_text(encoding="utf-8"), output
