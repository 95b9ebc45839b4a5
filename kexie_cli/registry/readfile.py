"""Reading a record file safely: regular files only, never blocking, never more than the size limit.

Every command that reads a record file (``check``, the queries, ``fmt``, the
edit commands, ``diff``) goes through :func:`read_bounded`, so a FIFO, a
device, a folder named ``*.yaml`` or a dangling link under ``records/``
becomes a K001 finding ("file cannot be read") instead of a hang or an
out-of-memory, and a 400 MB file costs one ``stat`` instead of 400 MB.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class NotRegularFile(OSError):
    """The path is not a regular file (FIFO, socket, device, folder, dangling link): it is never read."""


def what_is(mode: int) -> str:
    """A short English name for a non-regular file type (shown as the K001 detail)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: os.PathLike[str] | str) -> os.stat_result:
    """``stat`` of ``path`` (links followed); raises :class:`NotRegularFile` unless it is a regular file."""
    try:
        info = os.stat(path)  # noqa: PTH116 - plain os calls: this runs for every file of every check
    except FileNotFoundError:
        link = Path(path)
        if link.is_symlink():
            raise NotRegularFile(errno.ENOENT, f"dangling symbolic link to {link.readlink()}") from None
        raise
    if not stat.S_ISREG(info.st_mode):
        code = errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL
        raise NotRegularFile(code, f"not a regular file: {what_is(info.st_mode)}")
    return info


def read_bounded(
    path: os.PathLike[str] | str, max_bytes: int, known_regular: bool = False, *, follow: bool = True
) -> tuple[bytes | None, int]:
    """A regular file's bytes (None when larger than ``max_bytes``) and its size.

    Raises OSError (:class:`NotRegularFile` for FIFOs, devices, folders and
    dangling links) like ``open``. The file is checked with ``stat`` before it
    is opened (unless ``known_regular``: the folder scan saw a regular file,
    not a link), and opened with ``O_NONBLOCK`` in case it was swapped for a
    FIFO in between, then checked again with ``fstat``; never more than
    ``max_bytes + 1`` bytes are read.

    ``follow=False``: a symbolic link is not followed (ELOOP), for kexie's own files (the cache).
    """
    if not known_regular and follow:
        info = check_regular(path)
        if info.st_size > max_bytes:
            return None, info.st_size
    fd = os.open(path, _FLAGS if follow else _FLAGS | getattr(os, "O_NOFOLLOW", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # replaced between the scan and the open
            raise NotRegularFile(errno.EINVAL, f"not a regular file: {what_is(opened.st_mode)}")
        if opened.st_size > max_bytes:
            return None, opened.st_size
        # one read of the whole file (and one more to see the end) in the common case
        chunks: list[bytes] = []
        left = max_bytes + 1
        want = min(left, opened.st_size + 1)
        while left > 0:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            if len(chunk) < want:  # a regular file reads short only at its end
                break
            want = min(left, 1 << 20)
    finally:
        os.close(fd)
    raw = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(raw) > max_bytes:  # grew while we read it
        return None, len(raw)
    return raw, len(raw)


def read_record_bytes(path: os.PathLike[str] | str, max_bytes: int) -> bytes:
    """The bytes of a record file for a command that needs all of them; raises :class:`FileTooLarge`."""
    raw, size = read_bounded(path, max_bytes)
    if raw is None:
        raise FileTooLarge(size, max_bytes)
    return raw


class FileTooLarge(OSError):
    """A record file over the size limit (settings ``limits.max_file_bytes``)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file too large: {size} bytes, limit {limit}")
        self.size = size
        self.limit = limit
