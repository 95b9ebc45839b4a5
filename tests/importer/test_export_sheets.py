"""A kexie export's sheets of the other kinds are not detail sheets of the imported kind (round 4).

Before, importing ``--kind branch`` from an export joined the 科技社团 sheet to the branches by
name and listed its 70 rows as unmatched; a staff sheet that happens to be called 党组织 must
still be joined.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from kexie_cli.kinds import BY_CODE, KINDS
from kexie_cli.query.dataset_schema import SCHEMA, links_of
from tests.conftest import AS_OF, REPO, run_cli, write_registry


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = tmp_path_factory.mktemp("export") / "export.xlsx"
    assert run_cli(["export", "--format", "xlsx", "-o", str(book), "--as-of", AS_OF], REPO).exit_code == 0
    return book


def empty(tmp_path: Path) -> Path:
    root = tmp_path / "reg"
    root.mkdir()
    shutil.copy(REPO / "kexie.yaml", root / "kexie.yaml")
    return root


@pytest.mark.parametrize("kind", ["branch", "party-cell"])
def test_other_kinds_of_an_export_are_named_not_joined(export: Path, tmp_path: Path, kind: str) -> None:
    others = {  # every kind has its export sheet, the annual records their 年度活动 sheet too, and an
        # alliance its 学会联合体成员学会 (one row per member)
        SCHEMA[t][0]: k.code
        for k in KINDS
        if k.code != kind
        for t in SCHEMA
        if t == k.table or t.startswith(f"{k.table}_") or t in dict(links_of(k))
    }
    assert others["年度活动"] == "annual"
    assert others["学会联合体成员学会"] == "alliance"
    assert {"科技社团", "基层科协", "党组织"} - {SCHEMA[BY_CODE[kind].table][0]} <= set(others)
    root = empty(tmp_path)
    run = run_cli(["import", str(export), "--kind", kind, "--as-of", AS_OF, "--format", "json", "--dry-run"], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["notes"] == []
    assert report["joined_sheets"] == []
    assert report["unread_sheets"] == []
    assert {s["sheet"]: s["kind"] for s in report["other_kind_sheets"]} == others
    text = run_cli(["import", str(export), "--kind", kind, "--as-of", AS_OF, "--dry-run"], root).stdout
    assert "未并入" not in text.replace("（未并入，可另行导入）", "")
    assert "--kind society" in text
    english = run_cli(["import", str(export), "--kind", kind, "--as-of", AS_OF, "--dry-run", "--lang", "en"], root)
    assert "sheets of other kinds" in english.stdout


def test_a_staff_sheet_titled_like_a_kind_is_still_joined(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {}, "registry: 星河市科学技术协会\n")
    book = Workbook()
    basic = book.active
    basic.title = "科技社团"
    for row in (["学会名称", "成立时间"], ["星河市物理学会", "1965"]):
        basic.append(row)
    party = book.create_sheet("党组织")
    for row in (["单位名称", "党建联络员"], ["星河市物理学会", "周七"]):
        party.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    run = run_cli(["import", str(path), "--kind", "society", "--as-of", AS_OF, "--format", "json"], root)
    assert run.exit_code == 0, run.stdout + run.stderr
    report = run.json()
    assert report["joined_sheets"] == ["党组织"]
    assert report["other_kind_sheets"] == []
