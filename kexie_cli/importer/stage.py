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
import tempfile
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.outfile import replace_atomically
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR

_TEMP = re.compile(r"^\.[^/]+\.yaml\.[A-Za-z0-9_]+\.tmp$")  # outfile.replace_atomically's and ours


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

    Raises KexieError ``import.write_failed`` (exit 2) naming the file and the reason.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text, _ in writes:
            staged.append((_stage(path, text.encode("utf-8")), path))
    except OSError as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise _failed(root, path, exc) from exc
    done: list[int] = []
    try:
        for index, (tmp, path) in enumerate(staged):
            tmp.replace(path)
            done.append(index)
    except OSError as exc:
        _undo(writes, staged, done)
        raise _failed(root, path, exc) from exc
    for folder in {p.parent for _, p in staged}:
        _fsync_dir(folder)


def _stage(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            tmp.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _undo(writes: list[tuple[Path, str, str | None]], staged: list[tuple[Path, Path]], done: list[int]) -> None:
    for index, (tmp, path) in enumerate(staged):
        with contextlib.suppress(OSError):
            if index not in done:
                tmp.unlink()
            elif writes[index][2] is None:
                path.unlink()
            else:
                replace_atomically(path, str(writes[index][2]).encode("utf-8"))


def _failed(root: Path, path: Path, exc: OSError) -> KexieError:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    return KexieError("import.write_failed", file=shown, detail=exc.strerror or str(exc))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
