"""The message catalogues: no key twice, zh and en with the same placeholders, mistakes loud under tests."""

from __future__ import annotations

import string
import subprocess
from pathlib import Path

import pytest

import kexie_cli.i18n as i18n
from kexie_cli.i18n import CatalogueError, catalog, load_catalogues, tr
from tests.conftest import run_cli, write_registry

# Keys whose zh and en texts deliberately use different placeholders: the Chinese text shows the
# schema title (title) next to the field path, the English one has English labels (*_en) instead of
# the Chinese ones, or a detail only one language needs (extended: "（已延期）").
DIFFERENT_PLACEHOLDERS = {
    "K101": ({"title"}, set()),
    "K102": ({"title"}, set()),
    "K102.other": ({"title"}, set()),
    "K103": ({"allowed", "title"}, {"allowed_en"}),
    "K104": ({"title", "rule_zh"}, {"rule"}),
    "K104.format": ({"title", "rule_zh"}, {"rule"}),
    "K104.pattern": ({"title", "rule_zh"}, {"rule"}),
    "K301": ({"extended", "term"}, {"number"}),
    "K302": ({"extended", "term"}, {"number"}),
    "K505": ({"extended", "term"}, {"number"}),
    "new.bad_uscc": ({"reason_zh"}, {"reason_en"}),
    "K002.load.syntax": ({"detail_zh", "line", "column"}, {"detail"}),
    "K305": ({"a", "b"}, {"a_en", "b_en"}),
    "settings.invalid": ({"detail"}, {"detail_en"}),
    "edit.value_type": ({"type_zh"}, {"type_en"}),
}


def placeholders(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_zh_and_en_use_the_same_placeholders() -> None:
    for key, (zh, en) in catalog().items():
        only_zh, only_en = placeholders(zh) - placeholders(en), placeholders(en) - placeholders(zh)
        assert (only_zh, only_en) == DIFFERENT_PLACEHOLDERS.get(key, (set(), set())), key


def test_the_listed_exceptions_exist() -> None:
    assert set(DIFFERENT_PLACEHOLDERS) <= set(catalog())


def test_a_key_in_two_catalogues_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "msg_zz_duplicate.py").write_text('MESSAGES = {"git.failed": ("重复", "duplicate")}\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "__path__", [*i18n.__path__, str(extra)])
    with pytest.raises(CatalogueError, match=r"'git.failed' is defined in both msg_edit and msg_zz_duplicate"):
        load_catalogues()
    monkeypatch.setenv(i18n.STRICT_ENV, "0")  # a user's run: the first catalogue keeps the key, nothing stops
    assert load_catalogues()["git.failed"] != ("重复", "duplicate")


def test_the_shipped_catalogues_have_no_duplicates() -> None:
    assert load_catalogues() == catalog()


def test_strict_mode_raises_on_a_missing_key_or_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEXIE_I18N_STRICT", "1")
    with pytest.raises(CatalogueError, match=r"no message 'no\.such\.key'"):
        tr("no.such.key", "zh")
    with pytest.raises(CatalogueError, match=r"'git\.bad_rev'"):
        tr("git.bad_rev", "zh")  # {rev} not given


def test_production_falls_back_gracefully(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEXIE_I18N_STRICT")
    assert tr("no.such.key", "zh") == "no.such.key"
    assert tr("git.bad_rev", "zh") == "无效的版本 {rev!r}"


def test_diff_messages_name_the_revision_and_not_at(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {})
    outside = run_cli(["diff"], root)
    assert outside.exit_code == 2
    assert outside.stderr.strip() == f"{root} 不在 Git 仓库中"  # diff has no --at option
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    bad = run_cli(["diff", "no-such-rev"], root)
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "无效的版本 'no-such-rev'"


def test_list_at_messages_mention_at(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {})
    run = run_cli(["list", "societies", "--at", "HEAD"], root)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"{root} 不在 Git 仓库中，无法使用 --at"
