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

LANGS = ("zh", "en")
_catalog: dict[str, tuple[str, str]] | None = None


def resolve_lang(value: str | None = None) -> str:
    """The output language: an explicit value, else ``KEXIE_LANG``, else zh."""
    raw = (value or os.environ.get("KEXIE_LANG") or "zh").strip().lower()
    return "en" if raw.startswith("en") else "zh"


def catalog() -> dict[str, tuple[str, str]]:
    global _catalog  # noqa: PLW0603 - loaded once, on first use
    if _catalog is None:
        merged: dict[str, tuple[str, str]] = {}
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith("msg_"):
                module = importlib.import_module(f"{__name__}.{info.name}")
                merged.update(module.MESSAGES)
        _catalog = merged
    return _catalog


def tr(key: str, lang: str, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    entry = catalog().get(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    text = entry[1] if lang == "en" else entry[0]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
