"""Errors that end a command with exit code 2 (usage or environment)."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from kexie_cli.cells import cut, safe_text
from kexie_cli.i18n import tr


class KexieError(Exception):
    """A usage or environment problem, described by a catalogue key."""

    exit_code = 2  # a subclass may end the command with another code (`kexie sql` bounds: 1, docs/security.md)

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        """The message; a value from the command line or a record is cut to its start and end (a 5,000-digit
        number) and its control characters shown as escapes (a BEL typed in ``kexie show``)."""
        return tr(self.key, lang, **{k: safe_text(cut(v)) if isinstance(v, str) else v for k, v in self.params.items()})


class OutputError(KexieError):
    """Output could not be written to ``file`` (missing folder, no permission, a folder in the way ...)."""

    def __init__(self, file: Path, reason: str, detail: str) -> None:
        super().__init__("output.unwritable", file=str(file))
        self.reason = reason  # catalogue key, or "" to show the system's ``detail``
        self.detail = detail

    def render(self, lang: str) -> str:
        reason = tr(self.reason, lang) if self.reason else self.detail
        return tr(self.key, lang, file=self.params["file"], reason=reason)


_REASONS = {
    errno.ENOENT: "output.no_folder",
    errno.EACCES: "output.denied",
    errno.EPERM: "output.denied",
    errno.EROFS: "output.read_only",
    errno.EISDIR: "output.is_dir",
    errno.ENOTDIR: "output.not_dir",
    errno.EEXIST: "output.exists",
    errno.ENOSPC: "output.no_space",
}


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn an ``OSError`` while writing output to ``path`` into an :class:`OutputError` (exit 2)."""
    try:
        yield
    except OSError as exc:
        code = exc.errno or 0
        if Path(path).is_dir() and code in {errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST}:
            code = errno.EISDIR  # a temporary file renamed over a folder
        raise OutputError(Path(path), _REASONS.get(code, ""), exc.strerror or str(exc)) from exc
