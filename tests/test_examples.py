"""Example registries under tests/examples/{good,bad}/<case>/ with their expected JSON output.

Each case holds a registry (kexie.yaml + records/) and ``expected.json``:
``{"as_of": ..., "exit_code": ..., "findings": [...]}`` as printed by
``kexie check --format json``. Cases are discovered automatically; set
KEXIE_UPDATE_EXAMPLES=1 to rewrite the expected files after a deliberate change
(and review the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli

EXAMPLES = Path(__file__).parent / "examples"
CASES = sorted(p for group in ("good", "bad") for p in (EXAMPLES / group).iterdir() if (p / "kexie.yaml").is_file())


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_registry(case: Path) -> None:
    expected_file = case / "expected.json"
    expected = json.loads(expected_file.read_text(encoding="utf-8")) if expected_file.exists() else {}
    as_of = expected.get("as_of", AS_OF)
    run = run_cli(["check", "--format", "json", "--as-of", as_of], root=case)
    actual = {"as_of": as_of, "exit_code": run.exit_code, "findings": run.json()}
    if os.environ.get("KEXIE_UPDATE_EXAMPLES"):
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        expected = actual
    assert actual == expected
    if case.parent.name == "good":
        assert run.exit_code == 0 and not [f for f in actual["findings"] if f["severity"] == "error"]
    else:
        assert actual["findings"], "a bad example must report something"
