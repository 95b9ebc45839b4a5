"""The shipped sample registry (示例市科协) and the shipped schemas."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.registry.layout import KIND_FOLDERS
from tests.conftest import AS_OF, REPO, run_cli

SCHEMAS = REPO / "schemas"


@pytest.fixture(scope="module")
def findings() -> list[dict[str, Any]]:
    run = run_cli(["check", "--as-of", AS_OF, "--format", "json"], root=REPO)
    assert run.exit_code == 0
    data = run.json()
    assert isinstance(data, list)
    return data


def test_sample_has_no_errors_and_the_planted_warnings(findings: list[dict[str, Any]]) -> None:
    assert not [f for f in findings if f["severity"] == "error"]
    warnings = sorted((f["code"], f["id"]) for f in findings if f["severity"] == "warning")
    assert warnings == [
        ("K301", "jinshu-xuehui"),
        ("K301", "wenchang-jiedao-kexie"),
        ("K301", "zhiwu-xuehui"),
        ("K401", "xinli-xuehui"),
        ("K402", "keji-qingbao-xuehui"),
        # 2025 年报 not in (scripts/annual_sample.py): three drafts, one returned, two without a record
        ("K412", "binjiang-renmin-yiyuan-kexie-2025"),
        ("K412", "huanjing-kexue-xuehui-dangzhibu-2025"),
        ("K412", "jiaotong-jianshe-lianhe-dangzhibu-2025"),
        ("K412", "shengtai-xuehui"),
        ("K412", "wangjiang-shequ-kexie"),
        ("K412", "yingyang-xuehui-2025"),
        ("K501", "zhishi-chanquan-yanjiuhui"),
        ("K601", "yaoxuehui"),
    ]


def test_sample_size_and_mix() -> None:
    counts = {kind: len(list((REPO / "records" / folder).glob("*.yaml"))) for kind, folder in KIND_FOLDERS.items()}
    assert counts["society"] >= 60 and counts["branch"] >= 40 and counts["party-cell"] >= 30
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "records").rglob("*.yaml"))
    for value in ("national", "provincial", "municipal", "district"):
        assert f"level: {value}" in text
    for value in ("science", "engineering", "agriculture", "medicine", "interdisciplinary"):
        assert f"discipline: {value}" in text
    for value in ("district", "township", "village", "enterprise", "university", "school", "agency", "institution"):
        assert f"type: {value}" in text
    for value in ("committee", "branch", "joint-branch", "working-group"):
        assert f"form: {value}" in text
    assert "three_heads:" in text


@pytest.mark.parametrize("folder", sorted(KIND_FOLDERS.items()))
def test_every_record_starts_with_the_schema_modeline(folder: tuple[str, str]) -> None:
    kind, name = folder
    for path in (REPO / "records" / name).glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json", path


def _walk(node: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    if isinstance(node, dict):
        out.append((where, node))
        for key, value in node.items():
            out += _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _walk(value, f"{where}/{i}")
    return out


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_schema_labels_titles_and_descriptions(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    for where, node in _walk(document, path.name):
        if "enum" in node:
            labels = node.get("x-labels")
            assert isinstance(labels, dict) and list(labels) == node["enum"], where
            assert node.get("enumDescriptions") == [labels[v] for v in node["enum"]], where
        for name, prop in (node.get("properties") or {}).items():
            assert prop.get("title") and prop.get("description"), f"{where}/properties/{name}"


def test_shipped_schemas_are_the_repository_schemas() -> None:
    shipped = REPO / "kexie_cli" / "_data" / "schemas"
    assert sorted(p.name for p in shipped.glob("*.json")) == sorted(p.name for p in SCHEMAS.glob("*.json"))
    for p in SCHEMAS.glob("*.json"):
        assert (shipped / p.name).read_bytes() == p.read_bytes()


def test_sample_ids_are_unique_and_match_files() -> None:
    ids = Counter(p.stem for p in (REPO / "records").rglob("*.yaml"))
    assert all(n == 1 for n in ids.values())
