"""Time ``kexie check`` against check-jsonschema on generated registries.

Usage: ``python bench/run.py [--sizes 1000,10000[,50000]] [--repeat 3] [--out bench/out] [--editable]``

kexie is timed as pip users run it: the wheel is built and installed into a
fresh venv under ``--out`` (``--editable`` times the checkout's interpreter).

For each size, in one run and on the same corpus (``bench/gen.py``), it times
(wall clock, median of ``--repeat`` runs, each a fresh process):

- *hash*: a minimal Python process (the interpreter kexie runs under) that walks ``records/`` and reads and
  hashes (xxh3-128) every file: the floor any content-hash cache pays;
- *cold*: ``kexie check`` with ``.kexie/cache/`` removed (every K-rule runs;
  output piped, so the plain format a hook or CI would print);
- *warm*: ``kexie check`` again, nothing changed;
- *1 changed*: ``kexie check`` after one record file was edited;
- *set*: ``kexie set ID members.individual N`` on one society (warm cache;
  the file is restored after each run);
- *show*: ``kexie show ID`` (warm cache);
- *check-jsonschema*: one ``check-jsonschema --schemafile`` run per kind
  (society, branch, party-cell) with kexie's own schemas over the same files,
  run once (it takes minutes at 50,000 files).

Corpora (``--corpora``): *realistic* (the default of ``bench/gen.py``: free
text, block scalars, comments, quoting, CRLF) and *clean* (``--clean``: the
sample records as they are). check-jsonschema runs on the realistic corpus
only.

It prints a Markdown table with the ratio of check-jsonschema to kexie cold,
the largest resident set of a kexie process, and the target checks of the
issue (``kexie --help`` wall time included). ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.gen import generate  # noqa: E402 - after the path set-up, for `python bench/run.py`

AS_OF = "2026-11-23"
# the interpreter kexie runs under: a fresh venv with the built wheel (set by main), as pip users have it
KEXIE_PYTHON = sys.executable
KINDS = {"society": "societies", "branch": "branches", "party-cell": "party-cells"}
HASH_SCRIPT = """
import os, sys, xxhash
def walk(folder):
    for entry in os.scandir(folder):
        if entry.is_dir():
            yield from walk(entry.path)
        else:
            yield entry.path
n = 0
for path in walk(sys.argv[1]):
    with open(path, "rb") as handle:
        xxhash.xxh3_128_hexdigest(handle.read())
    n += 1
print(n)
"""


@dataclass
class Row:
    size: int
    corpus: str = "realistic"
    hash_s: float = 0.0
    cold_s: float = 0.0
    warm_s: float = 0.0
    changed_s: float = 0.0
    set_s: float = 0.0
    show_s: float = 0.0
    cjs_s: float | None = None
    peak_mib: float = 0.0
    findings: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return self.cjs_s / self.cold_s if self.cjs_s and self.cold_s else None


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    """Wall seconds, peak RSS in MiB (the process and its reaped children) and stdout of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, out


def median_of(
    repeat: int, run: Callable[[], tuple[float, float, bytes]], before: Callable[[], None]
) -> tuple[float, float, bytes]:
    times, peaks, out = [], [], b""
    for _ in range(repeat):
        before()
        elapsed, peak, out = run()
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks), out


def kexie_cmd(root: Path, *extra: str) -> list[str]:
    return [
        KEXIE_PYTHON,
        "-m",
        "kexie_cli",
        "check",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--root",
        str(root),
        *extra,
    ]


def check_jsonschema(root: Path) -> float | None:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if exe is None:
        return None
    total = 0.0
    for kind, folder in KINDS.items():
        files = sorted(str(p) for p in (root / "records" / folder).glob("*.yaml"))
        schema = REPO / "schemas" / f"{kind}.schema.json"
        elapsed, _, _ = timed([exe, "--schemafile", str(schema), *files])
        total += elapsed
    return total


