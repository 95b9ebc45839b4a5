"""Errors that end a command with exit code 2 (usage or environment)."""

from __future__ import annotations

from kexie_cli.i18n import tr


class KexieError(Exception):
    """A usage or environment problem, described by a catalogue key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        return tr(self.key, lang, **self.params)
