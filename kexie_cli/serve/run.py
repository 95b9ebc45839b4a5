"""Serving the application with waitress: bind, warm the registry in the background, run until stopped."""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Callable
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.registry import monitor
from kexie_cli.serve.app import create_app
from kexie_cli.serve.security import is_loopback
from kexie_cli.serve.state import Options, ServeState

THREADS = 4
MIN_TOKEN = 12


def access_token(host: str, token: str | None) -> str | None:
    """The token a server on ``host`` requires: None on loopback without one; ``auto`` makes one."""
    if token == "auto":
        return secrets.token_urlsafe(18)
    if token is not None and len(token) < MIN_TOKEN:
        raise KexieError("serve.token_short")
    if token is None and not is_loopback(host):
        raise KexieError("serve.host_needs_token", host=host)
    return token


def make_server(options: Options, host: str, port: int) -> tuple[Any, ServeState]:
    """A waitress server bound to ``host:port`` (port 0: any free port) and the state it serves."""
    from waitress.server import create_server  # noqa: PLC0415 - only the serve command needs waitress

    app = create_app(options, loopback=is_loopback(host))
    current: ServeState = app.extensions["kexie"]
    try:
        server = create_server(
            app, host=host, port=port, threads=THREADS, ident="kexie", clear_untrusted_proxy_headers=True
        )
    except OSError as exc:
        raise KexieError("serve.port_busy", host=host, port=port, detail=exc.strerror or str(exc)) from exc
    return server, current


def url_of(server: Any, host: str) -> str:
    port = server.effective_port
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(options: Options, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted; ``announce(url)`` once listening (the registry loads meanwhile)."""
    from kexie_cli.serve.uploads import remove_folder  # noqa: PLC0415

    server, current = make_server(options, host, port)
    with monitor.watching(options.root) as watch:  # every change seen at once (kexie_cli/serve/state.py)
        current.watch = watch
        threading.Thread(target=_warm, args=(current,), daemon=True).start()
        announce(url_of(server, host))
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
            remove_folder()


def _warm(current: ServeState) -> None:
    """Load the registry before the first page asks (that page waits for the lock meanwhile)."""
    with current.lock, contextlib.suppress(KexieError):  # the first page shows the error
        current.snapshot()
