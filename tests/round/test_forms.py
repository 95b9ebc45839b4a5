"""kexie annual forms: one protected, pre-filled workbook per organisation that reports (docs/annual.md)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from kexie_cli.annual.layout import HIDDEN_SHEET, Layout, from_rows
from kexie_cli.registry.resources import resource_path
from tests.conftest import run_cli


def forms(root: Path, out: Path, *extra: str) -> list[Path]:
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(out), "--as-of", "2027-01-10", *extra], root)
    assert done.exit_code == 0, done.stderr
    return [Path(line) for line in done.stdout.splitlines()]


def layout_of(path: Path) -> list[Layout]:
    book = load_workbook(path)
    return from_rows([list(row) for row in book[HIDDEN_SHEET].iter_rows(values_only=True)])


def test_one_form_per_active_organisation_named_after_it(round_root: Path, tmp_path: Path) -> None:
    written = forms(round_root, tmp_path / "out")
    assert sorted(p.name for p in written) == [
        "示例市北岭区农村专业技术协会-2026年度年报.xlsx",
        "示例市滨江区医学会-2026年度年报.xlsx",
    ]  # the revoked 宝玉石学会 reports no more
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)


def test_the_form_is_prefilled_protected_and_validated(round_root: Path, tmp_path: Path) -> None:
    path = next(p for p in forms(round_root, tmp_path / "out") if "医学会" in p.name)
    (layout,) = layout_of(path)
    assert (layout.org, layout.year, layout.sheet) == ("binjiang-yixuehui", 2026, "年报")
    book = load_workbook(path)
    assert book.security.lockStructure
    assert book[HIDDEN_SHEET].sheet_state == "hidden"
    ws = book["年报"]
    assert ws.protection.sheet and book["活动"].protection.sheet
    assert ws["B2"].value == "示例市滨江区医学会"
    assert ws["B3"].value and str(ws["B3"].value).startswith("51")  # 统一社会信用代码 from the record
    individual = layout.cells["members.individual"]
    assert ws[individual].value == 624  # members from the organisation's record
    assert ws[individual].protection.locked is False
    assert ws["A" + individual[1:]].protection.locked is True  # the label is locked
    assert ws["A" + individual[1:]].value == "会员 · 个人会员"  # group and field titles from the schema
    rules = {str(v.sqref).split()[0]: v for v in ws.data_validations.dataValidation}
    assert rules[layout.cells["academic.events"]].type == "whole"
    events = next(b for b in layout.blocks if b.key == "events")
    level = book["活动"].data_validations.dataValidation
    choices = [v.formula1 for v in level if v.type == "list"]
    assert any("市级" in c for c in choices)  # the level dropdown, in Chinese
    assert book["活动"][f"{events.columns['date']}{events.first}"].protection.locked is False
    assert book["活动"][f"A{events.header}"].protection.locked is True


def test_one_workbook_holds_a_sheet_per_organisation(round_root: Path, tmp_path: Path) -> None:
    (path,) = forms(round_root, tmp_path / "out", "--one-workbook")
    assert path.name == "示例市科学技术协会-2026年度年报.xlsx"
    layouts = layout_of(path)
    assert sorted(x.org for x in layouts) == ["beiling-nongcun-zhuanye-jishu-xiehui", "binjiang-yixuehui"]
    book = load_workbook(path)
    assert sorted(book.sheetnames) == sorted([*(x.sheet for x in layouts), HIDDEN_SHEET])
    for layout in layouts:  # the lists below the figures, on the organisation's own sheet
        assert {b.sheet for b in layout.blocks} == {layout.sheet}
        assert all(b.last > b.first for b in layout.blocks)


def test_a_field_added_to_the_schema_appears_without_code(round_root: Path, tmp_path: Path) -> None:
    schema = json.loads(resource_path(round_root, "schemas", "annual.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["journals"] = {"title": "期刊数", "$ref": "defs.schema.json#/$defs/count"}
    (round_root / "schemas").mkdir(exist_ok=True)
    (round_root / "schemas" / "annual.schema.json").write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    path = forms(round_root, tmp_path / "out")[0]
    (layout,) = layout_of(path)
    assert load_workbook(path)["年报"][f"A{layout.cells['journals'][1:]}"].value == "期刊数"


def test_nothing_is_written_when_the_output_is_a_file(round_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(target)], round_root)
    assert done.exit_code == 2
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_english(round_root: Path, tmp_path: Path) -> None:
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(tmp_path / "o"), "--lang", "en"], round_root)
    assert done.exit_code == 0
    assert "report forms for 2 organisations written (2 files)" in done.stderr


def test_a_subcommands_help_is_in_each_runs_language() -> None:
    """click keeps a command's help option once made: a subcommand of a group is made anew too."""
    english = run_cli(["annual", "status", "--help", "--lang", "en"])
    chinese = run_cli(["annual", "status", "--help"])
    assert "Show this message and exit." in english.stdout
    assert "显示本帮助并退出。" in chinese.stdout and "Show this message" not in chinese.stdout


def test_a_lost_form_is_made_again_for_one_organisation(round_root: Path, tmp_path: Path) -> None:
    written = forms(round_root, tmp_path / "out", "--id", "binjiang-yixuehui")
    assert [p.name for p in written] == ["示例市滨江区医学会-2026年度年报.xlsx"]
    done = run_cli(
        ["annual", "forms", "--year", "2026", "-o", str(tmp_path / "x"), "--id", "baoyushi-xuehui"], round_root
    )
    assert done.exit_code == 2
    assert "以下 id 不是需报送2026年度年报的组织：baoyushi-xuehui" in done.stderr
    assert not (tmp_path / "x").exists()
