"""Hostile record files: each gives its expected finding, and no command ever stops with an internal error.

The corpus is ``corpus/*.yaml``, with the finding each must give (code and
line) in ``corpus/expected.txt``. Files that cannot live in Git (FIFOs,
device links, dangling links, folders named ``*.yaml``, files over the size
limit) are made by the tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import AS_OF, copy_sample, run_cli, write_registry
from tests.waiting import no_stall

CORPUS = Path(__file__).parent / "corpus"
SOCIETIES = "records/societies"


def expected() -> dict[str, tuple[str, int]]:
    out = {}
    for line in (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code, number = line.split()
            out[name] = (code, int(number))
    return out


EXPECTED = expected()


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.stem for p in CORPUS.glob("*.yaml")}
    assert files == set(EXPECTED)


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging when a command blocks (on a FIFO, say): it uses no CPU, a slow one does."""
    with no_stall():
        yield


def _corpus_registry(root: Path) -> Path:
    write_registry(root, {})
    folder = root / SOCIETIES
    folder.mkdir(parents=True)
    for path in CORPUS.glob("*.yaml"):
        shutil.copyfile(path, folder / path.name)
    return root


@pytest.fixture(scope="module")
def corpus_findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    root = _corpus_registry(tmp_path_factory.mktemp("corpus") / "reg")
    run = run_cli(["check", "--format", "json", "--as-of", AS_OF, "--no-cache"], root)
    assert run.exit_code == 1, run.stderr
    findings: list[dict[str, object]] = run.json()
    return findings


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_corpus_file_gives_its_finding(case: str, corpus_findings: list[dict[str, object]]) -> None:
    code, line = EXPECTED[case]
    mine = [f for f in corpus_findings if f["file"] == f"{SOCIETIES}/{case}.yaml"]
    assert (code, line) in {(f["code"], f["line"]) for f in mine}, mine
    if code in {"K001", "K002", "K003", "K004"}:  # a file that cannot be loaded yields its K0xx finding only
        assert {f["code"] for f in mine} <= {"K001", "K002", "K003", "K004"}, mine


def _special_registry(root: Path) -> Path:
    write_registry(root, {})
    folder = root / SOCIETIES
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo-xuehui.yaml")
    (folder / "dangling-xuehui.yaml").symlink_to(root / "nowhere.yaml")
    (folder / "zero-xuehui.yaml").symlink_to("/dev/zero")
    (folder / "folder-xuehui.yaml").mkdir()
    (folder / "folder-xuehui.yaml" / "inner.yaml").write_text("id: inner\n", encoding="utf-8")
    return root


SPECIAL = ("dangling-xuehui", "fifo-xuehui", "folder-xuehui", "zero-xuehui")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.signals  # SIGALRM watches for a blocked command
@pytest.mark.parametrize("pure", ["", "1"])
def test_special_files_are_k001_and_never_block(tmp_path: Path, deadline: None, pure: str) -> None:
    root = _special_registry(tmp_path / "reg")
    run = run_cli(["check", "--format", "json", "--as-of", AS_OF, "--no-cache"], root, env={"KEXIE_PURE": pure})
    assert run.exit_code == 1, run.stderr
    found = {(f["file"], f["code"]) for f in run.json()}
    assert found == {(f"{SOCIETIES}/{name}.yaml", "K001") for name in SPECIAL}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize(
    "args",
    [
        ["list", "societies"],
        ["due-elections"],
        ["summary"],
        ["inspections"],
        ["party"],
        ["find", "学会"],
        ["sql", "SELECT count(*) AS n FROM societies"],
    ],
)
@pytest.mark.signals  # SIGALRM watches for a blocked command
def test_reports_name_special_files(tmp_path: Path, deadline: None, args: list[str]) -> None:
    root = _special_registry(tmp_path / "reg")
    extra = [] if args[0] == "find" else ["--as-of", AS_OF]
    run = run_cli([*args, "--format", "plain", *extra], root)
    assert run.exit_code == 0, run.stderr
    for name in SPECIAL:
        assert f"{SOCIETIES}/{name}.yaml 无法读取（K001" in run.stderr
    assert "以上 4 个文件无法读取" in run.stderr
    assert "另有 4 个文件无法读取，未计入" in run.stdout  # the report's own summary line says so too


