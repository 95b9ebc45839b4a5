"""What every kind gets from kinds.py: 筹备 counted apart, counts per type, relations in show, new (issue 22)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import AS_OF, run_cli, write_registry
from tests.rules import office, society, subunit


def registry(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = dict(
        [
            society("name: 示例市机械工程学会\nlevel: provincial"),
            society("status: preparing\nname: 示例市人工智能学会", ident="demo-new", drop="registration inspections"),
            subunit("name: 示例市机械工程学会铸造分会\nfiled: {date: 2010-05-01, doc_no: 示机〔2010〕3号}"),
            subunit("name: 示例市机械工程学会焊接分会\ntype: chapter\nstatus: preparing", ident="demo-unit2"),
            office("parent_society: demo-society", drop="parent_name"),
        ]
    )
    return write_registry(tmp_path, files)


def tables(root: Path, *names: str, where: tuple[str, ...] = ()) -> dict[str, Any]:
    args = ["summary", *names, "--as-of", AS_OF, "--format", "json", *(a for w in where for a in ("--where", w))]
    run = run_cli(args, root)
    assert run.exit_code == 0, run.stderr
    return {t["table"]: t for t in run.json()}


def test_preparing_is_counted_apart_and_never_on_the_books(tmp_path: Path) -> None:
    root = registry(tmp_path)
    assert run_cli(["check", "--as-of", AS_OF], root).exit_code == 0  # no registration asked of 筹备
    found = tables(root, "kinds", "levels", "counts-subunits")
    rows = {r["kind"]: r for r in found["kinds"]["rows"]}
    assert (rows["society"]["on_books"], rows["society"]["preparing"], rows["society"]["active"]) == (1, 1, 1)
    assert (rows["subunit"]["on_books"], rows["subunit"]["preparing"]) == (1, 1)
    assert (rows["liaison-office"]["on_books"], rows["liaison-office"]["preparing"]) == (1, 0)
    assert found["levels"]["total"]["total"] == 1  # the society in preparation is in no statistics table
    by_type = {r["type"]: r for r in found["counts-subunits"]["rows"]}
    assert by_type["professional-committee"]["on_books"] == 1 and by_type["chapter"]["preparing"] == 1
    assert found["counts-subunits"]["headline"] == "分支机构在册1个，筹备中1个"


def test_where_leaves_out_a_kind_whose_field_has_other_values(tmp_path: Path) -> None:
    """``level=provincial``: societies have that level, 联络处 (市级/区县级) do not: they are out of scope."""
    rows = {r["kind"]: r for r in tables(registry(tmp_path), "kinds", where=("level=provincial",))["kinds"]["rows"]}
    assert rows["society"]["on_books"] == 1 and rows["liaison-office"]["on_books"] == 0
    bad = run_cli(["summary", "kinds", "--where", "level=planet", "--as-of", AS_OF], registry(tmp_path / "b"))
    assert bad.exit_code == 2 and "planet" in bad.stderr


def test_show_names_the_society_and_lists_what_belongs_to_it(tmp_path: Path) -> None:
    root = registry(tmp_path)
    society_page = run_cli(["show", "demo-society", "--as-of", AS_OF], root).stdout
    for ident in ("demo-unit", "demo-unit2", "demo-office"):
        assert ident in society_page
    office_page = run_cli(["show", "demo-office", "--as-of", AS_OF], root).stdout
    assert "所属社团" in office_page and "示例市机械工程学会" in office_page


def test_sql_table_of_a_kind_comes_from_its_schema(tmp_path: Path) -> None:
    query = "SELECT id, filed_date, filed_doc_no, head FROM subunits WHERE filed_date IS NOT NULL"
    run = run_cli(["sql", query, "--as-of", AS_OF, "--format", "json"], registry(tmp_path))
    assert run.json() == [
        {"id": "demo-unit", "filed_date": "2010-05-01", "filed_doc_no": "示机〔2010〕3号", "head": "王强"}
    ]


def test_new_subunit_and_liaison_office(tmp_path: Path) -> None:
    root = registry(tmp_path)
    base = ["--no-input", "--as-of", AS_OF, "--set", "founded=2025-05-01", "--set", "since=2025-05-01"]
    base += ["--set", "chair=严思远"]
    unit = ["--set", "type=professional-committee", "--set", "parent=demo-society"]
    made = run_cli(["new", "subunit", "--name", "示例市机械工程学会软件专业委员会", *base, *unit], root)
    assert made.exit_code == 0, made.stderr
    [path] = list((root / "records" / "subunits").glob("*zhuanwei.yaml"))
    assert "kind: subunit" in path.read_text(encoding="utf-8")
    office_values = ["--set", "level=municipal", "--set", "parent_name=示例省化学会"]
    made = run_cli(["new", "liaison-office", "--name", "示例省化学会示例市联络处", *base, *office_values], root)
    assert made.exit_code == 0, made.stderr
    assert list((root / "records" / "liaison-offices").glob("*-lianluochu.yaml"))
    assert run_cli(["check", "--as-of", AS_OF], root).exit_code == 0