def bench_size(size: int, out: Path, repeat: int, with_cjs: bool, corpus: str = "realistic") -> Row:
    root = out / f"reg-{corpus}-{size}"
    generate(size, root, seed=1, realistic=corpus == "realistic")
    row = Row(size, corpus)
    env = {**os.environ, "KEXIE_LANG": ""}
    cache = root / ".kexie" / "cache"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def nothing() -> None:
        pass

    victim = sorted((root / "records" / "societies").glob("*.yaml"))[0]
    original = victim.read_bytes()
    edits = iter(range(1_000_000))

    def edit_one() -> None:
        victim.write_bytes(original + f"# edit {next(edits)}\n".encode())

    row.hash_s, _, _ = median_of(
        repeat, lambda: timed([KEXIE_PYTHON, "-c", HASH_SCRIPT, str(root / "records")], env), nothing
    )
    row.cold_s, cold_peak, found = median_of(repeat, lambda: timed(kexie_cmd(root), env), clear)
    row.warm_s, warm_peak, again = median_of(repeat, lambda: timed(kexie_cmd(root), env), nothing)
    if again != found:
        row.notes.append("warm output differs from cold!")
    row.changed_s, changed_peak, _ = median_of(repeat, lambda: timed(kexie_cmd(root), env), edit_one)
    victim.write_bytes(original)
    timed(kexie_cmd(root), env)  # warm again after the restore
    victim_id = victim.name.removesuffix(".yaml")
    edit_cmd = [KEXIE_PYTHON, "-m", "kexie_cli", "set", "--as-of", AS_OF, "--root", str(root)]
    values = iter(range(100, 1_000_000))

    def restore() -> None:
        victim.write_bytes(original)

    row.set_s, set_peak, _ = median_of(
        repeat, lambda: timed([*edit_cmd, victim_id, "members.individual", str(next(values))], env), restore
    )
    restore()
    show_cmd = [KEXIE_PYTHON, "-m", "kexie_cli", "show", "--as-of", AS_OF, "--root", str(root), victim_id]
    row.show_s, show_peak, _ = median_of(repeat, lambda: timed(show_cmd, env), nothing)
    row.peak_mib = max(cold_peak, warm_peak, changed_peak, set_peak, show_peak)
    as_json = timed(kexie_cmd(root, "--format", "json"), env)[2]  # answered from the run memo
    row.findings = as_json.count(b'"code"')
    if with_cjs:
        row.cjs_s = check_jsonschema(root)
        if row.cjs_s is None:
            row.notes.append("check-jsonschema is not installed: pip install -e '.[bench]' (make bench does)")
    return row


def installed_wheel(out: Path) -> str:
    """Build kexie's wheel and install it into a fresh venv under ``out``; its python.

    What pip users run: a wheel, not an editable install (whose import hook
    costs 10 ms a process), with bytecode compiled by pip at install time
    (a checkout under PYTHONDONTWRITEBYTECODE=1 would compile every module on
    every run).
    """
    wheels, venv = out / "wheel", out / "venv"
    shutil.rmtree(REPO / "build", ignore_errors=True)  # a stale build/ would be packed into the wheel
    shutil.rmtree(wheels, ignore_errors=True)
    shutil.rmtree(venv, ignore_errors=True)
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(REPO)], check=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    built = [str(w) for w in wheels.glob("kexie-*.whl")]
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *built], check=True)
    return str(python)


def help_time(repeat: int) -> float:
    exe = Path(KEXIE_PYTHON).parent / "kexie"
    cmd = [str(exe), "--help"] if exe.exists() else [KEXIE_PYTHON, "-m", "kexie_cli", "--help"]
    times = [timed(cmd)[0] for _ in range(max(repeat, 5))]
    return statistics.median(times)


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    return f"{value:.2f} {unit}" if value < 100 else f"{value:.0f} {unit}"


