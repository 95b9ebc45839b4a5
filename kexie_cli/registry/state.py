"""kexie's own working files in a registry: the folder ``.kexie/`` at the root.

It holds the edit lock (``.kexie/lock``) and the check cache
(``.kexie/cache/``), and its own ``.gitignore`` (``*``) so that
``git add -A`` never commits any of it. A registry comes from many hands, so
the folder (and each folder in it) is used only when it is a real folder
owned by the user running kexie: a symbolic link (``.kexie -> ../victim``) or
someone else's folder is never written to nor deleted from. The cache then
warns once and the run goes on without it; an edit, which needs the lock,
stops with exit 2.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import warnings
from pathlib import Path

from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr

STATE_DIR = ".kexie"
GITIGNORE = b"# created by kexie: its working files (lock, cache) are never committed\n*\n"


class UnsafeState(KexieError):
    """``.kexie/`` (or a folder in it) is a link, not a folder, or not the user's."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("state.unsafe", path=str(path))
        self.reason = reason

    def render(self, lang: str) -> str:
        return tr(self.key, lang, path=self.params["path"], reason=tr(self.reason, lang))


class StateWarning(UserWarning):
    """A warning the command line shows in the user's language (``error.render(lang)``)."""

    def __init__(self, error: KexieError) -> None:
        super().__init__(error.key)
        self.error = error


def _check(path: Path) -> bool:
    """True when ``path`` is a usable folder; False when it does not exist; raises UnsafeState otherwise."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeState(path, "state.link")
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeState(path, "state.not_dir")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise UnsafeState(path, "state.not_owner")
    return True


def folders(root: Path, *parts: str) -> list[Path]:
    """``.kexie`` and each folder below it down to ``.kexie/<parts>``."""
    out = [root / STATE_DIR]
    for part in parts:
        out.append(out[-1] / part)
    return out


def check(root: Path, *parts: str) -> Path:
    """``<root>/.kexie/<parts>`` (which may not exist yet); raises UnsafeState when a folder on the way is unsafe."""
    chain = folders(root, *parts)
    for folder in chain:
        if not _check(folder):
            break
    return chain[-1]


def ensure(root: Path, *parts: str) -> Path:
    """Create ``<root>/.kexie/<parts>`` as needed (with ``.kexie/.gitignore``); raises UnsafeState."""
    chain = folders(root, *parts)
    for folder in chain:
        if not _check(folder):
            with contextlib.suppress(FileExistsError):  # another run made it: checked below
                folder.mkdir()
            _check(folder)
        if folder == chain[0]:
            _gitignore(folder)
    return chain[-1]


def usable(root: Path, *parts: str) -> bool:
    """Whether ``.kexie/<parts>`` may be used; when not, one :class:`StateWarning` (shown by the command line)."""
    try:
        check(root, *parts)
    except UnsafeState as exc:
        warnings.warn(StateWarning(exc), stacklevel=2)
        return False
    return True


def _gitignore(folder: Path) -> None:
    path = folder / ".gitignore"
    if os.path.lexists(path):
        return
    fd, name = tempfile.mkstemp(prefix=".gitignore.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(GITIGNORE)
        Path(name).chmod(0o666 & ~_umask())
        Path(name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(name).unlink()
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
