"""The one way ``-o`` / ``--output`` files are written.

Every writer (tables, reports, xlsx, ics, letters, export) builds its bytes
in memory and hands them to :func:`write_bytes`, which

- refuses a target inside a registry's ``records/``, ``schemas/``,
  ``templates/``, ``.git/`` or ``.kexie/`` folder, or equal to its
  ``kexie.yaml`` (any registry found by walking up from the target, so
  ``--root`` and the working directory do not matter), and an existing
  target that is not a regular file (a device, a FIFO, a socket, a folder);
- writes a temporary file in the target's folder and renames it over the
  target, so a reader never sees half a file and a failed write leaves the
  old file as it was and no temporary file behind;
- gives a new file the permissions of the umask (0644 under 022), an
  existing file keeps its own;
- turns an ``OSError`` (no space left, no permission ...) into an
  :class:`~kexie_cli.errors.OutputError`: one clear message, exit 2.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from kexie_cli.errors import OutputError, writing

SETTINGS_FILE = "kexie.yaml"
PROTECTED_FOLDERS = ("records", "schemas", "templates", ".git", ".kexie")


def check_target(path: Path, *, folder: bool = False) -> Path:
    """The absolute path output for ``path`` goes to; raises OutputError when it must not be written.

    ``folder``: the target is a folder to write files into (``letters``, ``export --format csv``).
    """
    path = Path(path)
    target = Path(os.path.abspath(path)).resolve()  # noqa: PTH100 - keep a relative path's meaning
    for parent in target.parents:
        if (parent / SETTINGS_FILE).is_file():
            inside = target.relative_to(parent).parts
            if inside == (SETTINGS_FILE,) or (inside and inside[0] in PROTECTED_FOLDERS):
                raise OutputError(path, "output.protected", "")
    try:
        mode = target.stat().st_mode
    except OSError:
        return target  # not there yet (or not reachable: the write will say why)
    if stat.S_ISDIR(mode):
        if not folder:
            raise OutputError(path, "output.is_dir", "")
    elif folder:
        raise OutputError(path, "output.exists", "")
    elif not stat.S_ISREG(mode):
        raise OutputError(path, "output.not_regular", "")
    return target


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (see the module docstring)."""
    target = check_target(Path(path))
    with writing(path):
        replace_atomically(target, data)


def replace_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temporary file in the same folder, fsync, rename, fsync of the folder.

    The one atomic write of kexie: output files (:func:`write_bytes`), record edits,
    ``fmt`` and ``import``. A file that exists keeps its permissions; a new one follows
    the umask. On any failure (a full disk) the temporary file is removed and ``path``
    is as it was.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # a share that keeps no modes: the write still counts
            tmp.chmod(_mode_for(path))
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    """``text`` as UTF-8 (with a byte-order mark for CSV that Excel opens) through :func:`write_bytes`."""
    write_bytes(path, (("\ufeff" + text) if bom else text).encode("utf-8"))


def make_folder(path: Path) -> Path:
    """Check and create an output folder; returns its absolute path."""
    target = check_target(path, folder=True)
    with writing(path):
        target.mkdir(parents=True, exist_ok=True)
    return target


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
