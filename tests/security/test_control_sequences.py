"""Attack 6: control characters in values never reach the terminal or CI raw, and always get a finding."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

# In YAML double quotes: a title-setting OSC sequence, a screen clear, a bell, and a forged CI line.
ESCAPED_NAME = '"示例\\e]0;PWNED\\a市\\e[2J测试\\x07学会"'
FORGED_STATUS = '"act\\e]0;PWNED\\a\\n::error file=kexie.yaml,line=1::FORGED"'
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile(name: str = ESCAPED_NAME, status: str = "active") -> dict[str, str | bytes]:
    text = society(name=name).replace("status: active", f"status: {status}")
    return {"records/societies/ceshi-xuehui.yaml": text}


def assert_clean(text: str) -> None:
    assert not RAW_CONTROL.search(text), repr(text)
    assert not any(line.startswith("::error file=kexie.yaml") for line in text.splitlines()), text


LISTINGS = {
    "list": ["list", "societies", "--as-of", AS_OF],
    "show": ["show", "ceshi-xuehui", "--as-of", AS_OF],
    "find": ["find", "测试"],
    "due-elections": ["due-elections", "--as-of", AS_OF],
    "sql": ["sql", "SELECT id, name, status FROM societies"],
}


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(c, f) for c in LISTINGS for f in ("table", "plain", "md", "csv") if (c, f) != ("show", "csv")],  # show: no csv
)
def test_listings_escape_controls(registry: Callable[..., Path], command: str, fmt: str) -> None:
    root = registry(hostile())
    wide = {"COLUMNS": "400"}  # a table wraps to the terminal: wide enough that no escape is split
    result = run_cli([*LISTINGS[command], "--format", fmt], root, env=wide)
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout)
    assert "\\x1b]0;PWNED\\x07" in result.stdout or "\\\\x1b]0;PWNED" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "plain", "md", "csv"])
def test_listings_escape_newlines_in_values(registry: Callable[..., Path], fmt: str) -> None:
    root = registry(hostile(name="示例学会", status=FORGED_STATUS))
    result = run_cli(["sql", "SELECT id, status FROM societies", "--format", fmt], root)
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout)
    assert "\\n::error" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "plain", "md", "csv", "github"])
def test_check_output_cannot_forge_lines(registry: Callable[..., Path], fmt: str) -> None:
    root = registry(hostile(status=FORGED_STATUS))
    result = run_cli(["check", "--format", fmt, "--as-of", AS_OF], root)
    assert result.exit_code == 1
    assert_clean(result.stdout)
    if fmt in ("plain", "md", "csv"):
        assert "\\x07\\n::error" in result.stdout  # shown, escaped


@pytest.mark.parametrize("pure", [False, True], ids=["fast", "pure"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", '"示例\\e[2J学会"'),
        ("name", '"示例\\x07学会"'),
        ("name", '"示例\\u009b学会"'),
        ("short_name", '"简\\r称"'),
        ("notes", '"备注\\0"'),
    ],
)
def test_escaped_control_gets_k104(registry: Callable[..., Path], pure: bool, field: str, value: str) -> None:
    text = society() + f"{field}: {value}\n" if field != "name" else society(name=value)
    text += 'brand_events: ["第一行\\n第二行\\t制表"]\n'  # a newline or a tab is no finding
    root = registry({"records/societies/ceshi-xuehui.yaml": text})
    env = {"KEXIE_PURE": "1"} if pure else {"KEXIE_PURE": ""}
    result = run_cli(["check", "--format", "json", "--as-of", AS_OF, "--no-cache"], root, env=env)
    assert result.exit_code == 1, result.stdout
    hits = [f for f in result.json() if f["code"] == "K104" and f["message"].startswith(field)]
    assert len(hits) == 1, result.json()
    assert not [f for f in result.json() if f["code"] == "K104" and f["message"].startswith("brand_events")]
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith(f"{field}:"))) + 1
    assert hits[0]["line"] == line and hits[0]["column"] == len(field) + 3


def _git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "测试"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root), "PATH": __import__("os").environ["PATH"]}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.parametrize("fmt", ["plain", "md"])
@pytest.mark.parametrize("command", ["diff", "log"])
def test_diff_and_log_escape_controls(registry: Callable[..., Path], command: str, fmt: str) -> None:
    root = registry({"records/societies/ceshi-xuehui.yaml": society()})
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "建立")
    path = root / "records" / "societies" / "ceshi-xuehui.yaml"
    path.write_text(society(name=ESCAPED_NAME), encoding="utf-8")
    _git(root, "commit", "-qam", "改名\x1b[2J")
    args = ["diff", "HEAD~1", "HEAD"] if command == "diff" else ["log", "ceshi-xuehui"]
    result = run_cli([*args, "--format", fmt], root)
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout)
    assert "\\x1b" in result.stdout and "PWNED" in result.stdout


def test_log_refuses_a_path_id(registry: Callable[..., Path]) -> None:
    root = registry({"records/societies/ceshi-xuehui.yaml": society()})
    _git(root, "init", "-q")
    result = run_cli(["log", "../../../etc/passwd"], root)
    assert result.exit_code == 2
    assert "无效的 id" in result.stderr
