"""The edit commands through the CLI on small registries: exact text after each edit, refusals, new."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kexie_cli.cli import cli
from kexie_cli.edit.new import derive_id
from kexie_cli.edit.tree import parse_path
from kexie_cli.errors import KexieError
from tests.conftest import AS_OF, copy_sample, run_cli, write_registry

HEAD = "# yaml-language-server: $schema=../../schemas/society.schema.json\n"
SOCIETY = HEAD + (
    "id: wuli-xuehui\n"
    "kind: society\n"
    "name: 示例市物理学会\n"
    "status: active\n"
    "founded: 1980-05-01\n"
    "level: municipal\n"
    "discipline: science\n"
    "registration:\n"
    "  uscc: 51369900MJ0000012D\n"
    "inspections:\n"
    "  - {year: 2024, result: pass, submitted: 2025-04-01}  # 民政局抽查\n"
    "  - {year: 2025, result: pass}\n"
    "brand_events:\n"
    "  - 示例物理论坛\n"
    "term:\n"
    "  number: 7\n"
    "  started: 2022-06-01\n"
    "  years: 5\n"
    "leaders:\n"
    "  - role: chair\n"
    "    name: 张三\n"
    "    since: 2017-06-01\n"
    "  # 秘书长为专职\n"
    "  - role: secretary-general\n"
    "    name: 李四\n"
    "    since: 2022-06-01\n"
    "notes: 市级学会。\n"
)
FILE = "records/societies/wuli-xuehui.yaml"
CELL = (
    "# yaml-language-server: $schema=../../schemas/party-cell.schema.json\n"
    "id: wuli-xuehui-dangzhibu\nkind: party-cell\nname: 中共示例市物理学会支部委员会\nstatus: active\n"
    "founded: 2018-01-01\nform: branch\ncovers:\n  - wuli-xuehui\nmembers:\n  full: 5\n  probationary: 0\n"
    "leaders:\n  - role: secretary\n    name: 李四\n    since: 2018-01-01\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {FILE: SOCIETY, "records/party-cells/wuli-xuehui-dangzhibu.yaml": CELL})


def text(root: Path) -> str:
    return (root / FILE).read_text(encoding="utf-8")


def edit(root: Path, *args: str) -> tuple[int, str]:
    result = run_cli([*args, "--as-of", AS_OF], root)
    return result.exit_code, result.stderr


def test_the_registry_is_valid_to_start_with(root: Path) -> None:
    result = run_cli(["check", "--as-of", AS_OF, "--format", "json", "--select", "K1,K2,K3"], root)
    assert result.exit_code == 0, result.stdout


def test_inspect_adds_an_entry_in_year_order_and_corrects_one(root: Path) -> None:
    assert edit(root, "inspect", "wuli-xuehui", "--year", "2023", "--result", "basic-pass")[0] == 0
    assert (
        edit(root, "inspect", "wuli-xuehui", "--year", "2025", "--result", "fail", "--submitted", "2026-05-02")[0] == 0
    )
    assert text(root) == SOCIETY.replace(
        "inspections:\n",
        "inspections:\n  - {year: 2023, result: basic-pass}\n",
    ).replace("  - {year: 2025, result: pass}\n", "  - {year: 2025, result: fail, submitted: 2026-05-02}\n")


def test_extend_records_the_delay(root: Path) -> None:
    code, err = edit(root, "extend", "wuli-xuehui", "--until", "2027-12-01", "--approved", "2026-11-01")
    assert code == 0, err
    assert text(root) == SOCIETY.replace(
        "  years: 5\n", "  years: 5\n  extended_to: 2027-12-01\n  extension_approved: 2026-11-01\n"
    )


def test_extend_beyond_one_year_is_refused_with_k304(root: Path) -> None:
    code, err = edit(root, "extend", "wuli-xuehui", "--until", "2028-12-01", "--approved", "2026-11-01")
    assert code == 1
    assert "K304" in err
    assert text(root) == SOCIETY


def test_elect_moves_the_term_and_changes_leaders(root: Path) -> None:
    code, err = edit(
        root, "elect", "wuli-xuehui", "--date", "2026-06-01", "--chair", "王五", "--secretary-general", "李四"
    )
    assert code == 0, err
    assert text(root) == SOCIETY.replace(
        "term:\n  number: 7\n  started: 2022-06-01\n  years: 5\n",
        "term:\n  number: 8\n  started: 2026-06-01\n  years: 5\n"
        "past_terms:\n  - number: 7\n    started: 2022-06-01\n    years: 5\n    ended: 2026-06-01\n"
        "    election:\n      held:\n        date: 2026-06-01\n",  # the congress, for K309
    ).replace(
        "    name: 张三\n    since: 2017-06-01\n",
        "    name: 张三\n    since: 2017-06-01\n    until: 2026-06-01\n"
        "  - role: chair\n    name: 王五\n    since: 2026-06-01\n",
    )


def test_set_parses_by_schema_type_and_quotes_only_when_needed(root: Path) -> None:
    assert edit(root, "set", "wuli-xuehui", "council.members", "45")[0] == 0
    assert edit(root, "set", "wuli-xuehui", "short_name", "物理学会")[0] == 0
    assert edit(root, "set", "wuli-xuehui", "leaders[1].party_member", "是")[0] == 0
    assert text(root) == SOCIETY.replace(
        "  uscc: 51369900MJ0000012D\n", "  uscc: 51369900MJ0000012D\ncouncil:\n  members: 45\n"
    ).replace("name: 示例市物理学会\n", "name: 示例市物理学会\nshort_name: 物理学会\n").replace(
        "    name: 李四\n    since: 2022-06-01\n", "    name: 李四\n    since: 2022-06-01\n    party_member: true\n"
    )


def test_set_bad_value_is_a_usage_error(root: Path) -> None:
    code, err = edit(root, "set", "wuli-xuehui", "council.members", "很多")
    assert code == 2
    assert "不是整数" in err
    assert text(root) == SOCIETY


def test_set_that_brings_an_error_is_refused_and_names_it(root: Path) -> None:
    code, err = edit(root, "set", "wuli-xuehui", "term.years", "6")
    assert code == 1
    assert "K303" in err
    assert text(root) == SOCIETY


def test_unset_keeps_the_comment_above_the_next_entry(root: Path) -> None:
    assert edit(root, "unset", "wuli-xuehui", "notes")[0] == 0
    assert edit(root, "unset", "wuli-xuehui", "brand_events")[0] == 0
    assert text(root) == SOCIETY.replace("notes: 市级学会。\n", "").replace("brand_events:\n  - 示例物理论坛\n", "")


def test_unset_a_required_field_is_refused(root: Path) -> None:
    code, err = edit(root, "unset", "wuli-xuehui", "founded")
    assert code == 1
    assert "K101" in err


def test_dry_run_prints_the_diff_and_writes_nothing(root: Path) -> None:
    result = run_cli(
        ["inspect", "wuli-xuehui", "--year", "2026", "--result", "pass", "-n", "--as-of", "2026-12-31"], root
    )
    assert result.exit_code == 0
    assert "+  - {year: 2026, result: pass}\n" in result.stdout
    assert text(root) == SOCIETY


def test_unknown_id_is_a_usage_error(root: Path) -> None:
    assert edit(root, "unset", "no-such-id", "notes")[0] == 2


def test_an_edit_of_a_non_canonical_file_reformats_it_and_says_so(root: Path) -> None:
    (root / FILE).write_text(SOCIETY.replace("name: 示例市物理学会", "name: '示例市物理学会'"), encoding="utf-8")
    code, err = edit(root, "set", "wuli-xuehui", "notes", "改")
    assert code == 0
    assert "原本不是规范格式" in err
    assert text(root) == SOCIETY.replace("notes: 市级学会。", "notes: 改")


def test_new_creates_a_valid_canonical_record(root: Path) -> None:
    args = ["new", "society", "--no-input", "--name", "测试市光学学会", "--set", "founded=2021-03-01"]
    args += ["--set", "level=municipal", "--set", "discipline=science", "--set", "uscc=51369900MJ0000012D"]
    args += ["--set", "chair=周一", "--set", "secretary_general=吴二", "--set", "since=2021-03-01"]
    result = run_cli([*args, "--as-of", AS_OF], root)
    # the same 统一社会信用代码 as wuli-xuehui: kexie new stops before asking or writing anything
    assert result.exit_code == 2
    assert "已有科技社团“示例市物理学会”（wuli-xuehui" in result.stderr and "统一社会信用代码相同" in result.stderr
    # asked to go on all the same: K206 is a new error, the file is not written
    result = run_cli([*args, "--allow-duplicate", "--as-of", AS_OF], root)
    assert result.exit_code == 1
    assert "K206" in result.stderr
    assert not (root / "records/societies/guangxue-xuehui.yaml").exists()
    args[args.index("uscc=51369900MJ0000012D")] = "uscc=51369900MJ00000294"
    result = run_cli([*args, "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    path = root / "records/societies/guangxue-xuehui.yaml"
    assert path.is_file()
    body = path.read_text(encoding="utf-8")
    assert "name: 测试市光学学会\n" in body
    assert "# 状态：active 正常" in body  # the template's Chinese comments stay
    assert run_cli(["fmt", "--check", str(path)], root).exit_code == 0
    check = run_cli(["check", "--as-of", AS_OF, "--format", "json", str(path)], root)
    assert [f["code"] for f in check.json() if f["severity"] == "error"] == []


def test_new_without_input_names_the_missing_fields(root: Path) -> None:
    result = run_cli(["new", "branch", "--no-input", "--name", "测试市滨江区新港镇科学技术协会"], root)
    assert result.exit_code == 2
    assert "founded" in result.stderr and "type" in result.stderr and "chair" in result.stderr


def test_new_prompts_for_what_is_missing(root: Path) -> None:

    answers = "测试市滨江区新港镇科学技术协会\n\n2020-01-01\ntownship\n张三\n2020-01-01\n\n"  # no parent
    result = CliRunner().invoke(cli, ["new", "branch", "--root", str(root), "--as-of", AS_OF], input=answers)
    assert result.exit_code == 0, result.output
    assert (root / "records/branches/xingang-zhen-kexie.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("示例市宝玉石学会", "baoyushi-xuehui"),
        ("示例市人工智能学会", "rengong-zhineng-xuehui"),
        ("示例市滨江区白沙镇科学技术协会", "baisha-zhen-kexie"),
        ("示例市青山县竹溪乡竹园村科学技术协会", "zhuyuan-cun-kexie"),
        ("中共示例市气象学会支部委员会", "qixiang-xuehui-dangzhibu"),
    ],
)
def test_ids_from_pinyin(name: str, expected: str) -> None:
    assert derive_id(name, "示例市科学技术协会") == expected
    assert derive_id(name, "示例市科学技术协会", frozenset({expected})) == expected + "-2"


def test_paths() -> None:
    assert parse_path("leaders[2].name") == ("leaders", 2, "name")
    assert parse_path("leaders.2.name") == ("leaders", 2, "name")
    with pytest.raises(KexieError):
        parse_path("0.name")


def test_edits_on_a_copy_of_the_sample_registry(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    before = (root / "records/societies/yixuehui.yaml").read_text(encoding="utf-8")
    code, err = edit(root, "elect", "yixuehui", "--date", "2026-11-20", "--chair", "王五")
    assert code == 0, err
    after = (root / "records/societies/yixuehui.yaml").read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == ["  number: 14", "  started: 2024-06-26"]
    assert run_cli(["fmt", "--check"], root).exit_code == 0
