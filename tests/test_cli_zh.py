"""click's own words in Chinese, --lang before the command, Ctrl-C, and kexie new's early checks (issue 25)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kexie_cli.cli import cli, options
from tests import waiting
from tests.conftest import AS_OF, REPO, copy_sample, run_cli


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def test_help_speaks_chinese() -> None:
    run = run_cli(["--help"])
    assert run.exit_code == 0
    assert run.stdout.startswith("用法：") and "[选项] 命令 [参数]..." in run.stdout.splitlines()[0]
    assert "\n选项：\n" in run.stdout and "\n命令：\n" in run.stdout
    assert "显示本帮助并退出。" in run.stdout and "显示版本号并退出。" in run.stdout
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in run.stdout
    sub = run_cli(["elect", "--help"])
    assert sub.stdout.startswith("用法：") and "elect [选项]" in sub.stdout
    assert "必填" in sub.stdout and "[required]" not in sub.stdout


def test_help_in_english_with_lang_en() -> None:
    for args in (["--lang", "en", "--help"], ["check", "--help", "--lang", "en"]):
        run = run_cli(args)
        assert run.stdout.startswith("Usage: ") and "\nOptions:\n" in run.stdout and "选项：" not in run.stdout
    env = run_cli(["--help"], env={"KEXIE_LANG": "en"})
    assert "Usage: " in env.stdout


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["check", "--bogus"], "错误：没有选项 '--bogus'。", "Error: No such option '--bogus'."),
        (["check", "--formt", "json"], "是否要用以下之一：'--format'", "Did you mean one of: '--format'"),
        (["chek"], "错误：没有命令 'chek'。", "Error: No such command 'chek'."),
        (["check", "--format", "xml"], "'--format' 的值无效：'xml' 不是可选值之一", "Invalid value for '--format'"),
        (["party", "--where"], "选项 '--where' 需要一个值。", "Option '--where' requires an argument."),
        (["elect", "x"], "缺少选项 '--date'", "Missing option '--date'"),
        (["show", "a", "b"], "多余的参数（b）", "Got unexpected extra argument (b)"),
    ],
)
def test_usage_errors_in_chinese_exit_2(args: list[str], zh: str, en: str) -> None:
    run = run_cli(args)
    assert run.exit_code == 2
    assert zh in run.stderr, run.stderr
    assert "Usage" not in run.stderr and "Error" not in run.stderr
    english = run_cli(["--lang", "en", *args])
    assert english.exit_code == 2 and en in english.stderr, english.stderr


def test_lang_as_a_group_option(sample: Path) -> None:
    before = run_cli(["--lang", "en", "check", "--as-of", AS_OF, "--format", "plain"], sample)
    after = run_cli(["check", "--lang", "en", "--as-of", AS_OF, "--format", "plain"], sample)
    assert before.exit_code == after.exit_code and before.stdout == after.stdout and before.stderr == after.stderr
    assert "Term 9 ended" in before.stdout and "届满" not in before.stdout + before.stderr
    # the command's own --lang wins; a later run without --lang is Chinese again
    mixed = run_cli(["--lang", "en", "check", "--lang", "zh", "--as-of", AS_OF, "--format", "plain"], sample)
    assert "届满" in mixed.stdout and "检查了" in mixed.stderr
    assert "检查了" in run_cli(["check", "--as-of", AS_OF, "--format", "plain"], sample).stderr


def test_show_empty_id_message(sample: Path) -> None:
    run = run_cli(["show", ""], sample)
    assert run.exit_code == 2
    assert "没有 id 为“”的记录" in run.stderr and "  " not in run.stderr


def test_ctrl_c_in_a_command_is_one_line_exit_130(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(root: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(options, "open_registry", interrupted)
    run = run_cli(["check"], sample)
    assert run.exit_code == 130
    assert run.stderr.strip() == "已取消"  # after the newline that ends the terminal's ^C
    english = run_cli(["--lang", "en", "party"], sample)
    assert english.exit_code == 130 and english.stderr.strip() == "Cancelled"


def test_end_of_input_at_a_prompt_is_cancelled_exit_1(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "society", "--root", str(sample)], input="")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == "已取消"
    assert "Aborted" not in result.output


@pytest.mark.signals
@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_sigint_at_a_prompt_in_a_real_process(sample: Path) -> None:
    """A real Ctrl-C (SIGINT) while `kexie new` waits for an answer: 已取消, exit 130, no traceback."""
    env = {**os.environ, "KEXIE_LANG": "", "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "kexie_cli", "new", "society", "--root", str(sample)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    seen = b""
    while "全称".encode() not in seen:  # the first question is on screen: kexie waits for input
        chunk = child.stdout.read1(100)  # type: ignore[attr-defined]
        assert chunk, "kexie ended before asking"
        seen += chunk
    child.send_signal(signal.SIGINT)
    _, err = waiting.communicate(child)  # as long as it works; fails only if it blocks
    assert child.returncode == 130
    assert err.decode().strip() == "已取消", err.decode()


def test_new_refuses_an_organisation_on_the_books(sample: Path) -> None:
    run = run_cli(["new", "society", "--no-input", "--name", "示例市植物学会"], sample)
    assert run.exit_code == 2
    assert "已有科技社团“示例市植物学会”（zhiwu-xuehui，records/societies/zhiwu-xuehui.yaml），名称相同" in run.stderr
    assert not (sample / "records/societies/zhiwu-xuehui-2.yaml").exists()
    # interactively: stopped right after the name, before any other question
    result = CliRunner().invoke(cli, ["new", "society", "--root", str(sample)], input="示例市植物学会\n")
    assert result.exit_code == 2 and "名称相同" in result.stderr
    assert "成立日期" not in result.stdout


def test_new_checks_the_credit_code_as_typed(sample: Path) -> None:
    answers = "测试市光学学会\n\n2020-01-01\n3\n1\n51330100MJ00000002\n"
    result = CliRunner().invoke(cli, ["new", "society", "--root", str(sample), "--dry-run"], input=answers)
    # the bad check digit is said at once and the question asked again (then input ends)
    assert "统一社会信用代码“51330100MJ00000002”无效：校验位错误" in result.stderr
    assert result.stdout.count("统一社会信用代码：") == 2
    assert "理事长" not in result.stdout


def test_help_after_an_english_run_is_chinese_again() -> None:
    """click keeps a command's help option once made: an English run first (a test, a page of kexie serve)
    must not leave ``Show this message and exit.`` in the next Chinese help."""
    for args in (["--help"], ["elect", "--help"]):
        assert "Show this message and exit." in run_cli([*args, "--lang", "en"]).stdout
        chinese = run_cli(args).stdout
        assert "显示本帮助并退出。" in chinese and "Show this message" not in chinese
