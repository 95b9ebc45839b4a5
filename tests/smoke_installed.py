"""Smoke-run every kexie command as a pip user would: from an installed wheel.

Run by ``.ci/run`` after ``make test``::

    python tests/smoke_installed.py --kexie /tmp/venv/bin/kexie

It copies the sample registry (``kexie.yaml`` and ``records/`` only, so the
schemas and templates must come from the installed package) into a fresh
temporary folder outside the checkout, makes it a Git repository, and runs
every command listed by ``kexie --help`` at least once. A case fails when its
exit code is not one of those documented for it, or when kexie prints an
internal error or a Python traceback. A command without a case fails too, so
a new command cannot ship untested.

Only the standard library is used (and ``tests/waiting.py``, which uses only it): the script must run with
any Python.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests/waiting.py (standard library only; nothing of the checkout's kexie_cli)
from tests import waiting  # noqa: E402

AS_OF = "2026-11-23"
SOCIETY = "jinshu-xuehui"
INTERNAL = re.compile(r"内部错误|internal error|Traceback \(most recent call last\)", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    exits: tuple[int, ...] = (0,)
    json_out: bool = False  # stdout must parse as JSON
    stdin: str | None = None
    server: bool = False  # a server: started, every page of SERVE_PAGES fetched, then stopped
    watcher: bool = False  # kexie monitor: started, a command answered through it, an edit seen, stopped

    @property
    def command(self) -> str:
        return self.args[0]


def cases() -> list[Case]:
    """One or more cases per command, in an order that keeps the registry valid."""
    a = ("--as-of", AS_OF)
    return [
        Case(("check", *a), (0, 1)),
        Case(("check", "--format", "json", *a), (0, 1), json_out=True),
        Case(("check", "--format", "sarif", *a), (0, 1), json_out=True),
        Case(("check", "--lang", "en", "--format", "plain", *a), (0, 1)),
        Case(("due-elections", *a)),
        Case(("due-elections", "--format", "json", *a), json_out=True),
        Case(("due-elections", "--format", "csv", *a)),
        Case(("rules",)),
        Case(("init", "示例县科学技术协会", "--root", "../new-registry")),  # a sibling folder, outside the sample
        Case(("init", "--root", "."), (2,)),  # the sample already has kexie.yaml: refused, nothing changed
        Case(("rules", "K402")),
        Case(("schema", "society"), json_out=True),
        Case(("schema", "settings"), json_out=True),
        Case(("list", "societies", "--where", "level=municipal")),
        Case(("list", "leaders", "--format", "json"), json_out=True),
        Case(("show", SOCIETY, *a)),
        Case(("find", "水利")),
        Case(("find", "slxh", "--format", "json"), json_out=True),
        Case(("sql", "SELECT level, count(*) AS n FROM societies GROUP BY level")),
        Case(("sql", "--format", "json", "SELECT count(*) AS n FROM leaders"), json_out=True),
        Case(("summary", *a)),
        Case(("summary", "stars", "--format", "json", *a), json_out=True),
        Case(("inspections", *a)),
        Case(("party", *a)),
        Case(("export", "--format", "xlsx", "-o", "../out/registry.xlsx", *a)),
        Case(("export", "--format", "csv", "-o", "../out/csv", *a)),
        Case(("export", "--format", "json", "-o", "../out/registry.json", *a)),
        Case(("export", "--format", "sqlite", "-o", "../out/registry.sqlite", *a)),
        Case(("import", "../out/registry.xlsx", "--kind", "society", "--dry-run"), (0, 1)),
        Case(("import", "../out/registry.xlsx", "--kind", "branch"), (0, 1)),
        Case(("report", "--format", "html", "-o", "../out/report.html", *a)),
        Case(("report", "--format", "docx", "-o", "../out/report.docx", *a)),
        Case(("report", "--format", "md", "-o", "../out/report.md", "--compare", "HEAD", *a)),
        Case(("letters", "elections", "-o", "../out/letters", *a)),
        Case(("letters", "inspections", "-o", "../out/letters", *a)),
        Case(("letters", "annual", "-o", "../out/letters", "--year", "2025", *a)),
        Case(("annual", "forms", "--year", "2025", "-o", "../out/annual", *a)),
        Case(("annual", "collect", "../out/annual/示例市金属学会-2025年度年报.xlsx", *a)),
        Case(("annual", "status", "--year", "2025", "--format", "json", *a), json_out=True),
        Case(("annual", "approve", f"{SOCIETY}-2025", *a)),
        Case(("annual", "return", f"{SOCIETY}-2025", "--reason", "冒烟测试", *a)),
        Case(("fmt", "--check")),
        Case(("set", SOCIETY, "members.individual", "1600", *a), (0, 1)),
        Case(("set", SOCIETY, "short_name", "金属学会", *a), (0, 1)),
        Case(("unset", SOCIETY, "short_name", *a), (0, 1)),
        Case(("inspect", SOCIETY, "--year", "2025", "--result", "pass", *a), (0, 1)),
        Case(("extend", SOCIETY, "--until", "2027-01-31", "--approved", "2026-06-01", "--dry-run", *a), (0, 1)),
        Case(
            (
                "election",
                SOCIETY,
                "--step",
                "plan_submitted",
                "--date",
                "2026-11-20",
                "--doc-no",
                "示科协〔2026〕1号",
                *a,
            )
        ),
        Case(("elect", SOCIETY, "--date", AS_OF, "--chair", "赵六", "--dry-run", *a), (0, 1)),
        Case(
            (
                "new",
                "society",
                "--no-input",
                "--name",
                "示例市冒烟测试学会",
                "--set",
                "founded=2020-01-01",
                "--set",
                "level=municipal",
                "--set",
                "discipline=science",
                "--set",
                "uscc=51369900MJ00000006",
                "--set",
                "chair=冒烟甲",
                "--set",
                "since=2020-01-01",
                "--set",
                "secretary_general=冒烟乙",
                "--dry-run",
                *a,
            ),
            (0, 1),
        ),
        Case(("diff",)),
        Case(("diff", "--format", "json"), json_out=True),
        Case(("log", SOCIETY)),
        Case(("monitor",), watcher=True),
        Case(("serve", "--port", "0", *a), server=True),
        Case(("serve", "--port", "0", "--read-only", "--lang", "en", *a), server=True),
    ]


# every page of ``kexie serve`` (docs/serve.md), fetched from the installed wheel's server
SERVE_PAGES = (
    "/",
    "/list/societies",
    "/list/branches?q=bs",
    "/list/party-cells",
    "/list/leaders",
    "/list/societies.xlsx?where=level%3Dmunicipal",
    "/find?q=slxh",
    "/check",
    "/elections",
    "/letters/elections.zip",
    "/inspections",
    "/party",
    "/summary",
    "/report",
    "/report.html",
    "/import",
    f"/record/{SOCIETY}",
    f"/record/{SOCIETY}/edit",
    "/static/style.css",
    "/static/app.js",
)
URL = re.compile(r"http://127\.0\.0\.1:\d+/")


def run_server(kexie: Path, root: Path, case: Case, env: dict[str, str]) -> str | None:
    """Start ``kexie serve``, fetch every page (200, no internal error), stop it with Ctrl+C."""
    import signal  # noqa: PLC0415 - only the server cases need these
    import time  # noqa: PLC0415

    shown = "kexie " + " ".join(case.args)
    proc = subprocess.Popen([str(kexie), *case.args], cwd=root, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        started, line = time.monotonic(), proc.stderr.readline()  # clock-ok: shown, not judged
        found = URL.search(line)
        if found is None:
            return f"{shown}: no address printed\n{line}{proc.stderr.read(2000) if proc.poll() is not None else ''}"
        print(f"     started in {time.monotonic() - started:.2f} s", flush=True)  # clock-ok: shown, not judged
        for page in SERVE_PAGES:
            status, kind, body = waiting.fetch(found.group(0).rstrip("/") + page, proc)
            if status != 200:
                return f"{shown}: {page} answered {status}"
            if kind == "text/html" and INTERNAL.search(body.decode("utf-8")):
                return f"{shown}: {page}: internal error"
        return None
    except OSError as exc:
        return f"{shown}: {exc}"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)  # clock-ok: clean-up (a server that does not stop is killed)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_watcher(kexie: Path, root: Path, case: Case, env: dict[str, str]) -> str | None:
    """Start ``kexie monitor``; ``kexie show`` asked twice gives the same answer, and once more after an
    in-place edit that keeps the file's size and mtime it shows the edit; then stop it with Ctrl+C."""
    import signal  # noqa: PLC0415 - only the watcher case needs it

    shown = "kexie " + " ".join(case.args)
    path = root / "records" / "societies" / f"{SOCIETY}.yaml"
    text = path.read_text(encoding="utf-8")
    show = [str(kexie), "show", SOCIETY, "--as-of", AS_OF]
    proc = subprocess.Popen([str(kexie), *case.args], cwd=root, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # printed once the watch answers
        if "正在监视" not in line:
            return f"{shown}: not started\n{line}"
        first, again = (waiting.run(show, cwd=root, env=env, data="", text=True) for _ in range(2))
        if (first.returncode, first.stdout) != (0, again.stdout) or "金属学会" not in first.stdout:
            return f"{shown}: kexie show asked twice: another answer\n{again.stderr[-2000:]}"
        st = path.stat()
        path.write_text(text.replace("金属学会", "金属学社", 1), encoding="utf-8")
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and mtime: the watch tells
        edited = waiting.run(show, cwd=root, env=env, data="", text=True)
        if "金属学社" not in edited.stdout:
            return f"{shown}: an edit not seen through the watch\n{edited.stdout[:500]}"
        proc.send_signal(signal.SIGINT)
        rest = waiting.communicate(proc)[1]
        if proc.returncode != 0 or "已停止监视" not in rest:
            return f"{shown}: exit {proc.returncode} on Ctrl+C\n{rest[-2000:]}"
        return None
    finally:
        path.write_text(text, encoding="utf-8")
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def run(kexie: Path, root: Path, case: Case) -> str | None:
    """Run one case; return a problem description, or None when it passed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEXIE_")}
    env["COLUMNS"] = "100"
    if case.server:
        return run_server(kexie, root, case, env)
    if case.watcher:
        return run_watcher(kexie, root, case, env)
    proc = waiting.run([str(kexie), *case.args], cwd=root, env=env, data=case.stdin or "", text=True)
    shown = "kexie " + " ".join(case.args)
    if INTERNAL.search(proc.stderr) or INTERNAL.search(proc.stdout):
        return f"{shown}: internal error\n{proc.stderr[-2000:]}"
    if proc.returncode not in case.exits:
        return f"{shown}: exit {proc.returncode}, expected {case.exits}\n{proc.stderr[-2000:]}"
    if case.json_out:
        try:
            json.loads(proc.stdout)
        except ValueError as exc:
            return f"{shown}: stdout is not JSON ({exc})\n{proc.stdout[:500]}"
    return None


def answered_again(kexie: Path, root: Path) -> str | None:
    """The installed kexie asked twice of an unchanged registry gives the same answer, the second time from
    ``.kexie/cache/answer-*.bin`` (docs/performance.md, "Remembered answers")."""
    past = 1_600_000_000  # 2020: no file is racily clean
    for path in [root / "kexie.yaml", *root.joinpath("records").rglob("*")]:
        os.utime(path, (past, past), follow_symlinks=False)
    args = [str(kexie), "summary", "--as-of", AS_OF]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEXIE_")}
    first = waiting.run(args, cwd=root, env=env, data="", text=True)
    kept = sorted((root / ".kexie" / "cache").glob("answer-*.bin"))
    again = waiting.run(args, cwd=root, env=env, data="", text=True)
    if not kept:
        return "kexie summary: no answer remembered"
    if (first.returncode, first.stdout, first.stderr) != (again.returncode, again.stdout, again.stderr):
        return f"kexie summary asked again: another answer\n{again.stderr[-2000:]}"
    return None


def installed_commands(kexie: Path) -> set[str]:
    env = {**os.environ, "KEXIE_LANG": "en"}  # click's section names in English: "Commands:"
    out = subprocess.run([str(kexie), "--help"], capture_output=True, text=True, check=True, env=env).stdout
    block = out.split("Commands:", 1)[1]
    return {m.group(1) for m in re.finditer(r"^\s{2}([a-z][a-z-]*)\s", block, re.MULTILINE)}


def make_registry(base: Path) -> Path:
    root = base / "registry"
    root.mkdir()
    shutil.copy2(REPO / "kexie.yaml", root / "kexie.yaml")
    shutil.copytree(REPO / "records", root / "records")
    git = ["git", "-c", "user.name=smoke", "-c", "user.email=smoke@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "sample registry"], cwd=root, check=True)
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kexie", type=Path, required=True, help="the installed kexie executable")
    args = parser.parse_args()
    kexie: Path = args.kexie.resolve()
    all_cases = cases()
    problems: list[str] = []
    missing = sorted(installed_commands(kexie) - {c.command for c in all_cases})
    problems += [f"command {name!r} has no smoke case in tests/smoke_installed.py" for name in missing]
    with tempfile.TemporaryDirectory(prefix="kexie-smoke-") as tmp:
        root = make_registry(Path(tmp))
        (Path(tmp) / "out").mkdir()
        for case in all_cases:
            problem = run(kexie, root, case)
            print(("FAIL " if problem else "ok   ") + " ".join(case.args), flush=True)
            if problem:
                problems.append(problem)
        problem = answered_again(kexie, root)
        print(("FAIL " if problem else "ok   ") + "remembered answer", flush=True)
        if problem:
            problems.append(problem)
    passed = len(all_cases) + 1 - sum(1 for p in problems if not p.startswith("command "))
    print(f"smoke: {passed} passed, {len(problems)} failed")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
