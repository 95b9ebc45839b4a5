"""Time ``kexie serve`` on a generated registry: start-up, the first page, and every page warm.

Usage: ``python bench/serve.py [--size 10000] [--repeat 5] [--out bench/out]``

The corpus comes from ``bench/gen.py`` (made a Git repository with one commit,
so the record page reads a history). The server runs as ``python -m kexie_cli
serve --port 0`` (this interpreter, the checkout); every request goes over HTTP
on 127.0.0.1:

- *start-up*: from starting the process until it prints its address (it listens then);
- *first page*: the 工作台 right after, while the registry loads (cold: no check cache);
- each page's *first request* (a new filter or search is computed then), and *warm*: the median of
  ``--repeat`` requests after it (the page is kept until a file changes).

Prints a Markdown table (docs/serve.md keeps the figures). The target (issue 26):
every page under 200 ms warm at 10,000 records, start-up under 2 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import gen

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-23"
PAGES = (
    "/",
    "/list/societies",
    "/list/societies?sort=-founded&page=3",
    "/list/branches?where=type%3Dtownship",
    "/list/leaders",
    "/list/societies?q=slxh",
    "/find?q=slxh",
    "/check",
    "/elections",
    "/inspections",
    "/party",
    "/summary",
    "/report",
    "/report.html",
    "/import",
    "/record/{society}",
    "/record/{society}/edit",
)
TARGET_PAGE = 0.200
TARGET_START = 2.0


def corpus(size: int, out: Path) -> Path:
    root = out / f"serve-{size}"
    if not (root / ".git").is_dir():
        gen.main([str(size), str(root)])
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        subprocess.run([*git, "init", "-q"], cwd=root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "corpus"], cwd=root, check=True)
    return root


def fetch(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as answer:
        answer.read()
        assert answer.status == 200, url
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    root = corpus(args.size, args.out)
    shutil.rmtree(root / ".kexie", ignore_errors=True)
    society = sorted((root / "records" / "societies").glob("*.yaml"))[0].stem
    command = [sys.executable, "-m", "kexie_cli", "serve", "--port", "0", "--as-of", AS_OF, "--root", str(root)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        found = re.search(r"http://127\.0\.0\.1:\d+/", proc.stderr.readline())
        assert found, "no address printed"
        startup = time.perf_counter() - started
        base = found.group(0).rstrip("/")
        first = fetch(base + "/")
        rows = []
        for page in PAGES:
            url = base + page.format(society=society)
            once = fetch(url)
            times = [fetch(url) for _ in range(args.repeat)]
            rows.append((page, once, statistics.median(times), max(times)))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        if proc.stderr is not None:
            proc.stderr.close()
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"kexie serve, {args.size} records, median of {args.repeat} warm requests over HTTP; load average {load}\n")
    print("| page | first request (ms) | warm median (ms) | warm max (ms) |\n|---|---:|---:|---:|")
    for page, once, median, worst in rows:
        print(f"| `{page}` | {once * 1000:.0f} | {median * 1000:.0f} | {worst * 1000:.0f} |")
    print(f"\nstart-up (until listening): {startup:.2f} s; first 工作台 (registry loading, no cache): {first:.2f} s")
    slow = [page for page, _, median, _ in rows if median >= TARGET_PAGE]
    print(
        f"target every page < {TARGET_PAGE * 1000:.0f} ms warm: {'met' if not slow else 'NOT met: ' + ', '.join(slow)}"
    )
    print(f"target start-up < {TARGET_START:.0f} s: {'met' if startup < TARGET_START else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
