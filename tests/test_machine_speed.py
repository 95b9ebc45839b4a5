"""No test's verdict depends on how fast the machine is (docs/testing.md, "Machine speed").

The suite waits for events, bounds CPU time where a bound is the point, and fails on a hang only when
nothing makes progress (tests/waiting.py). This file keeps it so: a wall-clock reading, a numeric
timeout or an alarm in a test needs a ``# clock-ok: reason`` on its line saying why no verdict rests on it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests import waiting

TESTS = Path(__file__).resolve().parent
CLOCK = re.compile(
    r"\btime\.(monotonic|time|perf_counter)(_ns)?\("  # wall-clock readings
    r"|\bsleep\("  # waiting a while instead of for an event
    r"|\bsignal\.alarm\(|\bsetitimer\("  # alarms on wall time
    r"|\btimeout=(?!0\b|None\b)[\w.]"  # numeric timeouts (0: "at once" needs no clock)
    r"|\.wait\((?!\))"  # Event.wait(5), Popen.wait(5)
    r"|\bdeadline=(?!None\b)"  # Hypothesis deadlines
)
OWN = {TESTS / "waiting.py", Path(__file__).resolve()}  # the helpers themselves, and this file's own examples


def clock_uses(text: str) -> list[tuple[int, str]]:
    """(line number, line) of each wall-clock dependence in ``text`` not marked ``# clock-ok:``."""
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), 1)
        if CLOCK.search(line.split("#", 1)[0]) and "# clock-ok:" not in line
    ]


def test_the_audit_finds_wall_clock_dependences() -> None:
    flagged = [
        "assert time.monotonic() - start < 5",
        "time.sleep(2.0)  # started and inside the query",
        "proc.communicate(timeout=20)",
        "subprocess.run(args, capture_output=True, timeout=120, check=False)",
        "assert held.wait(5)",
        "signal.alarm(60)",
        "@settings(max_examples=9, deadline=500)",
        "while kills < 50 and time.perf_counter() - started < 20:",
    ]
    kept = [
        "with registry_lock(root, timeout=0):",
        "release.wait()",
        "@settings(deadline=None)",
        "time.sleep(0.05)  # clock-ok: how often to look",
        "start = cpu_seconds()",
        "# a comment naming time.monotonic() is not a use",
    ]
    assert [line for _, line in clock_uses("\n".join(flagged))] == flagged
    assert clock_uses("\n".join(kept)) == []


def test_no_test_reads_the_wall_clock_unmarked() -> None:
    found = [
        f"{path.relative_to(TESTS.parent)}:{number}: {line}"
        for path in sorted(TESTS.rglob("*.py"))
        if path not in OWN
        for number, line in clock_uses(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "wall-clock dependence (wait for an event, or bound CPU time; see docs/testing.md)"


def test_hypothesis_has_no_deadline_and_no_speed_health_check() -> None:
    profile = settings.default
    assert profile is not None
    assert profile.deadline is None
    assert HealthCheck.too_slow in profile.suppress_health_check
    # a test's own suppress list replaces the profile's: each must name too_slow again
    for path in sorted(TESTS.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"suppress_health_check=\[([^\]]*)\]", text):
            assert "too_slow" in match.group(1), f"{path.name}: {match.group(0)}"


def test_cpu_seconds_counts_work_not_waiting() -> None:
    start = waiting.cpu_seconds()
    time.sleep(0.3)  # clock-ok: the point of this test is that waiting uses no CPU
    assert waiting.cpu_seconds() - start < 0.2


@pytest.mark.signals
@pytest.mark.skipif(not waiting.has_proc(), reason="reads CPU time from /proc")
def test_a_blocked_child_is_stopped_and_a_working_one_awaited() -> None:
    # blocked: reads a pipe nobody writes to, using no CPU
    blocked = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    with pytest.raises(waiting.Blocked):
        waiting.wait(blocked, stall=1.0)
    assert blocked.returncode is not None  # killed and reaped
    assert blocked.stdin is not None
    blocked.stdin.close()
    # working: busy for longer than the stall, then done
    busy = "import time\nend = time.process_time() + 2\nwhile time.process_time() < end: pass\nprint('done')"
    done = waiting.run([sys.executable, "-c", busy], text=True, stall=1.0)
    assert done.returncode == 0 and done.stdout == "done\n"
