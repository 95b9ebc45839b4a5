"""kexie show on a record whose file does not load says why, instead of "no such record"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import AS_OF, run_cli
from tests.robustness.records import GOOD_SOCIETY

FILES: dict[str, str | bytes] = {
    "records/societies/ceshi-xuehui.yaml": GOOD_SOCIETY,
    "records/societies/chongfu-xuehui.yaml": "id: chongfu-xuehui\nkind: society\nid: chongfu-xuehui\n",
    "records/branches/gbk-kexie.yaml": "id: gbk-kexie\nname: 中文\n".encode("gbk"),
}


def test_show_names_the_load_problem(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    dup = run_cli(["show", "chongfu-xuehui", "--as-of", AS_OF], root)
    assert dup.exit_code == 2
    assert dup.stderr.strip() == (
        "records/societies/chongfu-xuehui.yaml 无法加载（K003，第 3 行：键 id 重复出现），请先用 kexie check 修正"
    )
    gbk = run_cli(["show", "gbk-kexie", "--as-of", AS_OF, "--lang", "en"], root)
    assert gbk.exit_code == 2
    assert gbk.stderr.startswith("records/branches/gbk-kexie.yaml cannot be loaded (K001, line 2: ")


def test_show_unknown_and_good_ids_unchanged(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    missing = run_cli(["show", "meiyou-xuehui", "--as-of", AS_OF], root)
    assert missing.exit_code == 2 and "没有 id 为“meiyou-xuehui”的记录" in missing.stderr
    good = run_cli(["show", "ceshi-xuehui", "--format", "json", "--as-of", AS_OF], root)
    assert good.exit_code == 0 and good.json()["id"] == "ceshi-xuehui"
