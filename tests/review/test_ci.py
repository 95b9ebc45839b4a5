"""CI integration: check --changed, SARIF output and the pre-commit hooks run as pre-commit runs them."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, REPO, run_cli
from tests.review.conftest import BRANCH, BRANCH_FILE, SOCIETY, SOCIETY_FILE, git

Repo = Callable[..., Path]
CELL_FILE = "records/party-cells/xingang-dangzhibu.yaml"
CELL = (
    "# yaml-language-server: $schema=../../schemas/party-cell.schema.json\n"
    "id: xingang-dangzhibu\nkind: party-cell\nname: 中共测试市新港镇科协支部委员会\nstatus: active\n"
    "founded: 2018-01-01\nform: branch\ncovers:\n  - xingang-zhen-kexie\nmembers:\n  full: 5\n  probationary: 0\n"
    "leaders:\n  - role: secretary\n    name: 王五\n    since: 2018-01-01\n"
)


def files() -> dict[str, str | bytes]:
    return {SOCIETY_FILE: SOCIETY, BRANCH_FILE: BRANCH, CELL_FILE: CELL}


def codes(result: Any) -> list[tuple[str, str]]:
    return sorted((f["file"], f["code"]) for f in json.loads(result.stdout) if f["severity"] == "error")


def test_changed_reports_changed_files_and_cross_record_findings(repo: Repo) -> None:
    root = repo(files())
    # an unchanged file's own error is not reported; a changed file's is
    (root / SOCIETY_FILE).write_text(SOCIETY.replace("years: 5", "years: 6"), encoding="utf-8")
    result = run_cli(["check", "--as-of", AS_OF, "--changed", "--format", "json"], root)
    assert codes(result) == [(SOCIETY_FILE, "K303")]
    assert result.exit_code == 1
    git(root, "commit", "-qam", "六年任期")
    assert codes(run_cli(["check", "--as-of", AS_OF, "--changed", "--format", "json"], root)) == []
    assert codes(run_cli(["check", "--as-of", AS_OF, "--changed=HEAD~1", "--format", "json"], root)) == [
        (SOCIETY_FILE, "K303")
    ]
    # deleting the branch breaks the party cell that covers it: reported although the cell did not change
    (root / BRANCH_FILE).unlink()
    assert codes(run_cli(["check", "--as-of", AS_OF, "--changed", "--format", "json"], root)) == [(CELL_FILE, "K202")]
    # untracked new files count as changed
    (root / "records/branches/bad.yaml").write_text(BRANCH, encoding="utf-8")
    found = codes(run_cli(["check", "--as-of", AS_OF, "--changed", "--format", "json"], root))
    assert ("records/branches/bad.yaml", "K005") in found


def test_changed_settings_widen_the_report_to_everything(repo: Repo) -> None:
    root = repo(files())
    (root / SOCIETY_FILE).write_text(SOCIETY.replace("years: 5", "years: 6"), encoding="utf-8")
    git(root, "commit", "-qam", "六年任期")
    (root / "kexie.yaml").write_text("registry: 测试市科学技术协会\nterms:\n  max_years: 5\n", encoding="utf-8")
    assert codes(run_cli(["check", "--as-of", AS_OF, "--changed", "--format", "json"], root)) == [
        (SOCIETY_FILE, "K303")
    ]


def test_sarif_output(repo: Repo) -> None:
    root = repo({SOCIETY_FILE: SOCIETY.replace("years: 5", "years: 6")})
    result = run_cli(["check", "--as-of", AS_OF, "--format", "sarif", "--select", "K303"], root)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "kexie"
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    [finding] = run["results"]
    assert finding["ruleId"] == "K303"
    assert rules[finding["ruleIndex"]]["id"] == "K303"
    assert finding["level"] == "error"
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": SOCIETY_FILE, "uriBaseId": "%SRCROOT%"}
    line = SOCIETY.splitlines().index("  years: 5") + 1
    assert location["region"] == {"startLine": line, "startColumn": 10}


def test_sarif_levels_on_the_sample_registry() -> None:
    result = run_cli(["check", "--as-of", AS_OF, "--format", "sarif"], REPO)
    plain = run_cli(["check", "--as-of", AS_OF, "--format", "json"], REPO)
    results = json.loads(result.stdout)["runs"][0]["results"]
    findings = json.loads(plain.stdout)
    assert len(results) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [r["level"] for r in results] == [levels[f["severity"]] for f in findings]


# --- pre-commit ---------------------------------------------------------------------------------


def hooks() -> dict[str, dict[str, Any]]:
    loaded = YAML(typ="safe", pure=True).load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in loaded}


def run_hook(root: Path, hook: dict[str, Any], all_files: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a hook the way pre-commit does: its entry, plus the staged files matching ``files`` unless told not to."""
    if all_files:  # pre-commit run --all-files
        staged = git(root, "ls-files").split()
    else:
        staged = git(root, "diff", "--cached", "--name-only", "--diff-filter=ACMR").split()
    matching = [name for name in staged if re.search(hook["files"], name)]
    if not matching:
        raise AssertionError("pre-commit would skip the hook")
    args = shlex.split(hook["entry"])
    assert args[0] == "kexie"
    command = [sys.executable, "-m", "kexie_cli", *args[1:]]
    if hook.get("pass_filenames", True):
        command += matching
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def test_hook_definitions() -> None:
    found = hooks()
    assert set(found) == {"kexie-fmt", "kexie-check"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert re.search(hook["files"], "records/societies/x.yaml")
        assert not re.search(hook["files"], "README.md")


def test_fmt_hook_rewrites_a_staged_file_then_passes(repo: Repo) -> None:
    root = repo(files())
    messy = SOCIETY.replace("name: 测试市物理学会\n", "").replace(
        "kind: society\n", "kind: society\nname: '测试市物理学会'\n"
    )
    messy = messy.replace("status: active\n", "") + "status: active\n"
    (root / SOCIETY_FILE).write_text(messy, encoding="utf-8")
    git(root, "add", SOCIETY_FILE)
    first = run_hook(root, hooks()["kexie-fmt"])
    assert first.returncode == 0, first.stderr
    # pre-commit fails a hook that modified files: the work tree now differs from the index
    assert git(root, "diff", "--name-only").split() == [SOCIETY_FILE]
    assert (root / SOCIETY_FILE).read_text(encoding="utf-8") == SOCIETY
    git(root, "add", SOCIETY_FILE)
    second = run_hook(root, hooks()["kexie-fmt"], all_files=True)
    assert second.returncode == 0
    assert git(root, "diff", "--name-only") == ""


def test_check_hook_blocks_a_commit_with_an_error(repo: Repo) -> None:
    root = repo(files())
    (root / SOCIETY_FILE).write_text(SOCIETY.replace("years: 5", "years: 6"), encoding="utf-8")
    git(root, "add", SOCIETY_FILE)
    result = run_hook(root, hooks()["kexie-check"])
    assert result.returncode == 1
    assert f"{SOCIETY_FILE}:" in result.stdout and "K303" in result.stdout
    (root / SOCIETY_FILE).write_text(
        SOCIETY.replace("name: 测试市物理学会", "name: 测试市物理学会（改）"), encoding="utf-8"
    )
    git(root, "add", SOCIETY_FILE)
    ok = run_hook(root, hooks()["kexie-check"])
    assert ok.returncode == 0, ok.stdout
    assert load_text((root / SOCIETY_FILE).read_text(encoding="utf-8")).data is not None


def test_codeclimate_output_for_gitlab(repo: Repo) -> None:
    root = repo({SOCIETY_FILE: SOCIETY.replace("years: 5", "years: 6")})
    result = run_cli(["check", "--as-of", AS_OF, "--format", "codeclimate", "--select", "K303"], root)
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    line = SOCIETY.splitlines().index("  years: 5") + 1
    assert item["location"] == {"path": SOCIETY_FILE, "lines": {"begin": line}}
    assert (item["check_name"], item["severity"], item["type"]) == ("K303", "major", "issue")
    assert len(item["fingerprint"]) == 64
