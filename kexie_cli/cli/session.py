"""One command's session: the language, the as-of day and the registry, made once and passed down.

``LazyGroup.main`` (``cli/__init__.py``) makes the :class:`Session` before
click parses the command line and hands it to click as the context object
(``obj``); every sub-context inherits it, so the command, the option types (a
bad ``--as-of`` is reported in the chosen language), the xlsx title row and
the error handler all see the same one. Nothing is kept in module globals: two
commands run in one process (the tests, ``kexie serve``) never see each
other's language, registry or day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import click


@dataclass(slots=True)
class Session:
    lang: str | None = None  # the language chosen so far (None: the default)
    group_lang: str | None = None  # ``kexie --lang en CMD``: the group's --lang, for commands given none
    today: dt.date | None = None  # the --as-of day, once asked for
    registry: Any = None  # the opened Registry, once opened

    @property
    def registry_name(self) -> str:
        """The registry's name (settings ``registry``), for the title row of xlsx sheets."""
        return (self.registry.settings.registry or "") if self.registry is not None else ""


def session(ctx: click.Context | None = None) -> Session:
    """The session of the running command (a fresh one outside a command: nothing to remember)."""
    ctx = ctx if ctx is not None else click.get_current_context(silent=True)
    found = ctx.find_object(Session) if ctx is not None else None
    return found if found is not None else Session()
