"""JSON output is strict JSON whatever a record or a query holds; kexie sql never touches the disk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import AS_OF, run_cli
from tests.robustness.records import GOOD_SOCIETY, HUGE_CELL

FILES: dict[str, str | bytes] = {
    "records/societies/ceshi-xuehui.yaml": GOOD_SOCIETY,
    "records/party-cells/juda-dangzhibu.yaml": HUGE_CELL,
}


def _strict_json(text: str) -> object:
    def refuse(name: str) -> float:
        raise AssertionError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def test_infinite_member_count_gives_null_in_json(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    shown = run_cli(["show", "juda-dangzhibu", "--format", "json", "--as-of", AS_OF], root)
    assert shown.exit_code == 0, shown.stderr
    assert _strict_json(shown.stdout)["record"]["members"] == {"full": None, "probationary": 0}  # type: ignore[index]
    listed = run_cli(
        ["list", "party-cells", "--columns", "id,members.full", "--format", "json", "--as-of", AS_OF], root
    )
    assert listed.exit_code == 0, listed.stderr
    assert _strict_json(listed.stdout) == [{"id": "juda-dangzhibu", "members.full": None}]


def test_sql_blob_and_infinity_in_json(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    result = run_cli(["sql", "SELECT x'00ff' AS b, 1e999 AS i, -1e999 AS j, 2.5 AS f", "--format", "json"], root)
    assert result.exit_code == 0, result.stderr
    assert _strict_json(result.stdout) == [{"b": "00ff", "i": None, "j": None, "f": 2.5}]


def test_sql_cannot_create_files(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FILES)
    for statement in (
        f"ATTACH DATABASE '{tmp_path / 'attached.db'}' AS other",
        f"VACUUM INTO '{tmp_path / 'copy.db'}'",
        "PRAGMA writable_schema = 1",
    ):
        result = run_cli(["sql", statement], root)
        assert result.exit_code == 2, statement
        assert "只读查询" in result.stderr
    assert not (tmp_path / "attached.db").exists()
    assert not (tmp_path / "copy.db").exists()


def test_sql_reading_still_works(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) SELECT sum(x) AS s FROM c"
    assert run_cli(["sql", query, "--format", "json"], root).json() == [{"s": 6}]
    counted = run_cli(["sql", "SELECT count(*) AS n FROM societies", "--format", "json"], root)
    assert counted.json() == [{"n": 1}]
    columns = run_cli(["sql", "PRAGMA table_info(party_cells)", "--format", "json"], root)
    assert columns.exit_code == 0
    assert "id" in [row["name"] for row in columns.json()]
