"""Attack 3: `kexie sql` is bounded in time, memory, rows and value size; Ctrl-C cancels; reads only its tables."""

from __future__ import annotations

import os
import resource
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
from tests.waiting import cpu_seconds, has_proc, process_cpu_seconds

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": society()}
ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
A_DAY = 86400  # the largest --timeout, for tests that something other than the clock stops


def test_endless_query_stops_at_the_timeout(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    start = cpu_seconds()
    result = run_cli(["sql", ENDLESS + "SELECT count(*) FROM c", "--timeout", "1"], root)
    assert cpu_seconds() - start < 5  # CPU, not wall time: a busy machine stretches the second, not the CPU used
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
    result = run_cli(["sql", query, "--timeout", str(A_DAY)], root)  # the memory bound, not the clock, stops it
    assert result.exit_code == 1, result.stderr
    assert "内存超过" in result.stderr


def _small_memory(init: Callable[..., None]) -> Callable[..., None]:
    def patched(self: object, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        object.__setattr__(self, "memory", 64 * 1024 * 1024)

    return patched


# The child says when it is inside the query (the first call of the progress handler), so the signal is
# never sent before the handler is installed, however slow the start.
READY = (
    "import os; from kexie_cli.query import sqlite\n"
    "class Ready(sqlite._Watch):\n"
    "    said = False\n"
    "    def __call__(self):\n"
    "        if not Ready.said:\n"
    "            Ready.said = True\n"
    "            os.write(1, b'ready\\n')\n"
    "        return super().__call__()\n"
    "sqlite._Watch = Ready\n"
    "from kexie_cli.cli import main; main()"
)
CANCEL_CPU = 1.5  # CPU seconds the child may use between Ctrl-C and its exit


@pytest.mark.signals
@pytest.mark.skipif(not has_proc(), reason="reads the child's CPU time from /proc")
def test_ctrl_c_cancels_at_once(registry: Callable[..., Path]) -> None:
    root = registry(FILES)
    env = {**os.environ, "KEXIE_LANG": "zh"}
    args = [sys.executable, "-c", READY, "sql", ENDLESS + "SELECT count(*) FROM c", "--timeout", str(A_DAY)]
    before = _children_cpu()
    proc = subprocess.Popen(args, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        at_signal = process_cpu_seconds(proc.pid)
        proc.send_signal(signal.SIGINT)
        while proc.poll() is None:  # a cancel that does not work fails here, after CANCEL_CPU of CPU time
            assert process_cpu_seconds(proc.pid) - at_signal < CANCEL_CPU, "the query went on after Ctrl-C"
            time.sleep(0.05)  # clock-ok: how often to look, not how long to wait
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _children_cpu() - before - at_signal < CANCEL_CPU  # CPU time after the signal, to the exit
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == 1, err
    assert "查询已取消" in err and "Traceback" not in err


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
