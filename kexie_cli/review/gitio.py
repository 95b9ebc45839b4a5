"""Reading a registry's files at a Git revision (``git ls-tree`` + one ``git cat-file --batch``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.registry.layout import RECORDS_DIR, record_files

Snapshot = dict[str, bytes]  # registry-relative path -> file bytes


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``root``; a failure is a usage/environment error."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise KexieError("git.missing") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise KexieError("git.failed", detail=detail[-1] if detail else f"git {args[0]}")
    return done.stdout


def ensure_repo(root: Path) -> None:
    try:
        git(root, "rev-parse", "--git-dir")
    except KexieError as exc:
        if exc.key == "git.missing":
            raise
        raise KexieError("git.not_repo", root=str(root)) from None


def resolve(root: Path, rev: str) -> str:
    """The commit id of ``rev`` (a revision starting with ``-`` would be read as a git option: refused)."""
    if not rev or rev.startswith("-"):
        raise KexieError("git.bad_rev", rev=rev)
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except KexieError:
        raise KexieError("git.bad_rev", rev=rev) from None


def rev_snapshot(root: Path, rev: str, folder: str = RECORDS_DIR) -> Snapshot:
    """Every file under ``folder`` at ``rev``, by registry-relative path."""
    listing = git(root, "ls-tree", "-r", "-z", resolve(root, rev), "--", f"{folder}/")
    blobs: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == b"blob":
            blobs.append((name.decode("utf-8", errors="surrogateescape"), parts[2].decode()))
    contents = cat_blobs(root, [sha for _, sha in blobs])
    return {name: contents[sha] for name, sha in blobs}


def cat_blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """Blob contents by id, read with a single ``git cat-file --batch``."""
    if not shas:
        return {}
    unique = list(dict.fromkeys(shas))
    raw = git(root, "cat-file", "--batch", stdin=("\n".join(unique) + "\n").encode())
    out: dict[str, bytes] = {}
    pos = 0
    for sha in unique:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        out[sha] = raw[pos : pos + size]
        pos += size + 1
    return out


def show_file(root: Path, rev: str, path: str) -> bytes | None:
    """One file at ``rev`` (None when it does not exist there)."""
    try:
        return git(root, "show", f"{rev}:./{path}")
    except KexieError:
        return None


def worktree_snapshot(root: Path) -> Snapshot:
    """Every file under records/ as it is on disk."""
    out: Snapshot = {}
    for file in record_files(root):
        try:
            out[file.relpath] = file.path.read_bytes()
        except OSError:
            continue
    return out


def changed_paths(root: Path, rev: str) -> list[str]:
    """Registry-relative files that differ from ``rev`` in the work tree (staged or not), plus untracked ones."""
    resolve(root, rev)
    diffed = git(root, "diff", "--name-only", "-z", "--relative", rev, "--")
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z")
    names = [n.decode("utf-8", errors="surrogateescape") for n in (diffed + b"\0" + untracked).split(b"\0") if n]
    return sorted(set(names))