def report(rows: list[Row], help_s: float, repeat: int) -> str:
    lines = [
        f"kexie check benchmark, {dt.date.today().isoformat()}, {platform.node() or 'host'}: "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"medians of {repeat} runs, check-jsonschema once; kexie run by {KEXIE_PYTHON}",
        "",
        "| corpus | records | hash all files | kexie cold | kexie warm | 1 file changed | set | show "
        "| check-jsonschema | check-jsonschema / cold | peak RSS | findings |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.1f}×" if r.ratio is not None else "—"
        lines.append(
            f"| {r.corpus} | {r.size:,} | {fmt(r.hash_s)} | {fmt(r.cold_s)} | {fmt(r.warm_s)} | {fmt(r.changed_s)} "
            f"| {fmt(r.set_s)} | {fmt(r.show_s)} "
            f"| {fmt(r.cjs_s)} | {ratio} | {r.peak_mib:.0f} MiB | {r.findings:,} |"
        )
    lines += ["", f"`kexie --help`: {help_s:.3f} s", "", "Targets:"]
    by_size = {r.size: r for r in rows if r.corpus == "realistic"}
    checks: list[tuple[str, bool | None, str]] = []
    if 10_000 in by_size:
        r = by_size[10_000]
        checks.append(("10k cold ≥ 25× check-jsonschema", None if r.ratio is None else r.ratio >= 25, f"{r.ratio}"))
        checks.append(("10k warm ≤ 2× hash", r.warm_s <= 2 * r.hash_s, f"{r.warm_s / r.hash_s:.2f}× hash"))
        checks.append(("10k one file changed < 0.5 s", r.changed_s < 0.5, fmt(r.changed_s)))
        checks.append(("10k set < 1 s (warm)", r.set_s < 1.0, fmt(r.set_s)))
        checks.append(("10k show < 0.5 s (warm)", r.show_s < 0.5, fmt(r.show_s)))
    if 50_000 in by_size:
        r = by_size[50_000]
        checks.append(("50k warm < 1 s", r.warm_s < 1.0, fmt(r.warm_s)))
        checks.append(("50k peak memory < 1 GiB", r.peak_mib < 1024, f"{r.peak_mib:.0f} MiB"))
    checks.append(("kexie --help < 0.25 s", help_s < 0.25, f"{help_s:.3f} s"))
    for name, ok, value in checks:
        mark = "n/a" if ok is None else ("met" if ok else "MISSED")
        lines.append(f"- {name}: {mark} ({value})")
    for r in rows:
        lines.extend(f"- note ({r.corpus} {r.size}): {n}" for n in r.notes)
    lines.append(f"- machine load at the end (1/5/15 min): {os.getloadavg()}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark kexie check against check-jsonschema.")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts (e.g. 1000,10000,50000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where corpora are generated")
    parser.add_argument("--no-check-jsonschema", action="store_true", help="skip check-jsonschema")
    parser.add_argument(
        "--editable", action="store_true", help="time the checkout's own interpreter instead of an installed wheel"
    )
    parser.add_argument("--corpora", default="realistic,clean", help="realistic and/or clean (see bench/gen.py)")
    parser.add_argument(
        "--check-jsonschema-max", type=int, default=None, help="skip check-jsonschema above this many records"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.out.mkdir(parents=True, exist_ok=True)
    global KEXIE_PYTHON  # noqa: PLW0603 - chosen once, before any run
    KEXIE_PYTHON = sys.executable if args.editable else installed_wheel(args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    for corpus in corpora:
        for size in sizes:
            print(f"benchmarking {size:,} records ({corpus}) ...", file=sys.stderr)
            with_cjs = (
                corpus == "realistic"
                and not args.no_check_jsonschema
                and (args.check_jsonschema_max is None or size <= args.check_jsonschema_max)
            )
            rows.append(bench_size(size, args.out, args.repeat, with_cjs, corpus))
    print(report(rows, help_time(args.repeat), args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
