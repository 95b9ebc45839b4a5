"""scripts/under_load.py: the busy loops of `make test-load` run beside the command and never outlive it."""

from __future__ import annotations

import sys

import pytest

from scripts import under_load

pytestmark = pytest.mark.signals  # starts and kills processes


def test_loops_spin_during_the_block_and_are_stopped_after_it() -> None:
    with under_load.busy_loops(2, limit=600) as loops:
        assert len(loops) == 2
        assert all(loop.poll() is None for loop in loops)  # still spinning
    assert all(loop.returncode is not None for loop in loops)  # killed and reaped at once, not after 600 s


def test_loops_are_stopped_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), under_load.busy_loops(2, limit=600) as loops:
        raise RuntimeError
    assert all(loop.returncode is not None for loop in loops)


def test_a_loop_ends_by_itself_at_its_limit() -> None:
    with under_load.busy_loops(1, limit=0) as loops:
        assert loops[0].wait() == 0  # a loop with no time left exits on its own


def test_the_exit_status_is_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    status = under_load.main(["--loops", "1", "--", sys.executable, "-c", "raise SystemExit(3)"])
    assert status == 3
    assert "exit 3" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        under_load.main(["--loops", "1"])  # no command
