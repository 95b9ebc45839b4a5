"""Every registered rule has a failing and a passing one-line case in tests/rules."""

from __future__ import annotations

import importlib

import pytest

from kexie_cli.rules import RULE_MODULES, all_rules
from tests.rules import CASES, branch, cell, check, society

for _family in RULE_MODULES:
    importlib.import_module(f"tests.rules.test_{_family}")


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    missing = [
        f"{code}: {'no failing case' if not any(f for f, _ in CASES.get(code, [])) else 'no passing case'}"
        for code in all_rules()
        if {fails for fails, _ in CASES.get(code, [])} != {True, False}
    ]
    assert not missing, missing


def test_cases_name_only_registered_codes() -> None:
    assert set(CASES) <= set(all_rules())


@pytest.mark.parametrize("as_of", ["2025-06-01", "2026-01-01", "2026-11-23", "2027-05-31"])
def test_base_records_are_clean(as_of: str) -> None:
    """A case's expected list is the whole result only because the base records give none."""
    two = society(ident="demo-other-society"), cell("covers: [demo-society]", ident="demo-other-cell")
    assert check(society(), branch(), cell(), *two, as_of=as_of) == []
