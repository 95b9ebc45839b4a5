"""The Flask application of ``kexie serve``: the pages over one registry.

Each page calls the library function its command calls (``check``, ``list``,
``show``, ``due-elections`` ...) on the snapshot the state keeps, and renders the
result with the templates in ``serve/templates`` (Jinja2, autoescaped). The
pages are in ``views.py`` (reading), ``records.py`` (the record page and its
edits) and ``uploads.py`` (导入).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Flask, current_app, render_template
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.serve import records, security, uploads, views
from kexie_cli.serve.state import Options, ServeState
from kexie_cli.serve.state import current_state as state
from kexie_cli.serve.tables import cell_text

HERE = Path(__file__).parent
NAV = (
    ("views.dashboard", "serve.nav.dashboard"),
    ("views.listing", "serve.nav.lists"),
    ("views.check", "serve.nav.check"),
    ("views.elections", "serve.nav.elections"),
    ("views.inspections_page", "serve.nav.inspections"),
    ("views.party", "serve.nav.party"),
    ("views.summary", "serve.nav.summary"),
    ("views.report", "serve.nav.report"),
    ("uploads.upload", "serve.nav.import"),
)


def create_app(options: Options, *, loopback: bool = True) -> Flask:
    """The application for the registry at ``options.root`` (``loopback``: the server binds a loopback address)."""
    app = Flask(__name__, template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.secret_key = secrets.token_bytes(32)  # a new key each start: sessions do not outlive the server
    app.config.update(
        MAX_CONTENT_LENGTH=options.max_upload,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["kexie"] = ServeState(options)
    app.jinja_env.autoescape = True
    app.jinja_env.globals.update(t=_t, nav=NAV, csrf_token=security.csrf_token, site=_site, kind_label=_kind_label)
    app.jinja_env.filters["cell"] = cell_text
    security.install(app, token=options.token, read_only=options.read_only, loopback=loopback, lang=options.lang)
    app.register_blueprint(views.blueprint)
    app.register_blueprint(records.blueprint)
    app.register_blueprint(uploads.blueprint)
    app.register_error_handler(KexieError, _kexie_error)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal)
    app.wsgi_app = _Serialised(app.wsgi_app, app.extensions["kexie"])  # type: ignore[method-assign]
    return app


class _Serialised:
    """One request at a time works on the registry (the check engine's cache and the edits are not shared)."""

    def __init__(self, wsgi: Any, current: ServeState) -> None:
        self.wsgi, self.current = wsgi, current

    def __call__(self, environ: Any, start_response: Any) -> Any:
        with self.current.lock:
            return self.wsgi(environ, start_response)


def _t(key: str, **params: Any) -> str:
    return tr(key, state().lang, **params)


def _kind_label(name: str) -> str:
    """A kind's words from kinds.py: its folder as the plural (科技社团 / Societies), its code as one record."""
    lang = state().lang
    if name in kinds.FOLDER_KINDS:
        return kinds.BY_CODE[kinds.FOLDER_KINDS[name]].label(lang)
    if name in kinds.BY_CODE:
        return kinds.noun(name, lang)
    return _t(f"serve.kind.{name}")  # leaders


def _site() -> dict[str, Any]:
    """What every page shows around its content: the registry's name, Git or not, read-only or not."""
    current = state()
    try:
        name = current.registry().settings.registry or ""
    except KexieError:
        name = ""
    return {
        "registry": name,
        "in_git": current.in_git,
        "read_only": current.options.read_only,
        "today": current.today.isoformat(),
        "lang": current.lang,
    }


def _kexie_error(exc: KexieError) -> Any:
    status = 404 if exc.key in {"edit.unknown_id", "show.unknown"} else 400
    return render_template("error.html", message=exc.render(state().lang)), status


def _too_large(exc: RequestEntityTooLarge) -> Any:
    limit = state().options.max_upload // (1024 * 1024)
    return render_template("error.html", message=_t("serve.too_large", limit=limit)), 413


def _http_error(exc: HTTPException) -> Any:
    message = exc.description if isinstance(exc.description, str) else str(exc)
    return render_template("error.html", message=message), exc.code or 500


def _internal(exc: Exception) -> Any:
    current_app.logger.exception("internal error")
    return render_template("error.html", message=_t("internal", detail=type(exc).__name__)), 500
