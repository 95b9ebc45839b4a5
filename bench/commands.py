"""Time every reading command against warm ``kexie check`` on one generated registry.

Usage: ``python bench/commands.py [--size 10000] [--repeat 3] [--out bench/out] [--kexie PYTHON]
[--national | --annual-years N]``

On the realistic corpus of ``bench/gen.py`` (generated once under ``--out``),
in one run: ``kexie check`` is run once to fill the cache, then each command
is timed warm (wall clock, median of ``--repeat`` fresh processes, output to
a pipe or a file under ``--out``), next to warm ``check``, reading and
hashing every file (*hash*, the floor of a content-hash cache) and ``git
status`` on the same tree (a Git repository is made once). It prints a
Markdown table: seconds, and the ratio to warm ``check`` (the target of
issue 27: at most 1.5x for the reading commands; ``export --format xlsx``
under 5 s), and the CPU seconds (user + system, with worker processes) of each, which a busy
shared machine disturbs much less than the wall clock. ``--kexie`` is the interpreter kexie
runs under (default: this one, so an editable checkout; ``bench/run.py`` times the built wheel).

``--national`` (``--size 50000``): only the check at scale, in one run: cold ``check --no-cache``
with its peak RSS (the process and its worker processes, as ``/usr/bin/time -v`` reports it; the
target of issue 27 is under 1 GiB), then warm ``check`` next to reading and hashing every file
and ``git status``.

``--annual-years N`` (issue 21): warm ``check``, ``summary`` and ``report`` on the corpus without annual
records and with N years of them for every organisation, and their ratio (target: at most 2x); first
with the registry's state from every entry's stat data, then with ``kexie monitor`` running over each
registry (the state is the watch's token), next to a bare walk that stats every entry (the floor).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.gen import generate  # noqa: E402 - after the path set-up, for `python bench/commands.py`
from bench.run import AS_OF, HASH_SCRIPT, median_of, timed  # noqa: E402

#: name -> arguments after ``kexie`` (``{out}``: a scratch folder; ``--root`` is added)
COMMANDS: dict[str, list[str]] = {
    "check": ["check", "--as-of", AS_OF, "--format", "json"],
    "due-elections": ["due-elections", "--as-of", AS_OF, "--format", "plain"],
    "inspections": ["inspections", "--as-of", AS_OF, "--format", "plain"],
    "party": ["party", "--as-of", AS_OF, "--format", "plain"],
    "summary": ["summary", "--as-of", AS_OF, "--format", "plain"],
    "list": ["list", "societies", "--as-of", AS_OF, "--format", "plain"],
    "find": ["find", "学会", "--format", "plain"],
    "sql": ["sql", "select count(*) from societies", "--as-of", AS_OF, "--format", "plain"],
    "show": ["show", "{id}", "--as-of", AS_OF, "--format", "plain"],
    "report --format html": ["report", "--format", "html", "-o", "{out}/report.html", "--as-of", AS_OF],
    "export --format xlsx": ["export", "--format", "xlsx", "-o", "{out}/export.xlsx", "--as-of", AS_OF],
    "export --format json": ["export", "--format", "json", "-o", "{out}/export.json", "--as-of", AS_OF],
    "export --format csv": ["export", "--format", "csv", "-o", "{out}/export-csv", "--as-of", AS_OF],
    "export --format sqlite": ["export", "--format", "sqlite", "-o", "{out}/export.sqlite", "--as-of", AS_OF],
    "letters elections --id": ["letters", "elections", "--id", "{due}", "-o", "{out}/letters", "--as-of", AS_OF],
    "diff": ["diff", "--format", "md"],
    "log": ["log", "{id}"],
}

#: a run that gives no remembered answer (kexie_cli/cli/answered.py): the command's own work, records from
#: the data packs (what a command costs when asked the first time after an edit, less refilling the packs)
NO_ANSWERS = {"KEXIE_ANSWERS": "0"}

#: ``--national``: the check at scale (issue 27): cold without the cache (time and peak RSS), then warm
NATIONAL: dict[str, list[str]] = {
    "check --no-cache (cold)": ["check", "--no-cache", "--as-of", AS_OF, "--format", "json"],
    "check (warm)": COMMANDS["check"],
}


def cpu_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    """Wall seconds and CPU seconds (user + system, the process and its reaped worker processes) of one run.

    On a shared machine the wall clock of a run depends on the others' load; its CPU time much less.
    ``env``: variables set for the run (``KEXIE_ANSWERS=0``: no remembered answer).
    """
    start = time.perf_counter()
    full_env = {**os.environ, **env} if env else None
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=full_env)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, out


def _command(python: str, root: Path, out: Path, args: list[str], record_id: str, due: str = "") -> list[str]:
    filled = [a.replace("{out}", str(out)).replace("{id}", record_id).replace("{due}", due) for a in args]
    return [python, "-m", "kexie_cli", *filled, "--root", str(root)]


def _first_due(python: str, root: Path) -> str:
    """The id of the first organisation whose 换届 is due (``letters --id`` needs one that has a letter)."""
    cmd = [python, "-m", "kexie_cli", "due-elections", "--as-of", AS_OF, "--format", "json", "--root", str(root)]
    found = json.loads(subprocess.run(cmd, capture_output=True, check=False).stdout or b"[]")
    return str(found[0]["id"]) if found else ""


def _git(root: Path, *args: str) -> None:
    base = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*base, *args], cwd=root, check=True, capture_output=True)


def national(args: argparse.Namespace, root: Path, record_id: str) -> int:
    """Cold ``check --no-cache`` (seconds, peak RSS of the process and its workers), then warm ``check``
    next to reading and hashing every file and ``git status``, all in this one run."""

    def nothing() -> None:
        pass

    rows: list[tuple[str, float, float]] = []
    cold = _command(args.kexie, root, root, NATIONAL["check --no-cache (cold)"], record_id)
    seconds, peak, out = median_of(args.repeat, partial(timed, cold), nothing)
    if not out.lstrip().startswith(b"["):  # the findings as JSON: anything else is a failed run, not a time
        raise SystemExit(f"kexie check did not run: {' '.join(cold)}")
    rows.append(("check --no-cache (cold)", seconds, peak))
    print(f"check --no-cache (cold): {seconds:.2f} s, {peak:.0f} MiB", file=sys.stderr, flush=True)
    warm = _command(args.kexie, root, root, NATIONAL["check (warm)"], record_id)
    timed(warm)  # fill the cache
    seconds, peak, _ = median_of(args.repeat, partial(timed, warm), nothing)
    rows.append(("check (warm)", seconds, peak))
    hashing = median_of(args.repeat, partial(timed, [args.kexie, "-c", HASH_SCRIPT, str(root / "records")]), nothing)
    rows.append(("read + hash every file", hashing[0], hashing[1]))
    git_status = median_of(args.repeat, partial(timed, ["git", "-C", str(root), "status", "--porcelain"]), nothing)
    rows.append(("git status", git_status[0], git_status[1]))
    for name, secs, rss in rows:
        print(f"{name}: {secs:.2f} s, {rss:.0f} MiB", file=sys.stderr, flush=True)
    base = rows[1][1]
    print(f"{args.size} records (realistic), median of {args.repeat}:\n")
    print("| run | s | × warm check | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    for name, secs, rss in rows:
        print(f"| {name} | {secs:.2f} | {secs / base:.2f} | {rss:.0f} |")
    return 0


#: what any run that looks at every file costs at least: start Python, list every folder, stat every entry
STAT_SCRIPT = """
import os, sys
def walk(folder):
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    names = sorted(os.listdir(fd))
    stats = [os.stat(n, dir_fd=fd, follow_symlinks=False) for n in names]
    os.close(fd)
    for name, st in zip(names, stats):
        if os.path.stat.S_ISDIR(st.st_mode):
            walk(folder + "/" + name)
