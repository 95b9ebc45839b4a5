"""``kexie init [NAME]``: a new registry from nothing, ready for ``kexie import``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kexie_cli import kinds
from kexie_cli.records.loader import load_text
from kexie_cli.registry.settings import default_scope
from tests.conftest import AS_OF, run_cli

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_init_then_import_in_an_empty_folder(tmp_path: Path) -> None:
    root = tmp_path / "星河市科协台账"
    root.mkdir()
    run = run_cli(["init", "星河市科学技术协会", "--root", str(root)])
    assert run.exit_code == 0, run.stdout + run.stderr
    settings = load_text((root / "kexie.yaml").read_text(encoding="utf-8")).data
    assert settings == {"registry": "星河市科学技术协会", "scope": "全市"}
    assert sorted(p.name for p in (root / "records").iterdir()) == sorted(kinds.FOLDERS.values())
    assert ".kexie/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert (root / ".git").is_dir()
    sheet = tmp_path / "s.csv"
    sheet.write_text("学会名称,成立时间\n星河市物理学会,1965\n", encoding="utf-8")
    imported = run_cli(["import", str(sheet), "--kind", "society", "--as-of", AS_OF, "--root", str(root)])
    assert imported.exit_code == 0, imported.stdout + imported.stderr
    assert (root / "records" / "societies" / "wuli-xuehui.yaml").is_file()  # the registry's place name left out
    check = run_cli(["check", "--as-of", AS_OF, "--root", str(root)])
    assert "K0" not in check.stdout  # the folders and .gitkeep files are no findings


@needs_git
def test_init_inside_a_repository_does_not_run_git_init(tmp_path: Path) -> None:
    run_cli(["init", "外层", "--root", str(tmp_path / "outer")])
    (tmp_path / "outer" / "kexie.yaml").unlink()
    inner = tmp_path / "outer" / "河北省科协"
    run = run_cli(["init", "--root", str(inner)])
    assert run.exit_code == 0, run.stderr
    assert not (inner / ".git").exists()
    assert "已在 Git 仓库之内" in run.stdout
    assert load_text((inner / "kexie.yaml").read_text(encoding="utf-8")).data == {
        "registry": "河北省科协",
        "scope": "全省",
    }


def test_init_never_overwrites_a_registry(tmp_path: Path) -> None:
    (tmp_path / "kexie.yaml").write_text("registry: 旧台账\n", encoding="utf-8")
    for root in (tmp_path, tmp_path / "sub"):
        run = run_cli(["init", "新台账", "--root", str(root)])
        assert run.exit_code == 2
        assert "已存在" in run.stderr
    assert (tmp_path / "kexie.yaml").read_text(encoding="utf-8") == "registry: 旧台账\n"
    assert not (tmp_path / "sub").exists()


@needs_git
def test_init_beside_a_registry_by_a_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From inside a registry, ``--root ../new`` is a sibling folder, not inside it (the smoke run's case)."""
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "kexie.yaml").write_text("registry: 旧台账\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "old")
    run = run_cli(["init", "示例县科学技术协会", "--root", "../new"])
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "new" / "kexie.yaml").is_file()


@pytest.mark.parametrize(("args", "message"), [(["坏\x07名"], "控制字符"), (["甲", "--scope", "全村"], "不是可选值")])
def test_init_refuses_bad_names_and_scopes(tmp_path: Path, args: list[str], message: str) -> None:
    run = run_cli(["init", *args, "--root", str(tmp_path / "r")])
    assert run.exit_code == 2
    assert message in run.stderr
    assert not (tmp_path / "r" / "kexie.yaml").exists()


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("星河市科学技术协会", "全市"),
        ("河北省科学技术协会", "全省"),
        ("湖南省长沙县科协", "全县"),
        ("星河市东城区科协", "全区"),
    ],
)
def test_the_scope_word_follows_the_name(name: str, scope: str) -> None:
    assert default_scope(name) == scope