@pytest.mark.signals  # SIGALRM watches for a blocked command
def test_diff_says_unreadable_not_removed(tmp_path: Path, deadline: None) -> None:
    root = write_registry(tmp_path / "reg", {f"{SOCIETIES}/a-xuehui.yaml": "id: a-xuehui\n"})
    git = shutil.which("git")
    if git is None:
        pytest.skip("git not installed")

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@e"
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run([git, *cmd], cwd=root, check=True, env=env)
    path = root / SOCIETIES / "a-xuehui.yaml"
    path.unlink()
    os.mkfifo(path)
    run = run_cli(["diff"], root)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith(f"无法读取 a-xuehui ({SOCIETIES}/a-xuehui.yaml)")
    assert "删除 a-xuehui" not in run.stdout and "无法读取 1" in run.stdout
    data = run_cli(["diff", "--format", "json"], root).json()
    assert data["summary"]["unreadable"] == 1 and data["summary"]["removed"] == 0
    assert data["records"][0]["change"] == "unreadable"


def test_commands_survive_the_whole_corpus(tmp_path: Path) -> None:
    """Every reading command on the sample registry plus the corpus: no internal error, every bad file named."""
    root = copy_sample(tmp_path)
    for path in CORPUS.glob("*.yaml"):
        shutil.copyfile(path, root / SOCIETIES / path.name)
    unloadable = sorted(n for n, (code, _) in EXPECTED.items() if code in {"K001", "K002", "K003", "K004"})
    out = tmp_path / "out"
    commands = [
        ["list", "societies", "--format", "json"],
        ["due-elections", "--format", "json"],
        ["summary", "--format", "json"],
        ["inspections", "--format", "json"],
        ["party", "--format", "json"],
        ["sql", "SELECT count(*) AS n FROM societies", "--format", "json"],
        ["export", "--format", "sqlite", "-o", str(out / "x.db")],
        ["export", "--format", "json", "-o", str(out / "x.json")],
        ["letters", "elections", "-o", str(out / "letters")],
    ]
    for args in commands:
        run = run_cli([*args, "--as-of", AS_OF], root)
        assert run.exit_code == 0, (args, run.stderr)
        assert "内部错误" not in run.stderr
        for name in unloadable:
            assert f"{SOCIETIES}/{name}.yaml 无法读取（{EXPECTED[name][0]}" in run.stderr, (args, name)
        assert f"以上 {len(unloadable)} 个文件无法读取" in run.stderr

    exported = json.loads((out / "x.json").read_text(encoding="utf-8"))
    assert sorted(u["file"] for u in exported["unreadable"]) == [f"{SOCIETIES}/{n}.yaml" for n in unloadable]
    party = run_cli(["party", "--format", "json", "--as-of", AS_OF], root).json()
    assert len(party["unreadable"]) == len(unloadable)
    assert isinstance(run_cli(["list", "societies", "--format", "json", "--as-of", AS_OF], root).json(), list)


@pytest.mark.parametrize("args", [["fmt", "--check"], ["show", "big-xuehui"], ["diff", "--textconv", "BIG"]])
def test_files_over_the_limit_are_not_read(tmp_path: Path, args: list[str]) -> None:
    """A 400 MB (sparse) record costs a stat, not 400 MB: fmt, show and diff respect the 1 MiB limit."""
    root = write_registry(tmp_path / "reg", {})
    big = root / SOCIETIES / "big-xuehui.yaml"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:
        handle.truncate(400 * 1024 * 1024)
    argv = [str(big) if a == "BIG" else a for a in args]
    tracemalloc.start()
    try:
        run = run_cli(argv, root)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, peak
    assert run.exit_code in {1, 2}, run.stderr
    assert "内部错误" not in run.stderr
    assert "419430400" in run.stderr  # the size, in the message that refuses the file


