"""What a rule is, what it sees and what it finds: Rule, Context and Hit.

The lowest module of the rules layer: ``validate`` builds a ``Context`` and runs
each ``Rule``'s check on it; the checks return ``Hit``s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.finding import Severity
from kexie_cli.records.index import Index
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings

DEFAULT_AS_OF = "2026-11-23"


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule sees: settings, schemas, today, the index and the language."""

    settings: Settings
    schemas: SchemaSet
    today: dt.date
    index: Index
    lang: str = "zh"

    def label(self, kind: str, path: tuple[str | int, ...], code: object) -> str:
        return self.schemas.label(kind, path, code, self.lang)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: where (data path) and the message parameters."""

    path: tuple[str | int, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    variant: str = ""  # message key suffix: "K306.chair"
    at_key: bool = False  # point at the mapping key instead of the value
    record: Any = None  # registry-wide rules: the record the hit belongs to
    ident: str = ""  # tells apart two hits of one rule on one node (CI fingerprints): "lecture"


@dataclass(frozen=True, slots=True)
class Example:
    files: dict[str, str]
    as_of: str


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    title_zh: str
    title_en: str
    doc: str
    scope: str  # "record", "registry" or "builtin"
    check: Callable[..., Iterable[Hit]] | None = None

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def explanation(self, lang: str) -> str:
        english, chinese, _, _ = _parse_doc(self.doc)
        return english if lang == "en" else (chinese or english)

    @property
    def fails(self) -> Example | None:
        return _parse_doc(self.doc)[2]

    @property
    def passes(self) -> Example | None:
        return _parse_doc(self.doc)[3]


_SECTION = re.compile(r"^(Fails|Passes)(?: \(as of (\d{4}-\d{2}-\d{2})\))?:$")


def _parse_doc(doc: str) -> tuple[str, str, Example | None, Example | None]:
    prose: list[str] = []
    blocks: dict[str, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        match = _SECTION.match(line)
        if match:
            current = []
            blocks[match.group(1)] = (match.group(2) or DEFAULT_AS_OF, current)
        elif current is not None:
            current.append(line[4:] if line.startswith("    ") else line.strip())
        else:
            prose.append(line)
    text = "\n".join(prose).strip()
    english, _, chinese = text.partition("中文：")
    examples = {name: _example(as_of, lines) for name, (as_of, lines) in blocks.items()}
    return english.strip(), chinese.strip(), examples.get("Fails"), examples.get("Passes")


def _example(as_of: str, lines: list[str]) -> Example:
    files: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines:
        if line.startswith("--- "):
            current = files.setdefault(line[4:].strip(), [])
        else:
            current.append(line)
    return Example({path: "\n".join(body).strip("\n") + "\n" for path, body in files.items()}, as_of)
