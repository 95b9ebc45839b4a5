"""The rule registry: every K-code, its severity, titles and documentation.

Each rule is declared once, with the ``@rule`` decorator (rules that run on
the loaded data) or ``builtin`` (checks made by the loader, the schema
validator or the suppression engine). Its docstring is its documentation:

    English explanation.

    中文：中文说明。

    Fails (as of 2026-11-23):
        --- records/societies/demo.yaml
        <YAML>

    Passes:
        --- records/societies/demo.yaml
        <YAML>

The examples are mini-registries (``--- <path>`` starts a file); the test
suite runs every one of them, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kexie_cli.finding import Severity

RULE_MODULES = ("syntax", "integrity", "timing", "inspections", "party", "ratings", "meta")
DEFAULT_AS_OF = "2026-11-23"


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


RULES: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, zh: str, en: str, *, scope: str = "record"
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a rule whose ``check`` runs on loaded records."""

    def register(fn: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        _add(Rule(code, severity, zh, en, inspect.getdoc(fn) or "", scope, fn))
        return fn

    return register


def builtin(code: str, severity: Severity, zh: str, en: str, doc: str) -> None:
    """Register a rule enforced by the loader, the schema check or the engine."""
    _add(Rule(code, severity, zh, en, inspect.cleandoc(doc), "builtin"))


def _add(new: Rule) -> None:
    if new.code in RULES:
        raise ValueError(f"rule {new.code} registered twice")
    RULES[new.code] = new


def all_rules() -> dict[str, Rule]:
    """Every rule, by code, in code order."""
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    return dict(sorted(RULES.items()))


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