@pytest.mark.parametrize("command", ["check", "party", "inspections", "due-elections", "summary", "list societies"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
def test_as_of_out_of_range_is_a_usage_error(tmp_path: Path, command: str, day: str) -> None:
    root = copy_sample(tmp_path)
    run = run_cli([*command.split(), "--as-of", day], root)
    assert run.exit_code == 2
    assert f"日期 {day} 超出可用范围（1900-01-01 至 2999-12-31）" in run.stderr


@pytest.mark.parametrize("command", ["check", "party", "inspections", "due-elections", "summary"])
@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_as_of_at_the_ends_of_the_range_works(tmp_path: Path, command: str, day: str) -> None:
    root = copy_sample(tmp_path)
    run = run_cli([command, "--as-of", day, "--format", "plain"], root)
    assert run.exit_code in {0, 1}, run.stderr
    assert run.stderr == "" or "内部错误" not in run.stderr


def test_huge_integer_is_k104_and_sql_export_survive(tmp_path: Path) -> None:
    body = (CORPUS / "k104-huge-integer.yaml").read_text(encoding="utf-8")
    root = write_registry(tmp_path / "reg", {f"{SOCIETIES}/k104-huge-integer.yaml": body})
    sql = run_cli(["sql", "SELECT council_members FROM societies", "--format", "json", "--as-of", AS_OF], root)
    assert sql.exit_code == 0, sql.stderr
    assert sql.json() == [{"council_members": 1e20}]  # beyond SQLite's integers: stored as text, read as REAL
    export = run_cli(["export", "--format", "sqlite", "-o", str(tmp_path / "x.db"), "--as-of", AS_OF], root)
    assert export.exit_code == 0, export.stderr


def test_textconv_of_a_device_is_refused(tmp_path: Path) -> None:
    run = run_cli(["diff", "--textconv", "/dev/zero"], write_registry(tmp_path / "reg", {}))
    assert run.exit_code == 2
    assert "无法读取 /dev/zero" in run.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
@pytest.mark.parametrize("record_id", ["../../../../etc/passwd", "../../kexie", "/etc/passwd", ".hidden"])
@pytest.mark.parametrize("command", [["log"], ["show"], ["set", "ID", "name", "x"], ["unset", "ID", "notes"]])
def test_ids_that_leave_records_are_refused(tmp_path: Path, record_id: str, command: list[str]) -> None:
    root = write_registry(tmp_path / "reg", {})
    argv = [record_id if a == "ID" else a for a in command]
    if len(argv) == 1:
        argv.append(record_id)
    before = (root / "kexie.yaml").read_bytes()
    run = run_cli(argv, root)
    assert run.exit_code in {1, 2}
    assert "内部错误" not in run.stderr
    assert (root / "kexie.yaml").read_bytes() == before
    if command[0] != "show":
        assert f"无效的 id '{record_id}'" in run.stderr


@pytest.mark.parametrize("started", ["9999-12-31", "9999-02-28", "0001-01-01"])
def test_term_dates_at_the_ends_of_the_calendar(tmp_path: Path, started: str) -> None:
    """Found by the fuzz target: a term started 9999-12-31 made every time rule overflow (ValueError)."""
    root = copy_sample(tmp_path)
    for name in ("societies/binjiang-yixuehui.yaml", "party-cells/yixuehui-dangzhibu.yaml"):
        path = root / "records" / name
        text = path.read_text(encoding="utf-8")
        lines = [f"  started: {started}" if line.startswith("  started: ") else line for line in text.splitlines()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (["check"], ["due-elections"], ["party"], ["summary"], ["list", "societies", "-c", "id,term.ends"]):
        run = run_cli([*args, "--as-of", AS_OF], root)
        assert run.exit_code in {0, 1}, (args, run.stderr)
        assert "内部错误" not in run.stderr
