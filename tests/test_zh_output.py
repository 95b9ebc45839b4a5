"""No English words or bare codes in the Chinese output of any command (issue 25).

``kexie rules`` is left out: it documents the record format, so field names and YAML examples are its
subject; ``--help`` is tested in tests/test_cli_zh.py.

Every command runs on the sample registry in Chinese (the default); what is left of its output after
taking out what may be ASCII (record ids, file paths, rule codes K402, dates, numbers, option names,
the names of kexie's commands and formats) must hold no English word.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kexie_cli import kinds
from tests.conftest import copy_sample, run_cli

AS_OF = "2026-12-01"
COMMANDS = [
    ["check"],
    ["check", "--as-of", "2026-07-20"],
    ["check", "--format", "table"],
    ["due-elections"],
    ["due-elections", "--format", "table"],
    ["inspections"],
    ["party"],
    ["party", "--format", "table"],
    ["summary"],
    ["list", "societies"],
    ["list", "branches"],
    ["list", "party-cells"],
    ["list", "leaders"],
    ["show", "zhiwu-xuehui"],
    ["show", "keji-fuwu-lianhe-dangzhibu"],
    ["show", "wenchang-jiedao-kexie"],
    ["find", "植物"],
    ["report", "--format", "md", "-o", "{tmp}/report.md"],
    ["show", "meiyou"],
    ["list", "nothing"],
    ["new", "society", "--no-input", "--name", "示例市植物学会"],
]
# what may be ASCII in Chinese output
ALLOWED = [
    r"^\S+:\d+:\d+: (?:error|warning|info) ",  # check --format plain: file:line:col: severity (for tools)
    r"\b[0-9A-Z]{18}\b",  # 统一社会信用代码
    r"(?<![\w.])(?:/[\w.-]+)+",  # absolute paths (an output file)
    r"records/[\w/.-]+",  # paths
    r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b",  # ids (slugs with a dash)
    r"\bK\d{3}\b",
    r"--[a-z-]+",  # option names
    r"\bkexie(?: [a-z-]+)?",  # the command and its sub-commands
    r"\b\d+(?:[.:/-]\d+)*%?(?!Q)",  # numbers, dates, times, line:column
    r"\bYAML\b|\bUTF-8\b|\bCSV\b|\bJSON\b|\bExcel\b|\bWPS\b|\bBOM\b|\bSQL\b|\bGit\b|\b[1-5]A\b",
    r"\b[ABC]\b",  # 管理类别 A/B/C
    r"docs/[\w.]+\.md|kexie\.yaml|\.yaml\b",
    r"\bid\b",  # the word the records and the docs use for 标识符
    r"\b(?:" + "|".join([*kinds.FOLDERS.values(), *kinds.CODES, "leaders"]) + r")\b",  # kinds as typed
    r"（[a-z_.]+）",  # a field's key after its Chinese name: 成立日期（founded）, where to look in the file
    r"\b(?:YYYY|MM|DD)\b",  # the date format YYYY-MM-DD (a table may wrap it)
    r"^用法：.*$",  # a usage line: the arguments' names (ID, KIND) as --help writes them
]
WORD = re.compile(r"[A-Za-z]{2,}|Q[1-4]\b")  # a word, or a quarter written 2026Q1


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample registry with a record of each kind of mistake (K104 out of range and bad date, K002)."""
    root = copy_sample(tmp_path_factory.mktemp("zh"))
    societies = root / "records" / "societies"
    (societies / "cuowu-xuehui.yaml").write_text(
        "id: cuowu-xuehui\nkind: society\nname: 示例市错误学会\nstatus: active\nfounded: 2020-13-01\n"
        "level: municipal\ndiscipline: science\nregistration: {uscc: 51330100MJ00000001}\n"
        "council: {members: -3}\n",
        encoding="utf-8",
    )
    (societies / "pohuai-xuehui.yaml").write_text("id: pohuai-xuehui\nkind: [society\n", encoding="utf-8")
    return root


def leftovers(text: str, ids: set[str]) -> list[str]:
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text, flags=re.MULTILINE)
    return sorted({w for w in WORD.findall(text) if w not in ids})


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_english_in_chinese_output(sample: Path, args: list[str], tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if args[0] == "rules":
        run = run_cli(args)
    else:
        dated = args[0] == "find" or "--as-of" in args
        run = run_cli(args if dated else [*args, "--as-of", AS_OF], sample)
    assert run.exit_code in (0, 1, 2)
    ids = {p.stem for p in (sample / "records").rglob("*.yaml")} | set(args)  # ids, and what the user typed
    text = run.stdout + run.stderr
    if args[0] == "report":
        text += (tmp_path / "report.md").read_text(encoding="utf-8")
    assert leftovers(text, ids) == [], text[:3000]
