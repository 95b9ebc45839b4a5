"""Every rule's documented examples: the failing one reports the code, the passing one does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kexie_cli.registry.load import Registry
from kexie_cli.rules import all_rules
from kexie_cli.rules.base import Example
from kexie_cli.validate.engine import check
from kexie_cli.validate.options import CheckOptions
from tests.conftest import write_registry

RULES = all_rules()


def codes_for(example: Example, root: Path) -> set[str]:
    write_registry(root, dict(example.files))
    registry = Registry.open(root, root)
    result = check(registry, CheckOptions(today=dt.date.fromisoformat(example.as_of)))
    return {f.code for f in result.findings}


@pytest.mark.parametrize("code", sorted(RULES))
def test_failing_example_reports_the_code(code: str, tmp_path: Path) -> None:
    example = RULES[code].fails
    assert example is not None, f"{code} has no failing example"
    assert code in codes_for(example, tmp_path)


@pytest.mark.parametrize("code", sorted(RULES))
def test_passing_example_does_not_report_the_code(code: str, tmp_path: Path) -> None:
    example = RULES[code].passes
    assert example is not None, f"{code} has no passing example"
    assert code not in codes_for(example, tmp_path)


def test_every_spec_code_is_registered() -> None:
    spec = {
        *(f"K00{i}" for i in range(1, 7)),
        *(f"K10{i}" for i in range(1, 6)),
        *(f"K20{i}" for i in range(1, 8)),
        *(f"K30{i}" for i in range(1, 9)),
        *(f"K40{i}" for i in range(1, 4)),
        *(f"K50{i}" for i in range(1, 8)),
        *(f"K60{i}" for i in range(1, 4)),
        "K901",
        "K902",
    }
    assert spec <= set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_both_languages(code: str) -> None:
    rule = RULES[code]
    assert rule.title_zh and rule.title_en
    assert rule.explanation("zh") and rule.explanation("en")
    assert rule.explanation("zh") != rule.explanation("en")
