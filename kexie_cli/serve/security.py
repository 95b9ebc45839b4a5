"""The safety of ``kexie serve``: CSRF tokens, the access token, the Host check, read-only mode, headers.

- Every form carries the session's CSRF token (``_csrf``); a POST without the right one is refused (400).
- With ``--token`` (required for a ``--host`` other than loopback) every request needs the token once:
  ``/login`` or ``?token=`` in the address the server prints; then the signed session cookie carries it.
- Bound to loopback, a request whose ``Host`` is not a loopback name is refused (a web page elsewhere
  cannot reach the server through a DNS name pointed at 127.0.0.1).
- ``--read-only``: every POST is refused (403) and no page shows a form.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from typing import Any

from flask import Flask, abort, redirect, request, session

from kexie_cli.i18n import tr

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; connect-src 'self'"
)
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'"
OPEN_PATHS = frozenset({"/login", "/static/style.css", "/static/app.js"})  # the login page and its assets


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def csrf_token() -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def install(app: Flask, *, token: str | None, read_only: bool, loopback: bool, lang: str) -> None:
    """Hook the checks into ``app`` (before every request) and the headers into every response."""

    @app.before_request
    def guard() -> Any:
        if loopback and not _loopback_host(request.host):
            abort(400, tr("serve.bad_host", lang))
        if token is not None and not session.get("auth"):
            offered = request.args.get("token")
            if offered is not None and hmac.compare_digest(offered.encode(), token.encode()):
                session["auth"] = True
                return redirect(request.path)
            if request.path not in OPEN_PATHS:
                return redirect("/login")
        if request.method == "POST":
            if read_only and request.path != "/login":
                abort(403, tr("serve.read_only_post", lang))
            sent = request.form.get("_csrf", "")
            expected = session.get("csrf")
            if not isinstance(expected, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
                abort(400, tr("serve.csrf", lang))
        return None

    @app.after_request
    def headers(response: Any) -> Any:
        report = request.path == "/report.html"
        response.headers["Content-Security-Policy"] = REPORT_CSP if report else PAGE_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def check_login(offered: str, token: str | None) -> bool:
    return token is not None and hmac.compare_digest(offered.encode(), token.encode())


def _loopback_host(host_header: str) -> bool:
    host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    return is_loopback(host.lower())
