"""Answers remembered by the state of the registry: a reading command asked again of an unchanged registry.

``kexie check`` answers a run over unchanged files from its run memo. The
reading commands (``list``, ``summary``, ``report`` ...) do the same here: the
answer of one run (what it wrote to stdout and stderr, the ``-o`` files it
wrote and its exit code) is kept in ``.kexie/cache/answer-<key>.bin`` under a
key made of

- everything the command was asked (the command, its options, the working
  folder, the day, the language, the terminal and the environment: the
  command line's part, :mod:`kexie_cli.cli.answered`), kexie's code, and
- the *state* of the registry (:func:`registry_state`): the name and the
  stat data (type, size, mtime, ctime, inode) of every entry below
  ``records/``, ``schemas/`` and ``templates/``, of ``kexie.yaml``, and the
  Git commit ``HEAD`` names (the comparisons of ``report`` read history). While ``kexie monitor``
  (or ``kexie serve``) watches the registry, its token stands for the entries' stat data
  (:mod:`kexie_cli.registry.monitor`): one question over a local socket instead of a ``stat`` per file.

The state is Git's index rule applied to the whole registry (docs/performance.md,
"Decided: stat data with the racy guard"): an edit changes a file's size, mtime
or ctime (a ``rename`` its inode), so a changed registry never matches. An
answer is kept only when it is not *racily clean*: every file's mtime is older
than the second in which the state was taken; a file changed in that second
could change again within the file system's time stamp granularity without its
stat data showing it, so such a state is never remembered (the next run in a
later second is).

Entries are signed packs, as the check cache's (:func:`kexie_cli.validate.cache.write_pack`);
the newest :data:`KEEP` are kept. No cache (``.kexie/`` unusable, no signing key) means no answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG
from typing import Any

from kexie_cli.registry import monitor, state
from kexie_cli.registry.layout import CONFIG_FOLDERS, SETTINGS_FILE, STATE_FOLDERS, folder_stats, link_target
from kexie_cli.validate.cache import CACHE_DIR, _secret, read_pack, write_pack
from kexie_cli.validate.statindex import SECOND_NS, racily_clean

VERSION = 1
KEEP = 16  # answers kept (the newest by mtime)
MAX_BYTES = 64 * 1024 * 1024  # a larger answer (stdout, stderr and files together) is not kept
KEEP_BYTES = 256 * 1024 * 1024  # the kept answers together (the newest is kept whatever its size)

#: variables that make Git use another repository, index or history than the one found from ``root``
GIT_PLACES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CEILING_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_REPLACE_REF_BASE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_CONFIG",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_SYSTEM",
    "GIT_CONFIG_COUNT",
)

#: stdout, stderr
STDOUT, STDERR = 1, 2


@dataclass(slots=True)
class Answer:
    """What one run of a reading command did: its output in order, its ``-o`` files and its exit code."""

    chunks: list[tuple[int, bytes]] = field(default_factory=list)  # (STDOUT or STDERR, bytes) in the order written
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (absolute path, bytes) written through outfile
    code: int = 0

    def size(self) -> int:
        return sum(len(b) for _, b in self.chunks) + sum(len(b) for _, b in self.files)


@dataclass(frozen=True, slots=True)
class State:
    """A registry's state: the digest of its entries' names and stat data, and whether it may be remembered."""

    digest: str
    racy: bool  # an entry changed in the second the state was taken (or later): never remembered


def registry_state(root: Path, *, git: bool = True) -> State | None:
    """The state of the registry at ``root`` (see the module docstring); None when it cannot be told.

    ``git``: with what Git's ``HEAD`` names (``kexie check`` reads no history: without).
    """
    taken = time.time_ns()
    entries: list[Any] = []
    watched = monitor.ask(root)
    if watched is not None:  # kexie monitor runs: its token instead of every entry's stat data
        entries.append([["monitor", watched], []])
    else:
        for folder in STATE_FOLDERS:
            _walk(str(root / folder), folder, entries)
    try:
        st = os.lstat(root / SETTINGS_FILE)
    except OSError:
        return None
    newest = max((data[2] for _, stats in entries for data in stats), default=0)
    entries.append([[SETTINGS_FILE], [_data(st)]])
    if git:
        head = git_state(root)
        if head is None:
            return None
        entries.append([["git", head], []])
    digest = hashlib.blake2b(marshal.dumps(entries), digest_size=20).hexdigest()
    # the watch sees every change, however soon after the last: never racy
    racy = watched is None and racily_clean(max(newest, st.st_mtime_ns), taken)
    return State(digest, racy)


#: (mode, size, mtime, ctime, inode): what tells an entry changed (mtime third: the racy rule reads it)
Data = tuple[int, int, int, int, int]
GONE: Data = (0, 0, SECOND_NS * 10**10, 0, 0)  # an entry gone while it was looked at: never remembered


def _data(st: os.stat_result) -> Data:
    return (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _walk(folder: str, rel: str, out: list[Any]) -> None:
    """Append ``[[rel, names...], [data...]]`` of the folder ``folder``, then of each folder below it.

    The record listing's walk (:func:`kexie_cli.registry.layout.folder_stats`): hidden entries are
    skipped as there; a link is noted with its target, never entered. A path that is not a folder
    notes its own stat data, if any.
    """
    try:
        names, stats = folder_stats(folder)
    except OSError:
        with contextlib.suppress(OSError):
            st = os.lstat(folder)
            out.append([[rel, link_target(folder) if S_ISLNK(st.st_mode) else None], [_data(st)]])
        return
    present = [st for st in stats if st is not None]
    if len(present) != len(names):  # an entry gone since it was listed: this state is never remembered
        out.append([[rel], [GONE]])
        return
    out.append([[rel, *names], [_data(st) for st in present]])
    for name, st in zip(names, present, strict=True):
        if S_ISDIR(st.st_mode):
            _walk(folder + os.sep + name, rel + "/" + name, out)
        elif S_ISLNK(st.st_mode):
            out.append([[rel, name, link_target(folder + os.sep + name)], []])


def shipped_state(data: Path | None = None) -> str:
    """The digest of kexie's own schemas and templates (``kexie_cli/_data``): not in the code fingerprint,
    which hashes the ``.py`` files only, yet a letter or a report reads them."""
    entries: list[Any] = []
    data = data if data is not None else Path(__file__).resolve().parent.parent / "_data"
    for folder in CONFIG_FOLDERS:
        _walk(str((data / folder).resolve()), folder, entries)
    return hashlib.blake2b(marshal.dumps(entries), digest_size=16).hexdigest()


def git_state(root: Path) -> str | None:
    """What ``HEAD`` of the Git repository holding ``root`` names, read from its files ("" without Git).

    None when it cannot be told this way (``GIT_DIR`` and the like set, an unreadable ``.git``):
    then no answer is remembered. (Every other ``GIT_*`` variable is part of the key.)
    """
    if any(name in os.environ for name in GIT_PLACES):
        return None
    for folder in (root, *root.parents):
        dot = folder / ".git"
        try:
            st = os.lstat(dot)
        except FileNotFoundError:
            continue
        except OSError:
            return None
        if S_ISDIR(st.st_mode):
            return _head(dot)
        if S_ISREG(st.st_mode):  # a worktree or a submodule: "gitdir: <path>"
            text = _read(dot)
            if text is None or not text.startswith("gitdir:"):
                return None
            return _head((folder / text[len("gitdir:") :].strip()).resolve())
        return None
    return ""


def _head(gitdir: Path) -> str | None:
    head = _read(gitdir / "HEAD")
    if head is None:
        return None
    head = head.strip()
    common = gitdir
    shared = _read(gitdir / "commondir")
    if shared is not None:
        common = (gitdir / shared.strip()).resolve()
    commit = head
    if head.startswith("ref: "):
        ref = head[len("ref: ") :]
        commit = _read(gitdir / ref) or _read(common / ref) or _packed(common / "packed-refs", ref) or "unborn"
    index = None
    with contextlib.suppress(OSError):
        st = (gitdir / "index").stat()
        index = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return f"{head}\n{commit.strip()}\n{index}"


def _packed(path: Path, ref: str) -> str | None:
    text = _read(path)
    for line in (text or "").splitlines():
        sha, _, name = line.partition(" ")
        if name == ref:
            return sha
    return None


def _read(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return handle.read(1 << 16).decode("utf-8", errors="replace")
    except OSError:
        return None


class Answers:
    """The remembered answers of one registry (``.kexie/cache/answer-*.bin``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.secret = _secret() if state.usable(root, "cache") else None

    def key(self, asked: str, current: State) -> str:
        text = f"answers={VERSION}\n{asked}\nstate={current.digest}"
        return hashlib.blake2b(text.encode("utf-8", errors="surrogateescape"), digest_size=20).hexdigest()

    def get(self, key: str) -> Answer | None:
        if self.secret is None:
            return None
        found = read_pack(self.secret, self.folder / f"answer-{key}.bin")
        try:
            chunks = [(int(s), bytes(b)) for s, b in found["chunks"]]
            files = [(str(p), bytes(b)) for p, b in found["files"]]
            return Answer(chunks, files, int(found["code"]))
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, answer: Answer) -> None:
        """Keep ``answer`` (unless it is too large); errors only mean it is not kept."""
        if self.secret is None or answer.size() > MAX_BYTES:
            return
        try:
            if state.ensure(self.root, "cache") != self.folder:
                return
            content = {"chunks": answer.chunks, "files": answer.files, "code": answer.code}
            write_pack(self.secret, self.folder / f"answer-{key}.bin", content)
            self._prune()
        except (OSError, state.UnsafeState):
            return

    def _prune(self) -> None:
        """Keep the :data:`KEEP` newest answers, and of those no more than :data:`KEEP_BYTES` together."""
        found = []
        for path in self.folder.glob("answer-*.bin"):
            with contextlib.suppress(OSError):
                st = path.stat()
                found.append((st.st_mtime_ns, st.st_size, path))
        found.sort(reverse=True)
        total = 0
        for index, (_, size, path) in enumerate(found):
            total += size
            if index >= KEEP or (index > 0 and total > KEEP_BYTES):
                with contextlib.suppress(OSError):
                    path.unlink()