walk(sys.argv[1])
"""

#: ``--annual-years N``: the commands issue 21 times with and without the annual records, each with its
#: registry's state taken from the stat data of every entry, then again with ``kexie monitor`` running
#: over each registry (the state is the watch's token: kexie_cli/registry/monitor.py)
ANNUAL: dict[str, list[str]] = {
    "check": COMMANDS["check"],
    "summary": COMMANDS["summary"],
    "report --format html": COMMANDS["report --format html"],
}


def annual(args: argparse.Namespace, scratch: Path) -> int:
    """Warm ``check``, ``summary`` and ``report`` on the corpus without annual records and on the same corpus
    with ``--annual-years`` years of them for every organisation, in one run, and their ratio (issue 21: <= 2),
    wall clock and CPU seconds."""
    roots = {}
    for years in (0, args.annual_years):
        root = args.out / f"annual-{args.size}-{years}"
        if not (root / "kexie.yaml").is_file():
            generate(args.size, root, annual_years=years)
        roots[years] = root
    print(f"{args.size} organisations (realistic), warm, median of {args.repeat} (CPU: user + system):\n")
    years = args.annual_years
    rows: dict[str, list[str] | None] = {"stat every entry (the floor)": None, **ANNUAL}
    print(f"| command | without (s) | with {years} years (s) | ratio | CPU without | CPU with | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, command in rows.items():
        _annual_row(args, scratch, list(roots.values()), name, command)
    with watching(args.kexie, list(roots.values())):  # kexie monitor over each registry: no stat per entry
        for name, command in ANNUAL.items():
            _annual_row(args, scratch, list(roots.values()), f"{name}, kexie monitor running", command)
    return 0


def _annual_row(
    args: argparse.Namespace, scratch: Path, roots: list[Path], name: str, command: list[str] | None
) -> None:
    walls, cpus = [], []
    for root in roots:
        if command is None:  # Python started, every entry below records/ listed and stat'ed: no more
            full = [args.kexie, "-c", STAT_SCRIPT, str(root / "records")]
        else:
            full = _command(args.kexie, root, scratch, command, "")
            timed(_command(args.kexie, root, scratch, COMMANDS["check"], ""))  # fill the cache
            timed(full)  # the command's own first run may fill what it keeps
        runs = [cpu_timed(full) for _ in range(args.repeat)]
        walls.append(statistics.median(r[0] for r in runs))
        cpus.append(statistics.median(r[1] for r in runs))
    cells = f"{walls[0]:.2f} | {walls[1]:.2f} | {walls[1] / walls[0]:.2f}"
    print(f"| {name} | {cells} | {cpus[0]:.2f} | {cpus[1]:.2f} | {cpus[1] / cpus[0]:.2f} |", flush=True)


@contextlib.contextmanager
def watching(python: str, roots: list[Path]) -> Iterator[None]:
    """``kexie monitor`` over each of ``roots`` (each ready: its first line printed), stopped with Ctrl+C."""
    procs = []
    try:
        for root in roots:
            cmd = [python, "-m", "kexie_cli", "monitor", "--root", str(root)]
            proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
            procs.append(proc)
            assert proc.stderr is not None
            if proc.stderr.readline() == "":
                raise SystemExit(f"kexie monitor did not start: {' '.join(cmd)}")
        yield
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGINT)
            proc.communicate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time every reading command against warm kexie check.")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--kexie", default=sys.executable, help="the interpreter kexie runs under")
    parser.add_argument(
        "--national", action="store_true", help="only check: cold --no-cache (with peak RSS) and warm, at scale"
    )
    parser.add_argument("--annual-years", type=int, default=0, help="only check, summary and report: without and with")
    args = parser.parse_args(argv)
    root = args.out / f"commands-{args.size}"
    scratch = args.out / "scratch"
    if args.annual_years:
        scratch.mkdir(parents=True, exist_ok=True)
        return annual(args, scratch)
    if not (root / "kexie.yaml").is_file():
        generate(args.size, root)
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "bench")
    scratch.mkdir(parents=True, exist_ok=True)
    record_id = sorted((root / "records" / "societies").glob("*.yaml"))[0].stem
    if args.national:
        return national(args, root, record_id)

    def nothing() -> None:
        pass

    warm = _command(args.kexie, root, scratch, COMMANDS["check"], record_id)
    timed(warm)  # fill the cache
    rows: list[tuple[str, float, float]] = []
    hash_cmd = [args.kexie, "-c", HASH_SCRIPT, str(root / "records")]
    git_cmd = ["git", "-C", str(root), "status", "--porcelain"]
    for name, cmd in (("read + hash every file", hash_cmd), ("git status", git_cmd)):
        seconds, cpu, _ = median_of(args.repeat, partial(cpu_timed, cmd), nothing)
        rows.append((name, seconds, cpu))
    fresh: dict[str, float] = {}  # CPU seconds without a remembered answer (records from the data packs)
    due = _first_due(args.kexie, root)
    for name, command in COMMANDS.items():
        cmd = _command(args.kexie, root, scratch, command, record_id, due)
        timed(cmd)  # the command's own first run may fill what it keeps
        seconds, cpu, _ = median_of(args.repeat, partial(cpu_timed, cmd), nothing)
        rows.append((name, seconds, cpu))
        if name != "check":
            fresh[name] = median_of(args.repeat, partial(cpu_timed, cmd, NO_ANSWERS), nothing)[1]
        print(f"{name}: {seconds:.2f} s, {cpu:.2f} s CPU", file=sys.stderr, flush=True)  # progress
    shutil.rmtree(scratch, ignore_errors=True)
    base = {name: (seconds, cpu) for name, seconds, cpu in rows}["check"]
    print(f"{args.size} records (realistic), warm, median of {args.repeat} (CPU: user + system):\n")
    print("| command | s | × warm check | CPU s | CPU × warm check | CPU s, no remembered answer | × |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, seconds, cpu in rows:
        cells = f"{seconds:.2f} | {seconds / base[0]:.2f} | {cpu:.2f} | {cpu / base[1]:.2f}"
        other = f"{fresh[name]:.2f} | {fresh[name] / base[1]:.2f}" if name in fresh else "| "
        print(f"| {name} | {cells} | {other} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
