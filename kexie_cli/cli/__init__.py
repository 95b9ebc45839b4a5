"""The ``kexie`` command line: a lazy click group over ``cmd_*`` modules.

Each command lives in ``kexie_cli/cli/cmd_<name>.py`` (``_`` becomes ``-``)
and exposes ``command``. Modules are imported only when their command runs
(or when ``--help`` lists them), so start-up stays fast.
"""

from __future__ import annotations

# Ctrl-C while kexie starts: the handler goes in before anything is imported. ``_signal`` (the C module
# under ``signal``) is loaded with the interpreter, so this costs no import; ``signal`` itself imports
# enum, a window of its own. ``os`` is loaded by the interpreter's start-up too.
_signal = __import__("_signal")
CANCELLED = 130  # Ctrl-C: the shell's 128 + SIGINT (docs/commands.md, exit codes)


def _interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C while kexie is still starting (importing): one line, exit 130, no traceback."""
    import os  # loaded with the interpreter: no import happens here
    import sys

    args = sys.argv[1:]
    given = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--lang"]
    given += [a[7:] for a in args if a[:7] == "--lang="]
    lang = (given[-1] if given else os.environ.get("KEXIE_LANG") or "zh").strip().lower()
    os.write(2, ("Cancelled\n" if lang.startswith("en") else "已取消\n").encode())
    os._exit(CANCELLED)


if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    try:  # noqa: SIM105 - contextlib is an import, and this runs before any
        _signal.signal(_signal.SIGINT, _interrupted_at_start)
    except ValueError:  # not the main thread (kexie imported by a thread of another program): leave it
        pass

import atexit  # noqa: E402 - after the start-up Ctrl-C handler
import contextlib  # noqa: E402
import functools  # noqa: E402
import importlib  # noqa: E402
import os  # noqa: E402
import pkgutil  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import click  # noqa: E402

from kexie_cli import __version__  # noqa: E402
from kexie_cli.cli import clicktext  # noqa: E402
from kexie_cli.cli.helpfmt import KexieContext, short_help  # noqa: E402
from kexie_cli.cli.session import Session, session  # noqa: E402
from kexie_cli.errors import KexieError  # noqa: E402
from kexie_cli.i18n import resolve_lang, tr  # noqa: E402
from kexie_cli.registry.state import StateWarning  # noqa: E402

_PREFIX = "cmd_"


class LazyGroup(click.Group):
    context_class = KexieContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = [m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith(_PREFIX)]
        return sorted(n[len(_PREFIX) :].replace("_", "-") for n in names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"{__name__}.{_PREFIX}{cmd_name.replace('-', '_')}")
        command: click.Command = module.command
        command.context_class = KexieContext  # help measured in display cells (helpfmt.py)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, short_help(command)))
        if rows:
            with formatter.section(clicktext.text("Commands")):  # in the language click's words are in
                formatter.write_dl(rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's ``main`` with click's words in the command's language and Ctrl-C as 已取消, exit 130.

        The language of click's own texts is read from the command line before click parses it
        (a usage error is reported before any option is known): ``--lang`` before or after the
        command name, else ``KEXIE_LANG``.
        """
        argv = list(sys.argv[1:] if args is None else args)
        current = Session(lang=clicktext.use(clicktext.argv_lang(argv)))
        self._forget_help_options()
        extra["obj"] = current  # the command's session: every context below finds it (cli/session.py)
        _default_interrupts()
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, **extra)
        try:
            done = super().main(argv, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt, EOFError) as exc:
            sys.exit(cancelled(exc, current.lang))
        sys.exit(done if isinstance(done, int) else 0)

    def _forget_help_options(self) -> None:
        """Make ``--help`` anew in this run's language.

        click writes the help option's text (``Show this message and exit.``) when it first makes the
        option and keeps that option on the command: an earlier run in the same process (a test, a
        page of ``kexie serve``) in the other language must not leave its words behind.
        """
        prefix = f"{__name__}.{_PREFIX}"
        commands = [getattr(module, "command", None) for name, module in sys.modules.items() if name.startswith(prefix)]
        for command in [self, *commands]:
            if isinstance(command, click.Command):
                command._help_option = None

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            shown: set[str] = set()
            fallback = warnings.showwarning
            warnings.showwarning = functools.partial(_show_warning, shown=shown, fallback=fallback)
            warnings.simplefilter("always", StateWarning)
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KexieError as exc:
            click.echo(exc.render(_lang()), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except Exception as exc:  # a bug: short message, details with KEXIE_DEBUG=1
            if os.environ.get("KEXIE_DEBUG"):
                raise
            detail = f"{type(exc).__name__}: {exc}"
            click.echo(tr("internal", _lang(), detail=detail), err=True)
            ctx.exit(2)


def _show_warning(
    message: Warning | str, category: type[Warning], *args: Any, shown: set[str], fallback: Any, **kw: Any
) -> None:
    """Library warnings meant for the user (a StateWarning): once each, in the chosen language."""
    if isinstance(message, StateWarning):
        text = tr("state.warning", _lang(), detail=message.error.render(_lang()))
        if text not in shown:
            shown.add(text)
            click.echo(text, err=True)
        return
    fallback(message, category, *args, **kw)


def cancelled(exc: BaseException, lang: str | None = None) -> int:
    """Say 已取消 on one line; the exit code: 130 for Ctrl-C (SIGINT), 1 for end of input at a prompt.

    ``lang``: the session's language when no command context is left (after click's end).
    """
    interrupted = isinstance(exc, KeyboardInterrupt) or isinstance(exc.__context__, KeyboardInterrupt)
    with contextlib.suppress(OSError, ValueError):  # stderr gone: the exit code still says it
        click.echo(tr("cli.cancelled", resolve_lang(lang) if lang else _lang()), err=True)
    return CANCELLED if interrupted else 1


def _default_interrupts() -> None:
    """Ctrl-C raises KeyboardInterrupt from here on (the start-up handler ends the process at once)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _lang() -> str:
    """The language the running command chose (see ``options.lang``), else the default."""
    return resolve_lang(session().lang)


HELP = """kexie：科协组织台账工具（学会、基层科协、党组织）。

在台账目录（含 kexie.yaml 的文件夹）内运行；常用：kexie check、kexie due-elections。
English output: --lang en or KEXIE_LANG=en.
"""


def _group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    current = session(ctx)
    current.group_lang = value
    if value:
        current.lang = value
    return value


@click.group(cls=LazyGroup, help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="kexie", help="显示版本号并退出。")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_group_lang,
    help="输出语言 zh 或 en，对所有命令有效（命令后的 --lang 优先）。",
)
def cli() -> None:
    pass


def main() -> None:
    """The ``kexie`` command. It leaves without tearing down the heap (:func:`leave`)."""
    # started with stdout or stderr closed (``kexie check >&-``): write to nothing, keep the exit code
    if sys.stdout is None:
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    try:
        cli(prog_name="kexie")
    except SystemExit as done:  # click's standalone mode always ends here
        leave(done.code)
    except KeyboardInterrupt as exc:  # between click's end and here: the language as the command line chose it
        leave(cancelled(exc, clicktext.argv_lang(sys.argv[1:])))
    leave(0)


def leave(code: object) -> None:
    """Flush, run the exit handlers, and end the process with ``code`` at once.

    A check of 10,000 records leaves some 10^5 objects behind; freeing them
    one by one as the interpreter shuts down takes 0.08 s, a sixth of a check
    after a one-file edit. Everything a command writes is flushed or closed
    before it returns, and the exit handlers (``atexit``, including temporary
    folders' finalizers and multiprocessing's clean-up) still run; only the
    heap is left to the operating system.
    """
    if isinstance(code, str):  # what sys.exit("message") prints
        if sys.stderr is not None:
            sys.stderr.write(code + "\n")
        code = 1
    status = code if isinstance(code, int) else (0 if code is None else 1)
    if not _flushed(sys.stdout):  # the reader went away (| head): as a failed write would
        status = status or 1
    _flushed(sys.stderr)
    atexit._run_exitfuncs()
    _flushed(sys.stdout)
    _flushed(sys.stderr)
    os._exit(status)


def _flushed(stream: Any) -> bool:
    """Flush ``stream``; False only when its reader went away (a stream closed or absent is no error)."""
    if stream is None:  # fd 1 or 2 was closed when kexie started (``kexie ... >&-``)
        return True
    try:
        stream.flush()
    except BrokenPipeError:
        return False
    except (OSError, ValueError):  # closed, or a device that refuses: nothing more can be said there
        return True
    return True
