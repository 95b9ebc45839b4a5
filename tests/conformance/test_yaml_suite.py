"""kexie's loaders against the official YAML test suite (vendored in ``yaml-test-suite/``).

Every case is loaded by the strict loader and by the bulk path (yaml-rs where
it vouches for the file, else the strict loader). A record loader may refuse
what it does not support, with a finding (K002/K004); it may never accept an
invalid document silently, nor load a valid one to other data. The valid
single-mapping cases that records may use are accepted with the right data.
"""

from __future__ import annotations

import pytest

from kexie_cli.i18n import catalog
from kexie_cli.records import fastload
from kexie_cli.records.loader import Loaded, load_bytes
from tests.conformance.suite import Case, cases, outcome, tally

CASES = list(cases())
BY_NAME = {c.name: c for c in CASES}

# Valid documents a record may well contain (editors leave tabs; JSON-ish flow mappings)
MUST_ACCEPT = [
    "DK95/00",  # tabs on blank lines or after indentation
    "DK95/03",
    "DK95/04",
    "DK95/05",
    "NB6Z",
    "UV7Q",
    "A2M4",
    "Q5MG",
    "DC7X",  # a trailing tab after a value
    "J3BT",  # a tab before "|"
    "4MUZ/00",  # a flow mapping's ":" on the line after its key
    "4MUZ/01",
    "4MUZ/02",
    "5MUD",
    "K3WX",
    "VJP3/01",
]
# Once accepted silently (errors) or loaded to other data (valid)
ONCE_WRONG = ["9C9N", "DK95/01", "QB6E", "SU5Z", "4ABK", "652Z", "FRK4", "L24T/01"]


def bulk(raw: bytes) -> Loaded:
    fast = fastload.load(raw)
    return fast if fast is not None else load_bytes(raw)


LOADERS = {"strict": load_bytes, "bulk": bulk}


def test_the_suite_is_vendored() -> None:
    assert len(CASES) > 400
    assert sum(c.error for c in CASES) > 90


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_case_is_wrong(case: Case, loader: str) -> None:
    loaded = LOADERS[loader](case.raw)
    assert outcome(case, loaded) != "wrong", (case.name, loaded.data, case.documents)


@pytest.mark.parametrize("name", MUST_ACCEPT)
@pytest.mark.parametrize("loader", LOADERS)
def test_valid_record_like_cases_load_to_their_data(name: str, loader: str) -> None:
    case = BY_NAME[name]
    assert outcome(case, LOADERS[loader](case.raw)) == "correct", load_bytes(case.raw).problems


@pytest.mark.parametrize("name", ONCE_WRONG)
def test_cases_once_wrong(name: str) -> None:
    case = BY_NAME[name]
    loaded = load_bytes(case.raw)
    if case.error:
        assert loaded.problems and loaded.problems[0].code in ("K002", "K004")
    else:
        assert outcome(case, loaded) in ("correct", "refused")


def test_refusals_name_a_position_and_a_known_message() -> None:
    for case in CASES:
        for problem in load_bytes(case.raw).problems:
            assert problem.line >= 1 and problem.column >= 1
            assert f"{problem.code}.{problem.key}" in catalog(), (case.name, problem)


def test_counts() -> None:
    counts = {k: len(v) for k, v in tally(load_bytes).items()}
    assert counts["wrong"] == 0
    assert counts["correct"] >= 91, counts
