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
import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kexie_cli.errors import OutputError, writing

SETTINGS_FILE = "kexie.yaml"
PROTECTED_FOLDERS = ("records", "schemas", "templates", ".git", ".kexie")

#: the output files written while :func:`recording` is on: (absolute path, bytes), in order
_RECORDERS: list[list[tuple[str, bytes]]] = []


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[str, bytes]]]:
    """Note every file :func:`write_bytes` and :func:`write_all` write meanwhile (a remembered answer's
    ``-o`` files, :mod:`kexie_cli.cli.answered`)."""
    written: list[tuple[str, bytes]] = []
    _RECORDERS.append(written)
    try:
        yield written
    finally:
        _RECORDERS.remove(written)


def _note(target: Path, data: bytes) -> None:
    for written in _RECORDERS:
        written.append((str(target), data))


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
    _note(target, data)


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every ``(path, data)`` or none: each staged as a temporary file first, then all renamed.

    A failure while staging (a full disk at the 7th letter) removes the staged files: ``-o`` gets
    nothing of this run. The renames that follow are single ``rename`` calls.
    """
    targets = [(check_target(Path(path)), Path(path), data) for path, data in files]
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    try:
        for target, shown, data in targets:
            with writing(shown):
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                staged.append((Path(name), target))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                with contextlib.suppress(OSError):
                    Path(name).chmod(_mode_for(target))
        for (tmp, target), (_, shown, _) in zip(staged, targets, strict=True):
            with writing(shown):
                tmp.replace(target)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    for folder in {target.parent for target, _, _ in targets}:
        _fsync_dir(folder)
    for target, _, data in targets:
        _note(target, data)


def replace_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temporary file in the same folder, fsync, rename, fsync of the folder.

    The one atomic write of kexie: output files (:func:`write_bytes`), record edits,
    ``fmt`` and ``import``. A file that exists keeps its permissions; a new one follows
    the umask. On any failure (a full disk) the temporary file is removed and ``path``
    is as it was.

    A file under a registry's ``records/`` (the folder next to a ``kexie.yaml``) is written
    through folder handles opened without following links (:func:`_registry_folders`): a
    folder on the way that is a symbolic link, or is swapped for one while the file is
    written, fails with ELOOP and nothing is written, or left, outside the registry.
    """
    inside = _registry_folders(path)
    if inside is not None and os.open in os.supports_dir_fd:
        _replace_below(inside[0], inside[1], path.name, data)
        return
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
        if inside is not None:  # no dir_fd support (Windows): check again before the rename
            _refuse_links(*inside)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


class LinkedFolderError(OSError):
    """A folder between a registry's root and a record file is a symbolic link (K007): nothing is written."""

    def __init__(self, folder: Path) -> None:
        super().__init__(errno.ELOOP, f"{folder.as_posix()} is a symbolic link (K007)")
        self.folder = folder


def _registry_folders(path: Path) -> tuple[Path, tuple[str, ...]] | None:
    """(registry root, folders from the root to ``path``'s folder) when ``path`` is below a registry's records/."""
    path = Path(os.path.abspath(path))  # noqa: PTH100 - lexical: links are what we look for
    for parent in path.parents:
        if parent.name == "records" and (parent.parent / SETTINGS_FILE).is_file():
            return parent.parent, path.parent.relative_to(parent.parent).parts
    return None


def _refuse_links(root: Path, parts: tuple[str, ...]) -> None:
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            raise LinkedFolderError(here.relative_to(root))


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _replace_below(root: Path, parts: tuple[str, ...], name: str, data: bytes) -> None:
    """:func:`replace_atomically` through folder handles: each folder below ``root`` opened with O_NOFOLLOW."""
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for depth, part in enumerate(parts):
            parent, fd = fd, -1
            try:
                fd = _open_folder(parent, part, root, parts[: depth + 1])
            finally:
                os.close(parent)
        tmp = stage_at(fd, name, data)
        try:
            os.rename(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=fd)
            raise
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        if fd >= 0:
            os.close(fd)


def stage_at(folder: int, name: str, data: bytes) -> str:
    """Write ``data`` to a new hidden temporary file in the open ``folder`` (synced, with the mode ``name``
    has or would get); its name. Nothing is left behind on failure. The caller renames it into place."""
    tmp = f".{name}.{secrets.token_hex(6)}.tmp"
    mode = _mode_at(folder, name)
    out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600, dir_fd=folder)
    try:
        with os.fdopen(out, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            with contextlib.suppress(OSError):  # a share that keeps no modes: the write still counts
                os.fchmod(handle.fileno(), mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        raise
    return tmp


def _open_folder(parent: int, part: str, root: Path, rel: tuple[str, ...]) -> int:
    """Folder ``part`` inside the open folder ``parent`` (created when missing), opened without following a link."""
    try:
        try:
            return os.open(part, _DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, dir_fd=parent)
            return os.open(part, _DIR_FLAGS, dir_fd=parent)
    except OSError as exc:
        if exc.errno in {errno.ELOOP, errno.ENOTDIR} and os.path.islink(root.joinpath(*rel)):  # noqa: PTH114
            raise LinkedFolderError(Path(*rel)) from None
        raise


def _mode_at(folder: int, name: str) -> int:
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode & 0o777
    except OSError:
        return 0o666 & ~current_umask()


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


#: characters no file name may hold on Windows (and "/" nowhere): their full-width look-alikes
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in '<>:"/\\|?*'})
#: names Windows reserves whatever the extension (CON, CON.docx ...)
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}
NAME_BYTES = 150  # a file name's stem at most: 255 bytes (ext4, APFS) less room for the suffix and a temporary name


def safe_file_name(text: str, max_bytes: int = NAME_BYTES) -> str:
    """``text`` as a file name stem every file system takes (the caller adds the suffix).

    NFC; characters Windows refuses become their full-width look-alikes (``/`` → ``／``), control
    characters and line breaks a space; no leading dot or dash, no trailing dot or space; a name
    Windows reserves (``CON``, ``LPT1`` ...) gets a ``_``; at most ``max_bytes`` of UTF-8, cut
    between characters. Empty text gives ``_``.
    """
    import unicodedata  # noqa: PLC0415 - only when a file is named after data

    name = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH)
    name = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in name)
    name = " ".join(name.split())
    while len(name.encode("utf-8")) > max_bytes:
        name = name[:-1]
    name = name.lstrip(".-").rstrip(". ")
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name or "_"
