"""click's own words (``Usage:``, ``Options``, ``Error: Invalid value`` ...) in the command's language.

click passes its texts through :func:`gettext.gettext` and :func:`gettext.ngettext`, which it
imports into each of its modules as ``_`` and ``ngettext``, and ships no Chinese catalogue.
:func:`use` puts kexie's translations (``CLICK_ZH`` in ``kexie_cli/i18n/msg_zh_all.py``) in
their place, once per process, and chooses the language of each run: the ``--lang`` on the
command line (before or after the command name), else ``KEXIE_LANG``, else Chinese. The
exit codes stay click's (2 for a usage error).
"""

from __future__ import annotations

import gettext
import importlib
from collections.abc import Sequence

from kexie_cli.i18n import resolve_lang
from kexie_cli.i18n.msg_zh_all import CLICK_ZH

#: the click modules that import ``_`` / ``ngettext`` from gettext
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")

_state = {"lang": "zh", "installed": False}


def _gettext(message: str) -> str:
    if _state["lang"] == "zh":
        return CLICK_ZH.get(message, gettext.gettext(message))
    return gettext.gettext(message)


def text(message: str) -> str:
    """One of click's texts in the chosen language."""
    return _gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    if _state["lang"] == "zh":
        return CLICK_ZH.get(chosen, gettext.ngettext(singular, plural, n))
    return gettext.ngettext(singular, plural, n)


def argv_lang(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``argv`` (``--lang en`` or ``--lang=en``), if any."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def use(lang: str | None) -> str:
    """click's texts in ``lang`` (resolved as ``--lang`` is) from now on; returns the language."""
    chosen = resolve_lang(lang)
    _state["lang"] = chosen
    if not _state["installed"]:
        for name in _MODULES:
            try:
                module = importlib.import_module(f"click.{name}")
            except ImportError:  # pragma: no cover - a click without that module
                continue
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = _ngettext  # type: ignore[attr-defined]
        _state["installed"] = True
    return chosen
