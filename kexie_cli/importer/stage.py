"""All-or-nothing writes of an import: every file staged first, then renamed in one pass.

A disk that fills up at the 8th of 300 files, or any other failure while staging, leaves
the registry as it was (the staged files are removed) and the import says that nothing was
written. A failure during the renames (rare: each is one ``rename``) puts back what was
renamed: new files are removed, updated ones get their old text again. Temporary files that
a killed run left in ``records/`` (kexie's own ``.<file>.<random>.tmp`` names) are removed
by the next import, under the registry lock.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.outfile import stage_at
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR, refuse_linked

# the temporary names of outfile.replace_atomically, and ours
_TEMP = re.compile(r"^\.[^/]+\.yaml\.[A-Za-z0-9_]+\.tmp$")


def remove_stale(root: Path) -> list[str]:
    """Remove temporary files a killed write left in the kind folders; their paths (relative to ``root``)."""
    removed = []
    for folder in KIND_FOLDERS.values():
        path = root / RECORDS_DIR / folder
        if not path.is_dir() or path.is_symlink():
            continue
        for entry in os.scandir(path):
            if _TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)  # noqa: PTH108 - the scandir entry's path
                    removed.append(f"{RECORDS_DIR}/{folder}/{entry.name}")
    return sorted(removed)


def write_all(root: Path, writes: list[tuple[Path, str, str | None]]) -> None:
    """Write every ``(path, new text, old text or None for a new file)``, or none of them.

    Each kind folder is opened once, without following links (a folder that is, or becomes, a
    symbolic link is refused: K007), and every file is staged and renamed through that handle.
    Raises KexieError ``import.write_failed`` (exit 2) naming the file and the reason.
    """
    for path, _, _ in writes:
        refuse_linked(root, path)
    folders: dict[Path, int] = {}
    staged: list[tuple[int, str, str]] = []  # (folder handle, temporary name, name)
    path = root
    try:
        try:
            for path, text, _ in writes:
                if path.parent not in folders:
                    folders[path.parent] = _open_folders(root, path.parent.relative_to(root).parts)
                fd = folders[path.parent]
                staged.append((fd, stage_at(fd, path.name, text.encode("utf-8")), path.name))
        except OSError as exc:
            for fd, tmp, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp, dir_fd=fd)
            raise _failed(root, path, exc) from exc
        done = 0
        try:
            for fd, tmp, name in staged:
                os.rename(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
                done += 1
        except OSError as exc:
            _undo(writes, staged, done)
            raise _failed(root, writes[done][0], exc) from exc
        for fd in folders.values():
            with contextlib.suppress(OSError):
                os.fsync(fd)
    finally:
        for fd in folders.values():
            os.close(fd)


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _open_folders(root: Path, parts: tuple[str, ...]) -> int:
    """A handle on ``root/parts…``, each folder opened without following a link (created when missing)."""
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    for part in parts:
        parent = fd
        try:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, dir_fd=parent)
            fd = os.open(part, _DIR_FLAGS, dir_fd=parent)
        finally:
            os.close(parent)
    return fd


def _undo(writes: list[tuple[Path, str, str | None]], staged: list[tuple[int, str, str]], done: int) -> None:
    """Put back what the renames changed: new files removed, updated files given their old text."""
    for index, (fd, tmp, name) in enumerate(staged):
        with contextlib.suppress(OSError):
            if index >= done:
                os.unlink(tmp, dir_fd=fd)
            elif writes[index][2] is None:
                os.unlink(name, dir_fd=fd)
            else:
                back = stage_at(fd, name, str(writes[index][2]).encode("utf-8"))
                os.rename(back, name, src_dir_fd=fd, dst_dir_fd=fd)


def _failed(root: Path, path: Path, exc: OSError) -> KexieError:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    return KexieError("import.write_failed", file=shown, detail=exc.strerror or str(exc))
