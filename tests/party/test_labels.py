"""Labels in Chinese: role words by kind, severities in `show`, 星级 in Chinese numerals, K308 wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kexie_cli.records.roles import role_label
from tests.conftest import AS_OF, REPO, run_cli

SOCIETY = """\
id: lao-xuehui
kind: society
name: 测试老学会
status: active
founded: 2000-01-01
level: municipal
discipline: science
term: {number: 8, started: 2023-04-01, years: 5}
leaders:
  - {role: chair, name: 钱老, since: 2023-04-01, birth_year: 1950}
  - {role: vice-chair, name: 孙可, since: 2023-04-01, first_term: 6}
"""
BRANCH = """\
id: qiye-kexie
kind: branch
name: 测试企业科协
status: active
founded: 2010-01-01
type: enterprise
leaders:
  - {role: vice-chair, name: 周副, since: 2023-04-01}
"""
GROUP = """\
id: xiaozu
kind: party-cell
name: 测试学会党的工作小组
status: active
founded: 2020-01-01
form: working-group
covers: [lao-xuehui]
members: {full: 2, probationary: 0}
leaders:
  - {role: group-leader, name: 吴组长, since: 2024-01-01}
"""


def test_role_label() -> None:
    assert role_label("chair", "society") == "理事长"
    assert role_label("chair", "branch") == "主席"
    assert role_label("vice-chair", "branch") == "副主席"
    assert role_label("secretary", "party-cell") == "书记"
    assert role_label("group-leader", "party-cell") == "组长"
    assert role_label("chair", None) == "理事长/主席"
    assert role_label("chair", "branch", "en") == "chair"


def _messages(root: Path, code: str) -> list[str]:
    found = run_cli(["check", "--as-of", AS_OF, "--format", "json", "--select", code], root).json()
    return sorted(str(f["message"]) for f in found)


def test_messages_use_the_word_for_the_kind(registry: Callable[..., Path]) -> None:
    root = registry(
        {
            "records/societies/lao-xuehui.yaml": SOCIETY,
            "records/branches/qiye-kexie.yaml": BRANCH,
            "records/party-cells/xiaozu.yaml": GROUP,
        }
    )
    assert _messages(root, "K308") == [
        "副理事长 孙可：已连任 3 届，超过 2 届",
        "理事长 钱老：本届开始时 73 岁，超过 70 岁",
    ]
    assert "现任主席应为 1 人，实有 0 人" in _messages(root, "K306")
    assert _messages(root, "K504") == ["组长 吴组长 未在所覆盖单位的领导班子中任职"]


def test_show_reads_roles_and_severities_in_chinese(registry: Callable[..., Path]) -> None:
    root = registry({"records/branches/qiye-kexie.yaml": BRANCH, "records/party-cells/xiaozu.yaml": GROUP})
    shown = run_cli(["show", "qiye-kexie", "--as-of", AS_OF, "--format", "plain"], root).stdout
    assert "副主席" in shown and "副理事长" not in shown
    findings = shown[shown.index("检查发现") :]
    assert "错误" in findings and "error" not in findings  # K306: no current chair
    english = run_cli(["show", "qiye-kexie", "--as-of", AS_OF, "--format", "plain", "--lang", "en"], root).stdout
    assert "error" in english[english.index("Findings") :]
    group = run_cli(["show", "xiaozu", "--as-of", AS_OF, "--format", "plain"], root).stdout
    assert "组长" in group
    leaders = run_cli(["list", "leaders", "--as-of", AS_OF, "--format", "plain", "-c", "org,role,name"], root).stdout
    assert "副主席" in leaders and "组长" in leaders and "理事长/主席" not in leaders


def test_stars_labels_and_four_or_more_line() -> None:
    zh = run_cli(["summary", "stars", "--as-of", AS_OF, "--format", "plain"], REPO).stdout
    assert "五星级" in zh and "四星级及以上" in zh and "5星级" not in zh
    rows = run_cli(["summary", "stars", "--as-of", AS_OF, "--format", "json"], REPO).json()[0]["rows"]
    counts = {r["stars"]: r["count"] for r in rows}
    assert counts["4+"] == counts[4] + counts[5]
    en = run_cli(["summary", "stars", "--as-of", AS_OF, "--format", "plain", "--lang", "en"], REPO).stdout
    assert "4 stars or more" in en and "四星级" not in en
