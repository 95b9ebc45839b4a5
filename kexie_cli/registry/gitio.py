"""Reading a registry's files at a Git revision (``git ls-tree`` + one ``git cat-file --batch``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.records.loader import DEFAULT_MAX_BYTES
from kexie_cli.registry.layout import RECORDS_DIR, record_files
from kexie_cli.registry.readfile import read_bounded

Snapshot = dict[str, bytes | None]  # registry-relative path -> file bytes (None: cannot be read, or too large)


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


def rev_snapshot(root: Path, rev: str, folder: str = RECORDS_DIR, max_bytes: int = DEFAULT_MAX_BYTES) -> Snapshot:
    """Every file under ``folder`` at ``rev``, by registry-relative path (None: over ``max_bytes``)."""
    listing = git(root, "ls-tree", "-r", "-z", "-l", resolve(root, rev), "--", f"{folder}/")
    blobs: list[tuple[str, str]] = []
    too_large: list[str] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) == 4 and parts[1] == b"blob":
            path = name.decode("utf-8", errors="surrogateescape")
            if parts[3].isdigit() and int(parts[3]) > max_bytes:
                too_large.append(path)  # never read into memory
            else:
                blobs.append((path, parts[2].decode()))
    contents = cat_blobs(root, [sha for _, sha in blobs])
    out: Snapshot = {name: contents.get(sha) for name, sha in blobs}
    out.update(dict.fromkeys(too_large))
    return out


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


def worktree_snapshot(root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Snapshot:
    """Every file under records/ as it is on disk (None: unreadable, not a regular file, or too large)."""
    out: Snapshot = {}
    for file in record_files(root):
        try:
            out[file.relpath] = read_bounded(file.path, max_bytes)[0]
        except OSError:
            out[file.relpath] = None
    return out


def changed_paths(root: Path, rev: str) -> list[str]:
    """Registry-relative files that differ from ``rev`` in the work tree (staged or not), plus untracked ones."""
    resolve(root, rev)
    diffed = git(root, "diff", "--name-only", "-z", "--relative", rev, "--")
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "-z")
    names = [n.decode("utf-8", errors="surrogateescape") for n in (diffed + b"\0" + untracked).split(b"\0") if n]
    return sorted(set(names))
