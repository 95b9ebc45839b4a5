"""Reading a registry's files at a Git revision (``git ls-tree`` + one ``git cat-file --batch``)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.records.loader import DEFAULT_MAX_BYTES
from kexie_cli.registry.layout import RECORDS_DIR, name_text, record_files
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


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """A blob of a Git tree: its path (as text, see :func:`~kexie_cli.registry.layout.name_text`), id and size."""

    path: str
    sha: str
    size: int
    link: bool = False  # mode 120000: a committed symbolic link (its content is the target)


def tree_blobs(root: Path, rev: str, *paths: str, full_name: bool = False) -> list[TreeEntry]:
    """Every blob under ``paths`` at ``rev`` with its size, from one NUL-separated ``git ls-tree -r -z -l``.

    Names are never parsed line by line (a newline is a valid character in a Git file name), are
    decoded without failing when they are not UTF-8, and contents are then read by blob id, never by
    name: a crafted name cannot make another object look like a record (issue 28).
    """
    listing = git(root, "ls-tree", "-r", "-z", "-l", *(["--full-name"] if full_name else []), rev, "--", *paths)
    out: list[TreeEntry] = []
    for entry in listing.split(b"\0"):
        meta, tab, name = entry.partition(b"\t")
        parts = meta.split()
        if tab and len(parts) == 4 and parts[1] == b"blob" and parts[3].isdigit():
            out.append(TreeEntry(name_text(name), parts[2].decode("ascii"), int(parts[3]), parts[0] == b"120000"))
    return out


def rev_snapshot(root: Path, rev: str, folder: str = RECORDS_DIR, max_bytes: int = DEFAULT_MAX_BYTES) -> Snapshot:
    """Every file under ``folder`` at ``rev``, by registry-relative path (None: over ``max_bytes``)."""
    blobs: list[TreeEntry] = []
    too_large: list[str] = []
    for entry in tree_blobs(root, resolve(root, rev), f"{folder}/"):
        if entry.size > max_bytes:
            too_large.append(entry.path)  # never read into memory
        else:
            blobs.append(entry)
    contents = cat_blobs(root, [entry.sha for entry in blobs])
    out: Snapshot = {entry.path: contents.get(entry.sha) for entry in blobs}
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


def show_file(root: Path, rev: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | None:
    """One file at ``rev`` (None when it does not exist there); raises :class:`BlobTooLarge` over ``max_bytes``.

    The size is asked first (``git cat-file -s``), as ``diff`` does: a 300 MB blob is never read.
    """
    try:
        size = int(git(root, "cat-file", "-s", f"{rev}:./{path}").strip() or b"0")
    except (KexieError, ValueError):
        return None
    if size > max_bytes:
        raise BlobTooLarge(path, size, max_bytes)
    try:
        return git(root, "show", f"{rev}:./{path}")
    except KexieError:
        return None


class BlobTooLarge(Exception):
    """A file at a revision is over the size limit: it is not read (``log`` says so)."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(path)
        self.path, self.size, self.limit = path, size, limit


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
    names = [name_text(n) for n in (diffed + b"\0" + untracked).split(b"\0") if n]
    return sorted(set(names))
