"""A reading command asked again of an unchanged registry answers from what it answered before.

``@answered()`` goes on a reading command (``list``, ``summary``, ``report`` ...). Before the command
runs, the registry's state is taken (:func:`kexie_cli.validate.answers.registry_state`: the stat
data of every file, the settings, the schemas and templates, Git's ``HEAD``) and joined with
everything the command was asked: its options, the working folder, today's date, the language,
whether stdout and stderr are terminals and how wide, the environment variables that change
output, and kexie's code. When an answer is remembered under that key, it is given again: the
``-o`` files written again, stdout and stderr written in the order they were, the same exit code.
Otherwise the command runs as always while its output is copied, and the answer is kept
(unless the registry was changed within the second: the racy rule of
:mod:`kexie_cli.validate.answers`).

Not remembered: a run given ``unless`` options (``--at REV``, revisions: names that move without
``HEAD`` moving), an error (a message, not an answer), a stream without a byte buffer, or
``KEXIE_ANSWERS=0``. docs/performance.md ("Remembered answers") has the decision.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

import click

from kexie_cli import __version__
from kexie_cli.cli.session import session
from kexie_cli.errors import KexieError
from kexie_cli.outfile import make_folder, recording, write_all
from kexie_cli.registry.layout import find_root
from kexie_cli.validate.answers import STDERR, STDOUT, Answer, Answers, registry_state, shipped_state
from kexie_cli.validate.cache import code_fingerprint

F = TypeVar("F", bound=Callable[..., Any])

#: environment variables that change what a command writes (besides KEXIE_*, GIT_* and LC_*)
ENV_NAMES = frozenset(
    {"NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS", "LINES", "TZ", "LANG", "PYTHONIOENCODING", "HOME"}
)
ENV_PREFIXES = ("KEXIE_", "GIT_", "LC_", "XDG_", "TTY_", "CLICOLOR")


def answered(*, unless: tuple[str, ...] = (), when: Callable[[dict[str, Any]], bool] | None = None) -> Callable[[F], F]:
    """Remember the command's answers (see the module docstring).

    ``unless``: option names that, when given, make a run not remembered; ``when``: a test of the
    options a run must pass to be remembered (``sql``: a query that reads no clock or random numbers).
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> Any:
            planned = _plan(kwargs, unless, when)
            if planned is None:
                return fn(**kwargs)
            answers, key = planned
            known = answers.get(key)
            if known is not None:
                return _replay(known)
            answer = Answer()
            with recording() as written, _copied(answer):
                try:
                    fn(**kwargs)
                except click.exceptions.Exit as exc:
                    answer.code = exc.exit_code
                    _keep(answers, key, answer, written)
                    raise
                except SystemExit as exc:  # ``sys.exit(code)``: the same answer
                    if isinstance(exc.code, int):
                        answer.code = exc.code
                        _keep(answers, key, answer, written)
                    raise
            _keep(answers, key, answer, written)
            return None

        return wrapper  # type: ignore[return-value]

    return decorate


def _plan(
    kwargs: dict[str, Any], unless: tuple[str, ...], when: Callable[[dict[str, Any]], bool] | None
) -> tuple[Answers, str] | None:
    """The answers of the registry and this run's key; None when the run is not to be remembered."""
    if os.environ.get("KEXIE_ANSWERS") == "0" or any(kwargs.get(name) for name in unless):
        return None
    if when is not None and not when(kwargs):
        return None
    if not all(isinstance(getattr(s, "buffer", None), io.IOBase) for s in (sys.stdout, sys.stderr)):
        return None
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    root_option = kwargs.get("root")
    try:
        root = find_root(Path.cwd(), Path(root_option) if root_option is not None else None)
    except (KexieError, OSError):
        return None  # the command says why
    current = registry_state(root)
    if current is None or current.racy:
        return None
    answers = Answers(root)
    if answers.secret is None:
        return None
    return answers, answers.key(_asked(ctx, kwargs), current)


def _asked(ctx: click.Context, kwargs: dict[str, Any]) -> str:
    """Everything besides the registry that what a command writes depends on."""
    options = sorted((name, _plain(value)) for name, value in kwargs.items())
    env = sorted((k, v) for k, v in os.environ.items() if k in ENV_NAMES or k.startswith(ENV_PREFIXES))
    streams = [(s.isatty(), s.encoding, s.errors) for s in (sys.stdout, sys.stderr)]
    try:
        size: object = tuple(os.get_terminal_size(sys.stdout.fileno())) if sys.stdout.isatty() else None
    except (OSError, ValueError, io.UnsupportedOperation):
        size = None
    parts = [
        ctx.command_path,
        repr(options),
        str(Path.cwd()),
        dt.date.today().isoformat(),
        repr(session(ctx).group_lang),
        repr(env),
        repr(streams),
        repr(size),
        f"kexie={__version__} code={code_fingerprint()} shipped={shipped_state()} python={sys.version}",
    ]
    return "\n".join(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return os.path.abspath(value)  # noqa: PTH100 - a relative -o path means the working folder's
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


class _Copy(io.BufferedIOBase):
    """A byte stream that writes through to ``target`` and keeps a copy in the answer's chunks."""

    def __init__(self, target: BinaryIO, stream: int, answer: Answer) -> None:
        super().__init__()
        self.target = target
        self.stream = stream
        self.answer = answer

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raw = bytes(data)
        self.target.write(raw)
        chunks = self.answer.chunks
        if chunks and chunks[-1][0] == self.stream:
            chunks[-1] = (self.stream, chunks[-1][1] + raw)
        else:
            chunks.append((self.stream, raw))
        return len(raw)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()


@contextmanager
def _copied(answer: Answer) -> Iterator[None]:
    """stdout and stderr written through as before, with a copy of every byte kept in ``answer``."""
    saved = sys.stdout, sys.stderr
    wrapped = []
    for stream, which in ((sys.stdout, STDOUT), (sys.stderr, STDERR)):
        stream.flush()
        copy = io.TextIOWrapper(
            cast(Any, _Copy(stream.buffer, which, answer)),
            encoding=stream.encoding,
            errors=stream.errors,
            write_through=True,
            line_buffering=bool(stream.line_buffering),
        )
        wrapped.append(copy)
    sys.stdout, sys.stderr = wrapped
    try:
        yield
    finally:
        for copy in wrapped:
            try:
                copy.flush()
            finally:
                copy.detach()
        sys.stdout, sys.stderr = saved
        for stream in saved:
            stream.flush()


def _keep(answers: Answers, key: str, answer: Answer, written: list[tuple[str, bytes]]) -> None:
    answer.files = list(written)
    answers.put(key, answer)


def _replay(answer: Answer) -> None:
    """Give a remembered answer again: its files, its output in order, its exit code."""
    if answer.files:
        for folder in sorted({Path(path).parent for path, _ in answer.files}):
            if not folder.is_dir():  # removed since: made again, as the command makes its -o folder
                make_folder(folder)
        write_all([(Path(path), data) for path, data in answer.files])
    for which, data in answer.chunks:
        stream = sys.stdout if which == STDOUT else sys.stderr
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    if answer.code:
        sys.exit(answer.code)


#: SQLite functions whose value is not the registry's: a query naming one is run every time
CLOCK_WORDS = ("random", "now", "current_", "changes", "last_insert_rowid")


def reads_no_clock(kwargs: dict[str, Any]) -> bool:
    """``kexie sql``: a query that reads no clock and no random numbers may be answered again."""
    query = str(kwargs.get("query") or "").lower()
    return not any(word in query for word in CLOCK_WORDS)
