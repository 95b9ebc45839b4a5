"""`kexie check` through the CLI: formats, exit codes, options, languages."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, REPO, Run

GOOD = REPO / "tests" / "examples" / "good" / "minimal"
BAD = REPO / "tests" / "examples" / "bad"

SOCIETY = """id: demo-society
kind: society
name: 示例学会
status: active
founded: 2000-01-01
level: municipal
discipline: science
registration: {uscc: 51330100MJ00000001}
liaison: {name: 陈静, role: liaison, since: 2024-01-01}
brand_events: [年会]
inspections:
  - {year: 2025, result: pass}
term: {number: 3, started: 2023-01-10, years: 5}
leaders:
  - {role: chair, name: 李华, since: 2023-01-10}
  - {role: secretary-general, name: 王明, since: 2023-01-10}
"""


def test_good_registry_exits_0(cli_run: Callable[..., Run]) -> None:
    run = cli_run(["check", "--as-of", AS_OF, "--format", "plain"], root=GOOD)
    assert run.exit_code == 0
    assert run.stdout == ""
    assert "0 个错误" in run.stderr


def test_errors_exit_1_with_file_line_column(cli_run: Callable[..., Run]) -> None:
    run = cli_run(["check", "--as-of", AS_OF, "--format", "plain"], root=BAD / "integrity")
    assert run.exit_code == 1
    assert "records/branches/town-c.yaml:7:9: error K202 " in run.stdout


def test_json_shape(cli_run: Callable[..., Run]) -> None:
    run = cli_run(["check", "--as-of", AS_OF, "--format", "json"], root=BAD / "terms")
    data = run.json()
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) == {"code", "severity", "file", "line", "column", "id", "message"}
        assert item["severity"] in ("error", "warning", "info")
        assert item["line"] >= 1 and item["column"] >= 1
        assert "/" in item["file"] and "\\" not in item["file"]
    assert {"K302"} <= {d["code"] for d in data}  # info findings are included


def test_warnings_only_exit_0_and_strict_exit_1(cli_run: Callable[..., Run], registry: Callable[..., Path]) -> None:
    body = SOCIETY.replace("started: 2023-01-10, years: 5", "started: 2021-06-30, years: 5")
    root = registry({"records/societies/demo-society.yaml": body})
    plain = cli_run(["check", "--as-of", AS_OF, "--format", "json"], root=root)
    assert plain.exit_code == 0
    assert [(f["code"], f["severity"]) for f in plain.json()] == [("K301", "warning")]
    strict = cli_run(["check", "--as-of", AS_OF, "--format", "json", "--strict"], root=root)
    assert strict.exit_code == 1
    assert [(f["code"], f["severity"]) for f in strict.json()] == [("K301", "error")]
    by_settings = registry(
        {"records/societies/demo-society.yaml": body}, settings="registry: 测试\nrules:\n  strict: true\n"
    )
    assert cli_run(["check", "--as-of", AS_OF, "-q"], root=by_settings).exit_code == 1


def test_as_of_moves_time_rules(cli_run: Callable[..., Run], registry: Callable[..., Path]) -> None:
    root = registry({"records/societies/demo-society.yaml": SOCIETY})
    early = cli_run(["check", "--as-of", "2026-06-01", "--format", "json"], root=root).json()
    late = cli_run(["check", "--as-of", "2028-01-11", "--format", "json"], root=root).json()
    assert [f["code"] for f in early] == []
    assert "K301" in [f["code"] for f in late]


def test_select_and_ignore(cli_run: Callable[..., Run]) -> None:
    root = BAD / "terms"
    selected = cli_run(["check", "--as-of", AS_OF, "--format", "json", "--select", "K30"], root=root).json()
    assert selected and all(f["code"].startswith("K30") for f in selected)
    ignored = cli_run(["check", "--as-of", AS_OF, "--format", "json", "--ignore", "K307,K305"], root=root).json()
    assert not {f["code"] for f in ignored} & {"K307", "K305"}
    assert {f["code"] for f in ignored} & {"K301", "K303"}


def test_paths_limit_reporting(cli_run: Callable[..., Run]) -> None:
    root = BAD / "integrity"
    target = root / "records" / "branches" / "town-c.yaml"
    data = cli_run(["check", "--as-of", AS_OF, "--format", "json", str(target)], root=root).json()
    assert {f["file"] for f in data} == {"records/branches/town-c.yaml"}
    folder = cli_run(["check", "--as-of", AS_OF, "--format", "json", str(root / "records/societies")], root=root)
    assert {f["file"].split("/")[1] for f in folder.json()} == {"societies"}


def test_path_outside_registry_exits_2(cli_run: Callable[..., Run], tmp_path: Path) -> None:
    run = cli_run(["check", str(tmp_path)], root=GOOD)
    assert run.exit_code == 2
    assert "不在台账内" in run.stderr


def test_english_output(cli_run: Callable[..., Run]) -> None:
    run = cli_run(["check", "--as-of", AS_OF, "--format", "plain", "--lang", "en"], root=BAD / "integrity")
    assert "Reference to unknown id 'no-such-district'" in run.stdout
    assert "files checked" in run.stderr
    env = cli_run(["check", "--as-of", AS_OF, "--format", "plain"], root=BAD / "integrity", env={"KEXIE_LANG": "en"})
    assert env.stdout == run.stdout


def test_github_format(cli_run: Callable[..., Run]) -> None:
    lines = cli_run(["check", "--as-of", AS_OF, "--format", "github"], root=BAD / "terms").stdout.splitlines()
    assert "::error file=records/branches/big-agency.yaml,line=7,col=22,title=K307::" in "\n".join(lines)
    assert any(line.startswith("::warning file=records/societies/overdue-xuehui.yaml,") for line in lines)
    assert any(line.startswith("::notice ") for line in lines)


def test_csv_and_md_formats(cli_run: Callable[..., Run]) -> None:
    text = cli_run(["check", "--as-of", AS_OF, "--format", "csv"], root=BAD / "terms").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0].keys() == {"code", "severity", "file", "line", "column", "id", "message"}
    md = cli_run(["check", "--as-of", AS_OF, "--format", "md"], root=BAD / "terms").stdout
    assert md.startswith("| 位置 | 级别 | 代码 | 记录 | 说明 |")


def test_table_format_without_tty_has_no_colour(cli_run: Callable[..., Run]) -> None:
    out = cli_run(["check", "--as-of", AS_OF, "--format", "table"], root=BAD / "terms").stdout
    assert "K307" in out and "\x1b[" not in out


def test_piped_default_is_plain(cli_run: Callable[..., Run]) -> None:
    out = cli_run(["check", "--as-of", AS_OF], root=BAD / "terms").stdout
    assert out.splitlines()[0].startswith("records/")


@pytest.mark.parametrize("bad", ["2026-13-01", "20261123", "tomorrow"])
def test_bad_as_of_exits_2(cli_run: Callable[..., Run], bad: str) -> None:
    run = cli_run(["check", "--as-of", bad], root=GOOD)
    assert run.exit_code == 2
    assert "YYYY-MM-DD" in run.stderr


def test_no_registry_exits_2(cli_run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli_run(["check"])
    assert run.exit_code == 2
    assert "找不到台账" in run.stderr


def test_root_found_by_walking_up(cli_run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOOD / "records" / "societies")
    assert cli_run(["check", "--as-of", AS_OF, "-q"]).exit_code == 0


@pytest.mark.parametrize(
    ("settings", "needle"),
    [
        ("elections:\n  lead_months: six\n", "elections.lead_months"),
        ("inspections:\n  deadline: '13-40'\n", "inspections.deadline"),
        ("rules:\n  ignore:\n    - {code: K603}\n", "rules.ignore.0"),
        ("colour: red\n", "colour"),
        ("a: [1,\n", "K002"),
        ("- just a list\n", "K004"),
    ],
)
def test_bad_settings_exit_2_naming_the_setting(
    cli_run: Callable[..., Run], registry: Callable[..., Path], settings: str, needle: str
) -> None:
    root = registry({}, settings=settings)
    run = cli_run(["check"], root=root)
    assert run.exit_code == 2
    assert "kexie.yaml:" in run.stderr and needle in run.stderr
    assert "Traceback" not in run.stderr


def test_empty_settings_file_is_fine(cli_run: Callable[..., Run], registry: Callable[..., Path]) -> None:
    assert cli_run(["check", "-q"], root=registry({}, settings="")).exit_code == 0


def test_registry_schemas_take_precedence(cli_run: Callable[..., Run], registry: Callable[..., Path]) -> None:
    schema = json.loads((REPO / "schemas" / "society.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["wechat"] = {"type": "string", "title": "公众号", "description": "学会微信公众号。"}
    body = SOCIETY + "wechat: 示例学会\n"
    root = registry({"records/societies/demo-society.yaml": body})
    assert "K105" in {f["code"] for f in cli_run(["check", "--as-of", AS_OF, "--format", "json"], root=root).json()}
    (root / "schemas").mkdir()
    (root / "schemas" / "society.schema.json").write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    assert cli_run(["check", "--as-of", AS_OF, "--format", "json"], root=root).json() == []


def test_rules_command(cli_run: Callable[..., Run]) -> None:
    listing = cli_run(["rules", "--format", "json"]).json()
    assert isinstance(listing, list)
    assert {"code": "K402", "severity": "warning", "title": "连续两年年检不合格或未参检"} in listing
    detail = cli_run(["rules", "k402"])
    assert detail.exit_code == 0 and "解除资格" in detail.stdout and "result: missing" in detail.stdout
    english = cli_run(["rules", "K402", "--lang", "en"]).stdout
    assert "candidate for" in english
    assert cli_run(["rules", "K999"]).exit_code == 2


def test_schema_command(cli_run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # outside a registry: the shipped schemas
    data = json.loads(cli_run(["schema", "party-cell"]).stdout)
    assert data["properties"]["kind"]["const"] == "party-cell"
    assert cli_run(["schema", "nonsense"]).exit_code == 2


def test_symlink_loop_and_special_files(cli_run: Callable[..., Run], registry: Callable[..., Path]) -> None:
    root = registry({"records/societies/demo-society.yaml": SOCIETY})
    (root / "records" / "societies" / "loop").symlink_to(root / "records")
    data = cli_run(["check", "--as-of", AS_OF, "--format", "json"], root=root).json()
    assert [(f["file"], f["code"]) for f in data] == [("records/societies/loop", "K007")]  # named, not followed


def test_settings_errors_are_explained_in_both_languages(
    cli_run: Callable[..., Run], registry: Callable[..., Path]
) -> None:
    root = registry({}, settings="elections:\n  lead_months: six\n")
    assert "应为整数" in cli_run(["check"], root=root).stderr
    assert "expected integer" in cli_run(["check", "--lang", "en"], root=root).stderr
    sizes = registry({}, settings="branches:\n  committee_size: {agency: [9, 7]}\n")
    run = cli_run(["check"], root=sizes)
    assert run.exit_code == 2 and "branches.committee_size.agency" in run.stderr
    until = registry({}, settings="rules:\n  ignore:\n    - {code: K603, reason: x, until: 2026-02-30}\n")
    assert "不是有效日期" in cli_run(["check"], root=until).stderr


def test_select_of_an_unknown_code_is_a_usage_error(cli_run: Callable[..., Run]) -> None:
    run = cli_run(["check", "--select", "X9"], root=GOOD)
    assert run.exit_code == 2 and "X9" in run.stderr
    assert cli_run(["check", "--ignore", "K999", "-q"], root=GOOD).exit_code == 2
