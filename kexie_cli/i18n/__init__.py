"""Message catalogues: zh (default) and en.

Catalogue modules are ``kexie_cli/i18n/msg_*.py``; each defines
``MESSAGES: dict[str, tuple[str, str]]`` mapping a key to its
(Chinese, English) text with ``str.format`` fields. One module per
command family keeps the catalogues next to their features.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

_catalog: dict[str, tuple[str, str]] | None = None


def resolve_lang(value: str | None = None) -> str:
    """The output language: an explicit value, else ``KEXIE_LANG``, else zh."""
    raw = (value or os.environ.get("KEXIE_LANG") or "zh").strip().lower()
    return "en" if raw.startswith("en") else "zh"


class CatalogueError(Exception):
    """A message catalogue is inconsistent (a key defined twice), or a message misused in strict mode."""


STRICT_ENV = "KEXIE_I18N_STRICT"


def strict() -> bool:
    """Strict mode (``KEXIE_I18N_STRICT=1``, set by the test suite): a missing key or placeholder raises."""
    return os.environ.get(STRICT_ENV, "") not in {"", "0"}


def load_catalogues() -> dict[str, tuple[str, str]]:
    """Every ``msg_*`` catalogue merged; a key defined in two catalogues is an error in strict mode.

    Outside strict mode (a user's run) the first catalogue in name order keeps
    the key: a stray module left in an installation (a stale ``build/`` packed
    into a wheel) must not stop every command with a traceback. The test suite
    runs strict and ``tests/robustness/test_catalogue.py`` checks the shipped
    catalogues.
    """
    merged: dict[str, tuple[str, str]] = {}
    origin: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("msg_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in module.MESSAGES.items():
            if key in merged:
                if strict():
                    raise CatalogueError(f"message key {key!r} is defined in both {origin[key]} and {info.name}")
                continue
            merged[key] = entry
            origin[key] = info.name
    return merged


def catalog() -> dict[str, tuple[str, str]]:
    global _catalog  # noqa: PLW0603 - loaded once, on first use
    if _catalog is None:
        _catalog = load_catalogues()
    return _catalog


def tr(key: str, lang: str, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``.

    A missing key or placeholder falls back gracefully (the key, or the
    unfilled text) in production and raises :class:`CatalogueError` in
    strict mode.
    """
    entry = catalog().get(key)
    if entry is None:
        if strict():
            raise CatalogueError(f"no message {key!r}")
        return key if not params else f"{key} {params}"
    text = entry[1] if lang == "en" else entry[0]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError) as exc:
        if strict():
            raise CatalogueError(f"message {key!r} ({lang}): {type(exc).__name__} {exc}") from exc
        return text
