"""Time every reading command against warm ``kexie check`` on one generated registry.

Usage: ``python bench/commands.py [--size 10000] [--repeat 3] [--out bench/out] [--kexie PYTHON]``

On the realistic corpus of ``bench/gen.py`` (generated once under ``--out``),
in one run: ``kexie check`` is run once to fill the cache, then each command
is timed warm (wall clock, median of ``--repeat`` fresh processes, output to
a pipe or a file under ``--out``), next to warm ``check``, reading and
hashing every file (*hash*, the floor of a content-hash cache) and ``git
status`` on the same tree (a Git repository is made once). It prints a
Markdown table: seconds, and the ratio to warm ``check`` (the target of
issue 27: at most 1.5x for the reading commands; ``export --format xlsx``
under 5 s). ``--kexie`` is the interpreter kexie runs under (default: this
one, so an editable checkout; ``bench/run.py`` times the built wheel).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
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
}


def _command(python: str, root: Path, out: Path, args: list[str], record_id: str) -> list[str]:
    filled = [a.replace("{out}", str(out)).replace("{id}", record_id) for a in args]
    return [python, "-m", "kexie_cli", *filled, "--root", str(root)]


def _git(root: Path, *args: str) -> None:
    base = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*base, *args], cwd=root, check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time every reading command against warm kexie check.")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--kexie", default=sys.executable, help="the interpreter kexie runs under")
    args = parser.parse_args(argv)
    root = args.out / f"commands-{args.size}"
    scratch = args.out / "scratch"
    if not (root / "kexie.yaml").is_file():
        generate(args.size, root)
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "bench")
    scratch.mkdir(parents=True, exist_ok=True)
    record_id = sorted((root / "records" / "societies").glob("*.yaml"))[0].stem

    def nothing() -> None:
        pass

    warm = _command(args.kexie, root, scratch, COMMANDS["check"], record_id)
    timed(warm)  # fill the cache
    rows: list[tuple[str, float]] = []
    hash_cmd = [args.kexie, "-c", HASH_SCRIPT, str(root / "records")]
    hashing, _, _ = median_of(args.repeat, partial(timed, hash_cmd), nothing)
    git_cmd = ["git", "-C", str(root), "status", "--porcelain"]
    git_status, _, _ = median_of(args.repeat, partial(timed, git_cmd), nothing)
    for name, command in COMMANDS.items():
        cmd = _command(args.kexie, root, scratch, command, record_id)
        timed(cmd)  # the command's own first run may fill what it keeps
        seconds, _, _ = median_of(args.repeat, partial(timed, cmd), nothing)
        rows.append((name, seconds))
        print(f"{name}: {seconds:.2f} s", file=sys.stderr, flush=True)  # progress: the table comes at the end
    shutil.rmtree(scratch, ignore_errors=True)
    base = dict(rows)["check"]
    print(f"{args.size} records (realistic), warm, median of {args.repeat}:\n")
    print("| command | s | × warm check |")
    print("|---|---:|---:|")
    print(f"| read + hash every file | {hashing:.2f} | {hashing / base:.2f} |")
    print(f"| git status | {git_status:.2f} | {git_status / base:.2f} |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
