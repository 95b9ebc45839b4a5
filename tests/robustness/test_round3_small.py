"""Issue 28, the smaller items: settings dates, long and control-character values in messages, deep paths, fmt."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from kexie_cli.edit import atomic
from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

FILE = "records/societies/ceshi-xuehui.yaml"
FILES: dict[str, str | bytes] = {FILE: society()}


@pytest.mark.parametrize("day", ["02-30", "02-31", "04-31", "11-31"])
def test_deadline_that_is_not_a_day_is_an_error(registry: Callable[..., Path], day: str) -> None:
    root = registry(FILES, f'registry: 测试\ninspections:\n  deadline: "{day}"\n')
    run = run_cli(["check", "--as-of", AS_OF], root)
    assert run.exit_code == 2
    assert f"inspections.deadline 无效：{day} 不是日历上的日期" in run.stderr


def test_deadline_02_29_is_the_last_day_of_february(registry: Callable[..., Path]) -> None:
    root = registry(FILES, 'registry: 测试\ninspections:\n  deadline: "02-29"\n')
    assert run_cli(["check", "--as-of", AS_OF], root).exit_code in (0, 1)


def test_set_with_a_path_of_2000_parts(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    before = (root / FILE).read_bytes()
    run = run_cli(["set", "ceshi-xuehui", ".".join(["a"] * 2000), "x", "--as-of", AS_OF], root)
    assert run.exit_code == 2, run.stderr
    assert "字段路径超过 64 层" in run.stderr and "内部错误" not in run.stderr
    assert (root / FILE).read_bytes() == before


def test_long_values_are_cut_in_messages(registry: Callable[..., Path]) -> None:
    root = registry({FILE: society().replace("status: active", f"status: a{'9' * 5000}")})
    check = run_cli(["check", "--as-of", AS_OF, "--format", "json"], root)
    assert check.exit_code == 1
    assert max(len(f["message"]) for f in check.json()) < 400
    edit = run_cli(["set", "ceshi-xuehui", "council.members", "9" * 5000, "--as-of", AS_OF], root)
    assert edit.exit_code == 2 and "9" * 300 not in edit.stderr and len(edit.stderr) < 600
    show = run_cli(["show", "x" * 5000], root)
    assert show.exit_code == 2 and len(show.stderr) < 600


def test_show_never_echoes_a_raw_control_character(registry: Callable[..., Path]) -> None:
    run = run_cli(["show", "a\x07b\x1b[2J"], registry(FILES))
    assert run.exit_code == 2
    assert "\x07" not in run.stderr and "\x1b" not in run.stderr
    assert "a\\x07b\\x1b[2J" in run.stderr


@pytest.mark.parametrize("key", ["~", "null", "Null"])
def test_fmt_names_a_null_key(registry: Callable[..., Path], key: str) -> None:
    root = registry({FILE: society() + f"{key}: one\n"})
    before = (root / FILE).read_bytes()
    for args in (["fmt"], ["fmt", "--check"], ["set", "ceshi-xuehui", "short_name", "测试", "--as-of", AS_OF]):
        run = run_cli(args, root)
        assert run.exit_code in (1, 2), run.stderr
        assert "第 13 行的键为空" in run.stderr, run.stderr
        assert "请报告" not in run.stderr
    assert (root / FILE).read_bytes() == before


def test_fmt_on_a_full_disk_says_so(registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = registry({FILE: "kind: society\n" + society().replace("kind: society\n", "")})  # fmt would write it

    def full(*_: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "ensure", full)  # .kexie/ and its lock cannot be created
    run = run_cli(["fmt"], root)
    assert run.exit_code == 2
    assert "磁盘空间不足，无法建立编辑锁 .kexie/lock，没有修改任何记录" in run.stderr
