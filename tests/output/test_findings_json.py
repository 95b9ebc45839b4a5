"""``check --format json`` is written from row templates (reporters/export_json.list_text): the very text
``json.dumps(..., ensure_ascii=False, indent=2)`` gives, for any findings."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.reporters.export_json import list_text

FINDING = st.fixed_dictionaries(
    {
        "code": st.text(),
        "severity": st.sampled_from(["error", "warning", "info"]),
        "file": st.text(),
        "line": st.integers(),
        "column": st.none() | st.integers(),
        "id": st.none() | st.text(),
        "message": st.text(),
    }
)


@settings(max_examples=300)
@given(st.lists(FINDING))
def test_the_same_text_as_the_json_module(rows: list[dict[str, Any]]) -> None:
    assert list_text(rows) == json.dumps(rows, ensure_ascii=False, indent=2)


@given(st.lists(st.dictionaries(st.text(max_size=3), st.none() | st.booleans() | st.integers() | st.text())))
def test_rows_that_do_not_share_their_keys_too(rows: list[dict[str, Any]]) -> None:
    assert list_text(rows) == json.dumps(rows, ensure_ascii=False, indent=2)
