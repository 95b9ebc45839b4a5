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
from collections.abc import Callable, Iterable

from kexie_cli.finding import Severity
from kexie_cli.rules.base import Hit, Rule

RULE_MODULES = (
    "syntax",
    "integrity",
    "timing",
    "elections",
    "leadership",
    "inspections",
    "party",
    "party_terms",
    "ratings",
    "affiliates",
    "meta",
    "subunits",
)


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
