"""``kexie init``: a new, empty registry in a folder — ``kexie.yaml``, the record folders, ``.gitignore``, Git.

Nothing that exists is overwritten: a folder that already has a ``kexie.yaml`` (or lies inside a
registry) is refused. The folder becomes a Git repository unless it is inside one already; without
Git installed the registry is made all the same and the result says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.outfile import make_folder, write_bytes
from kexie_cli.registry.gitio import git
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR, SETTINGS_FILE
from kexie_cli.registry.settings import SCOPES, default_scope

MAX_NAME = 100
_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
SETTINGS_TEXT = """\
# {name} 组织台账 —— kexie 设置文件（kexie init 生成）
# 本文件所在目录即台账根目录；records/ 下为各类记录。其余设置项见 kexie schema settings。

registry: {name}  # 显示在报表标题和函件抬头中
scope: {scope}  # 台账覆盖的范围，用于报表措辞
"""
GITIGNORE = """\
# kexie 的工作文件（编辑锁、检查缓存）
.kexie/
# Excel / WPS 打开文件时留下的临时文件
~$*
.~*#
"""


@dataclass(slots=True)
class InitResult:
    root: str
    name: str
    scope: str
    created: list[str] = field(default_factory=list)  # paths relative to the root
    git: str = "created"  # created | existing (inside a repository already) | missing (no git installed)


def init_registry(folder: Path, name: str | None, scope: str | None) -> InitResult:
    """Make ``folder`` a registry named ``name`` (default: the folder's name)."""
    folder = folder.resolve()  # "../new" from inside a registry is beside it, not in it
    for parent in (folder, *folder.parents):
        if (parent / SETTINGS_FILE).is_file():
            raise KexieError("init.exists", file=str(parent / SETTINGS_FILE))
    name = (name if name is not None else folder.name).strip()
    if not name or len(name) > MAX_NAME or _BAD.search(name) or "\n" in name:
        raise KexieError("init.bad_name", limit=MAX_NAME)
    scope = scope or default_scope(name)
    if scope not in SCOPES:
        raise KexieError("init.bad_scope", scope=scope[:20], scopes="、".join(SCOPES))
    result = InitResult(str(folder), name, scope)
    make_folder(folder)
    git_state = _git_state(folder)
    for kind_folder in KIND_FOLDERS.values():
        keep = folder / RECORDS_DIR / kind_folder / ".gitkeep"  # Git keeps no empty folder
        make_folder(keep.parent)
        write_bytes(keep, b"")
        result.created.append(f"{RECORDS_DIR}/{kind_folder}/")
    if not (folder / ".gitignore").exists():
        write_bytes(folder / ".gitignore", GITIGNORE.encode("utf-8"))
        result.created.append(".gitignore")
    write_bytes(folder / SETTINGS_FILE, SETTINGS_TEXT.format(name=_yaml_text(name), scope=scope).encode("utf-8"))
    result.created.insert(0, SETTINGS_FILE)
    if git_state == "none":
        git(folder, "init", "--quiet")
        result.git = "created"
    else:
        result.git = git_state
    return result


def _git_state(folder: Path) -> str:
    """``existing`` inside a Git work tree, ``none`` outside one, ``missing`` without Git."""
    try:
        git(folder, "rev-parse", "--is-inside-work-tree")
    except KexieError as exc:
        return "missing" if exc.key == "git.missing" else "none"
    return "existing"


def _yaml_text(name: str) -> str:
    """The name as a YAML scalar: plain when safe, else double-quoted."""
    if re.fullmatch(r"[^\s#:'\"{}\[\],&*!|>%@`\-?][^#:]*", name) and not name.endswith(" "):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
