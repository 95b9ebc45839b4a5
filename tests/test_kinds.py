"""kexie_cli/kinds.py is the one registry of kinds: everything else derives from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kexie_cli import kinds
from kexie_cli.query.context import CLI_NAMES, KIND_ALIASES, KIND_LABELS
from kexie_cli.query.listing import kind_of
from kexie_cli.registry import layout
from kexie_cli.registry.schemas import SCHEMA_FILES
from tests.conftest import REPO, run_cli

DATA = Path(kinds.__file__).resolve().parent / "_data"
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda k: k.code)
def test_each_kind_has_its_schema_template_and_folder(kind: kinds.Kind) -> None:
    schema = json.loads((DATA / "schemas" / kind.schema).read_text(encoding="utf-8"))
    assert schema["properties"]["kind"]["const"] == kind.code
    assert (DATA / "templates" / "records" / f"{kind.code}.yaml").is_file()
    assert (ROOT / "records" / kind.folder).is_dir()


def test_the_other_tables_are_derived() -> None:
    assert layout.KINDS == kinds.CODES
    assert kinds.CODES[:5] == ("society", "branch", "party-cell", "subunit", "liaison-office")
    assert layout.KIND_FOLDERS == kinds.FOLDERS
    assert kinds.FOLDERS["subunit"] == "subunits" and kinds.FOLDERS["liaison-office"] == "liaison-offices"
    assert {"institute", "alliance", "station", "popsci-base", "volunteer-team"} <= set(kinds.CODES)
    assert kinds.FOLDERS["popsci-base"] == "popsci-bases"
    assert {k: v for k, v in SCHEMA_FILES.items() if k in kinds.BY_CODE} == kinds.SCHEMA_FILES
    assert all(KIND_LABELS[k.code] == (k.zh, k.en) for k in kinds.KINDS)
    assert [CLI_NAMES[k] for k in kinds.CODES] == [k.folder for k in kinds.KINDS]


@pytest.mark.parametrize(
    "alias", ["society", "societies", "branch", "branches", "party-cell", "party-cells", "party_cells"]
)
def test_listing_aliases(alias: str) -> None:
    assert kind_of(alias) == KIND_ALIASES[alias] == kinds.ALIASES[alias]


def test_one_record_of_each_kind_is_named_from_the_registry() -> None:
    zh = [kinds.noun(k.code, "zh") for k in kinds.KINDS]
    assert zh[:5] == ["科技社团", "基层科协", "党组织", "分支机构", "联络处"]
    assert [kinds.noun(k.code, "en") for k in kinds.KINDS][:3] == ["society", "branch", "party cell"]
    assert kinds.noun("popsci-base", "zh") == "科普基地"
    assert kinds.noun("no-such-kind", "en") == "no-such-kind"
    csv = run_cli(["due-elections", "--as-of", "2026-11-30", "--format", "csv", "--lang", "en"], REPO).stdout
    assert ",party cell," in csv and ",society," in csv
