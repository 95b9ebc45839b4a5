"""``kexie sql`` builds only the tables its query reads (query/sqlite.py: tables_read), with the same result."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from kexie_cli.errors import KexieError
from kexie_cli.query import dataset
from kexie_cli.query.dataset_schema import Table
from kexie_cli.query.snapshot import Snapshot, snapshot
from kexie_cli.query.sqlite import run, tables_read
from kexie_cli.registry.load import Registry
from tests.conftest import AS_OF, REPO


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ("select count(*) from societies", {"societies"}),  # no column read: still the table
        ("SELECT COUNT(*) FROM Societies", {"societies"}),
        ("select s.name, l.name from societies s join leaders l on l.record_id = s.id", {"societies", "leaders"}),
        ("with t as (select id from branches) select count(*) from t", {"branches"}),
        ("select exists(select 1 from meetings)", {"meetings"}),
        ("select * from terms where record_id in (select id from party_cells)", {"terms", "party_cells"}),
        ("select name from sqlite_master", set()),
        ("pragma table_info(stars)", set()),
        ("select 1", set()),
    ],
)
def test_the_tables_a_query_reads(sql: str, tables: set[str]) -> None:
    assert tables_read(sql) == tables


@pytest.mark.parametrize(
    "sql",
    [
        "select * from",  # a syntax error: the query itself reports it
        "select 1; select 2",
        "explain select 1",
        "attach database 'x.db' as x",  # refused by the authorizer
        "select load_extension('x')",
    ],
)
def test_a_query_that_does_not_compile_alone_fills_every_table(sql: str) -> None:
    assert tables_read(sql) is None


@pytest.fixture(scope="module")
def sample() -> Snapshot:
    registry = Registry.open(REPO, REPO)
    return snapshot(registry, dt.date.fromisoformat(AS_OF), "zh")


QUERIES = [
    "select count(*) from societies",
    "select s.id, count(l.name) from societies s left join leaders l on l.record_id = s.id group by s.id order by s.id",
    "select * from meetings order by 1, 2, 3",
    "select (select count(*) from stars), (select count(*) from inspections), (select count(*) from coverage)",
    "select name from sqlite_master order by name",
    "select 1 + 1",
]


@pytest.mark.parametrize("sql", QUERIES)
def test_building_only_the_tables_read_gives_the_same_rows(sample: Snapshot, sql: str) -> None:
    every = run(dataset.build(sample.records, sample.qctx), sql, "zh")
    built: list[set[str] | None] = []

    def build(only: set[str] | None) -> list[Table]:
        built.append(only)
        return dataset.build(sample.records, sample.qctx, only)

    some = run(build, sql, "zh")
    assert some.rows == every.rows
    assert built == [tables_read(sql)]
    assert built[0] is not None


def test_errors_are_those_of_the_query(sample: Snapshot) -> None:
    for sql in ("select * from", "select * from nowhere", "attach database 'x.db' as x"):
        with pytest.raises(KexieError) as whole:
            run(dataset.build(sample.records, sample.qctx), sql, "zh")
        with pytest.raises(KexieError) as lazy:
            run(partial(dataset.build, sample.records, sample.qctx), sql, "zh")
        assert lazy.value.args == whole.value.args, sql


def test_only_fills_the_tables_named(sample: Snapshot) -> None:
    tables = {t.name: t for t in dataset.build(sample.records, sample.qctx, {"leaders"})}
    assert tables["leaders"].rows
    assert all(not t.rows for name, t in tables.items() if name != "leaders")
