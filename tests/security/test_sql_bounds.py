"""Attack 3: `kexie sql` is bounded in time, memory, rows and value size; Ctrl-C cancels; reads only its tables."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kexie_cli.query import sqlite
from tests.conftest import run_cli
from tests.security.hostile import society

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": society()}
ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "


def test_endless_query_stops_at_the_timeout(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    start = time.monotonic()
    result = run_cli(["sql", ENDLESS + "SELECT count(*) FROM c", "--timeout", "1"], root)
    assert time.monotonic() - start < 5
    assert result.exit_code == 1, result.stderr
    assert "查询超过 1 秒，已停止" in result.stderr


def test_default_timeout_is_documented_in_help() -> None:
    result = run_cli(["sql", "--help"])
    assert "--timeout" in result.stdout and "10" in result.stdout


def test_endless_rows_stop_at_the_row_bound(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    result = run_cli(["sql", ENDLESS + "SELECT x FROM c", "--max-rows", "5000"], root)
    assert result.exit_code == 1, result.stderr
    assert "超过 5000 行" in result.stderr


def test_huge_values_are_stopped(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    query = "WITH RECURSIVE s(t) AS (SELECT 'xxxxxxxxxx' UNION ALL SELECT t || t FROM s LIMIT 31) SELECT max(t) FROM s"
    result = run_cli(["sql", query], root)
    assert result.exit_code == 1, result.stderr
    assert "单个值超过" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "query",
    [
        "SELECT randomblob(300000000)",
        "SELECT zeroblob(300000000)",
        "SELECT fts3_tokenizer('simple')",
        "SELECT name FROM sqlite_temp_master",
    ],
)
def test_functions_and_tables_outside_the_allow_list_are_refused(registry: Callable[..., Path], query: str) -> None:
    root = registry(FILES)
    ordinary = (  # what a secretariat writes keeps working: CTEs, aggregates, window functions
        "WITH t AS (SELECT id, upper(name) AS n FROM societies) "
        "SELECT count(*) AS c, max(length(n)) AS m, group_concat(id) AS ids, "
        "row_number() OVER () AS r FROM t"
    )
    result = run_cli(["sql", ordinary, "--format", "json"], root)
    assert result.exit_code == 0, result.stderr
    assert result.json()[0]["ids"] == "ceshi-xuehui"
    result = run_cli(["sql", query], root)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "只读查询" in result.stderr


def test_memory_bound_stops_a_query(registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite.Limits, "__init__", _small_memory(sqlite.Limits.__init__))
    root = registry(FILES)
    query = ENDLESS + "SELECT group_concat(x) FROM (SELECT x FROM c ORDER BY x DESC LIMIT 50000000)"
    result = run_cli(["sql", query, "--timeout", "60"], root)
    assert result.exit_code == 1, result.stderr
    assert "内存超过" in result.stderr


def _small_memory(init: Callable[..., None]) -> Callable[..., None]:
    def patched(self: object, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        object.__setattr__(self, "memory", 64 * 1024 * 1024)

    return patched


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_cancels_at_once(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    env = {**os.environ, "KEXIE_LANG": "zh"}
    code = "from kexie_cli.cli import main; main()"
    args = [sys.executable, "-c", code, "sql", ENDLESS + "SELECT count(*) FROM c", "--timeout", "60"]
    proc = subprocess.Popen(args, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)  # started and inside the query
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert time.monotonic() - sent < 1.5
    assert proc.returncode == 1, err
    assert "查询已取消" in err and "Traceback" not in err
