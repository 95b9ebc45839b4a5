"""Every kind of kinds.py goes through every listing, output and query (issue 22).

Parametrised over :data:`kexie_cli.kinds.KINDS`: a kind added without coverage in ``list``,
``show``, ``find``, ``summary``, ``export``, ``import``, ``sql``, ``diff`` or ``report`` fails
here. The sample registry has records of every kind (tests/test_kinds.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kexie_cli import kinds
from kexie_cli.records.loader import load_text
from tests.conftest import AS_OF, REPO, run_cli
from tests.review.conftest import git

# Every organisation kind; a year's record of one (kind ``annual``, ``Kind.organisation`` false) is
# not an organisation with a status, a type or a place in the 各类组织 sentence: its list, show, sql,
# export, diff and import are tested in tests/rules/test_annual_kind.py and tests/annual/.
ORGANISATIONS = [k for k in kinds.KINDS if k.organisation]
KINDS = pytest.mark.parametrize("kind", ORGANISATIONS, ids=lambda k: k.code)


def test_every_kind_is_covered_here_or_as_a_yearly_record() -> None:
    assert {k.code for k in kinds.KINDS} - {k.code for k in ORGANISATIONS} == {k.code for k in kinds.KINDS if k.yearly}


def sample(kind: kinds.Kind) -> tuple[str, dict[str, Any]]:
    """A live record of ``kind`` in the sample registry: its id and data."""
    for path in sorted((REPO / "records" / kind.folder).glob("*.yaml")):
        data = load_text(path.read_text(encoding="utf-8")).data
        if data is not None and data.get("status") == "active":
            return path.stem, data
    raise AssertionError(f"no active sample record of {kind.code}")


def ok(args: list[str], root: Path = REPO) -> Any:
    run = run_cli(args, root)
    assert run.exit_code in (0, 1), run.stderr  # 1: `check`-style findings are not the point here
    return run


@KINDS
def test_list(kind: kinds.Kind) -> None:
    ident, _ = sample(kind)
    for name in kind.aliases:
        rows = ok(["list", name, "--as-of", AS_OF, "--format", "json"]).json()
        assert ident in [r["id"] for r in rows], name


@KINDS
def test_show(kind: kinds.Kind) -> None:
    ident, data = sample(kind)
    shown = ok(["show", ident, "--as-of", AS_OF, "--format", "json"]).json()
    assert (shown["kind"], shown["record"]["name"]) == (kind.code, data["name"])
    assert kind.zh in ok(["show", ident, "--as-of", AS_OF]).stdout


@KINDS
def test_find(kind: kinds.Kind) -> None:
    ident, data = sample(kind)
    found = ok(["find", data["name"], "--format", "json"]).json()
    assert ident in [r["id"] for r in found]


@KINDS
def test_summary(kind: kinds.Kind) -> None:
    tables = {t["table"]: t for t in ok(["summary", "--as-of", AS_OF, "--format", "json"]).json()}
    row = next(r for r in tables["kinds"]["rows"] if r["kind"] == kind.code)
    assert row["on_books"] >= 1
    own = tables[f"counts-{kind.folder}"]
    assert own["total"]["on_books"] if own["total"] else own["rows"][0]["on_books"] == row["on_books"]
    if kind.type_field:  # a row per value of its type field
        assert len(own["rows"]) >= 2, own


@pytest.fixture(scope="module")
def export_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("export") / "registry.json"
    ok(["export", "--format", "json", "-o", str(out), "--as-of", AS_OF])
    tables: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))["tables"]
    return tables


@KINDS
def test_export(kind: kinds.Kind, export_json: dict[str, Any]) -> None:
    ident, data = sample(kind)
    rows = {r["id"]: r for r in export_json[kind.table]}
    assert rows[ident]["name"] == data["name"]
    if kind.type_field:
        assert rows[ident][kind.type_field] == data[kind.type_field]


@KINDS
def test_sql(kind: kinds.Kind) -> None:
    ident, data = sample(kind)
    rows = ok(["sql", f"SELECT id, name, status FROM {kind.table}", "--as-of", AS_OF, "--format", "json"]).json()
    assert {"id": ident, "name": data["name"], "status": "active"} in rows
    schema = ok(["sql", "--schema", "--format", "json"]).json()
    columns = {r["column"] for r in schema if r["table"] == kind.table}
    # the kind's scalar fields are columns of its table
    scalars = [k for k, v in data.items() if k not in {"kind", "notes"} and not isinstance(v, (dict, list))]
    assert set(scalars) <= columns, set(scalars) - columns


@KINDS
def test_report(kind: kinds.Kind, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    ok(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF])
    sentence = next(line for line in out.read_text(encoding="utf-8").splitlines() if "各类组织在册：" in line)
    assert kind.zh in sentence


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo") / "reg"
    shutil.copytree(REPO / "records", root / "records")
    shutil.copy(REPO / "kexie.yaml", root / "kexie.yaml")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample")
    return root


@KINDS
def test_diff(kind: kinds.Kind, repo: Path) -> None:
    """A changed name reads 全称：old → new (the schema's title) under the record."""
    ident, data = sample(kind)
    path = repo / "records" / kind.folder / f"{ident}.yaml"
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(text.replace(f"name: {data['name']}", f"name: {data['name']}（新）", 1), encoding="utf-8")
        out = ok(["diff"], repo).stdout
    finally:
        path.write_text(text, encoding="utf-8")
    assert f"修改 {ident} " in out
    assert f"全称：{data['name']} → {data['name']}（新）" in out


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample exported to xlsx and imported, kind after kind, into an empty registry."""
    base = tmp_path_factory.mktemp("roundtrip")
    book = base / "export.xlsx"
    ok(["export", "--format", "xlsx", "-o", str(book), "--as-of", AS_OF])
    root = base / "reg"
    root.mkdir()
    shutil.copy(REPO / "kexie.yaml", root / "kexie.yaml")
    for kind in ORGANISATIONS:  # in registry order: societies first, so a subunit's parent is known
        run = run_cli(["import", str(book), "--kind", kind.code, "--as-of", AS_OF, "--format", "json"], root)
        assert run.exit_code == 0, run.stdout + run.stderr
        assert run.json()["counts"]["skipped"] == 0
    return root


@KINDS
def test_import_round_trip_recreates_the_kind(kind: kinds.Kind, imported: Path) -> None:
    folder = Path("records") / kind.folder
    made = sorted(p.name for p in (imported / folder).glob("*.yaml"))
    assert made == sorted(p.name for p in (REPO / folder).glob("*.yaml"))
    ident, data = sample(kind)
    again = load_text((imported / folder / f"{ident}.yaml").read_text(encoding="utf-8")).data
    assert again is not None
    refs = [f for f, _ in kind.refs]  # lists of ids (an alliance's members) too
    for key in ("name", "status", "founded", kind.type_field or "name", *refs):
        assert again.get(key) == data.get(key), key


@pytest.mark.parametrize("kind", [k for k in ORGANISATIONS if k.table not in {"societies", "branches", "party_cells"}])
def test_round_trip_of_a_generic_kind_keeps_every_exported_field(kind: kinds.Kind, imported: Path) -> None:
    """A kind whose table comes from its schema comes back whole: scalar fields, leaders, terms and lists
    of ids (an alliance's members); the history lists are not exported."""
    for path in sorted((REPO / "records" / kind.folder).glob("*.yaml")):
        original = load_text(path.read_text(encoding="utf-8")).data
        again = load_text((imported / "records" / kind.folder / path.name).read_text(encoding="utf-8")).data
        assert original is not None and again is not None

        # Not exported for these kinds (docs/import.md, "Round trip"): the history lists
        dropped = {"sources", "former_names", "past_terms", "election"}

        def kept(data: dict[str, Any], dropped: set[str] = dropped) -> dict[str, Any]:
            return {k: v for k, v in data.items() if k not in dropped}

        assert kept(again) == kept(original), path.name
