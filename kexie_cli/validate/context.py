"""What every rule sees: settings, schemas, today, the index and the language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.validate.index import Index


@dataclass(frozen=True, slots=True)
class Context:
    settings: Settings
    schemas: SchemaSet
    today: dt.date
    index: Index
    lang: str = "zh"

    def label(self, kind: str, path: tuple[str | int, ...], code: object) -> str:
        return self.schemas.label(kind, path, code, self.lang)
