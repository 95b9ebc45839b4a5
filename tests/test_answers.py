"""Remembered answers (kexie_cli/cli/answered.py): asked again of an unchanged registry, a reading command
gives exactly what it gave before, without loading a record; any change to what it depends on is seen."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from kexie_cli.validate.answers import registry_state, shipped_state
from tests.conftest import AS_OF, REPO, Run, copy_sample, run_cli
from tests.review.conftest import git

ID = "jixie-gongcheng-xuehui"
SOCIETY = f"records/societies/{ID}.yaml"


PAST = 1_600_000_000  # 2020-09-13
FUTURE = 4_000_000_000  # 2096-10-02: an mtime at or after any second a test takes the state in
_SETTLED = itertools.count()


def settle(root: Path) -> None:
    """Every file's mtime set to 2020 (one second earlier each time: Git compares whole seconds), so not
    racily clean: an answer may be remembered."""
    past = PAST - next(_SETTLED)
    for path in [root / "kexie.yaml", *root.joinpath("records").rglob("*")]:
        os.utime(path, (past, past), follow_symlinks=False)


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path)
    settle(root)
    return root


def answers(root: Path) -> list[Path]:
    return sorted((root / ".kexie" / "cache").glob("answer-*.bin"))


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that loads the registry fails loudly: only a remembered answer can pass."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the registry was loaded")

    monkeypatch.setattr("kexie_cli.query.snapshot.load_registry", refuse)
    monkeypatch.setattr("kexie_cli.validate.door.load_registry", refuse)
    monkeypatch.setattr("kexie_cli.validate.engine.check", refuse)
    monkeypatch.setattr("kexie_cli.query.snapshot.check", refuse)


#: every remembered command, as a user runs it (``{out}``: a scratch folder)
COMMANDS = [
    ["list", "societies", "--as-of", AS_OF],
    ["list", "societies", "--as-of", AS_OF, "--format", "json", "--where", "level=municipal"],
    ["find", "机械"],
    ["sql", "select name, level from societies order by id limit 5", "--as-of", AS_OF],
    ["show", ID, "--as-of", AS_OF],
    ["summary", "--as-of", AS_OF],
    ["party", "--as-of", AS_OF],
    ["inspections", "--as-of", AS_OF],
    ["due-elections", "--as-of", AS_OF],
    ["due-elections", "--as-of", AS_OF, "--format", "json"],
    ["report", "--format", "md", "-o", "{out}/report.md", "--as-of", AS_OF],
    ["export", "--format", "xlsx", "-o", "{out}/export.xlsx", "--as-of", AS_OF],
    ["export", "--format", "csv", "-o", "{out}/csv", "--as-of", AS_OF],
    ["letters", "elections", "-o", "{out}/letters", "--as-of", AS_OF],
]


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_asked_again_the_same_answer_without_loading(
    reg: Path, tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    full = [a.replace("{out}", str(out)) for a in args]
    first = run_cli(full, reg)
    first_files = outputs(out)
    assert answers(reg), "the first run's answer is remembered"
    shutil.rmtree(out)  # the -o files (and a folder made for them) are written again by the answer
    out.mkdir()
    no_loading(monkeypatch)
    again = run_cli(full, reg)
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert outputs(out) == first_files


def test_an_edit_is_seen_even_of_the_same_size(reg: Path) -> None:
    args = ["list", "societies", "--columns", "id,name", "--as-of", AS_OF, "--format", "json"]
    first = run_cli(args, reg)
    path = reg / SOCIETY
    text = path.read_text(encoding="utf-8")
    assert "机械工程学会" in text
    edited = text.replace("机械工程学会", "机械工程学社", 1)
    assert len(edited.encode()) == len(text.encode())
    stat = path.stat()
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and mtime: only ctime tells
    again = run_cli(args, reg)
    assert again.stdout != first.stdout
    assert "机械工程学社" in again.stdout


def test_a_new_file_a_removed_file_and_the_settings_are_seen(reg: Path, tmp_path: Path) -> None:
    args = ["sql", "select count(*) from societies", "--as-of", AS_OF, "--format", "csv"]
    first = run_cli(args, reg)
    copy = reg / "records/societies/jixie-gongcheng-xuehui-copy.yaml"
    copy.write_text((reg / SOCIETY).read_text(encoding="utf-8").replace(f"id: {ID}", f"id: {copy.stem}"), "utf-8")
    settle(reg)
    added = run_cli(args, reg)
    assert added.stdout != first.stdout
    copy.unlink()
    assert run_cli(args, reg).stdout == first.stdout
    report = ["report", "--format", "md", "-o", str(tmp_path / "r.md"), "--as-of", AS_OF]
    run_cli(report, reg)
    before = (tmp_path / "r.md").read_text(encoding="utf-8")
    settings = reg / "kexie.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("registry: ", "registry: 新", 1), "utf-8")
    settle(reg)
    run_cli(report, reg)
    after = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "新示例市" not in before
    assert "新示例市" in after


def test_a_racily_clean_registry_is_not_remembered(reg: Path) -> None:
    # dated after the second the state is taken (as a file changed in that second is): however slow the
    # machine, the state is racily clean; a touch() could fall in the second before
    os.utime(reg / SOCIETY, (FUTURE, FUTURE))
    state = registry_state(reg)
    assert state is not None and state.racy
    run_cli(["list", "societies", "--as-of", AS_OF], reg)
    assert answers(reg) == []


def test_not_remembered_when_asked_not_to_or_when_the_answer_is_not_the_registrys(reg: Path) -> None:
    run_cli(["list", "societies", "--as-of", AS_OF], reg, env={"KEXIE_ANSWERS": "0"})
    run_cli(["sql", "select random() from societies limit 1", "--as-of", AS_OF], reg)
    run_cli(["sql", "select date('now')", "--as-of", AS_OF], reg)
    assert answers(reg) == []


def test_the_question_is_part_of_the_key(reg: Path) -> None:
    runs: list[Run] = [
        run_cli(["list", "societies", "--as-of", AS_OF], reg),
        run_cli(["list", "societies", "--as-of", "2026-11-24"], reg),
        run_cli(["list", "societies", "--as-of", AS_OF, "--lang", "en"], reg),
        run_cli(["list", "societies", "--as-of", AS_OF], reg, env={"COLUMNS": "60"}),
        run_cli(["list", "branches", "--as-of", AS_OF], reg),
    ]
    assert len(answers(reg)) == len(runs)
    assert runs[0].stdout != runs[2].stdout != runs[4].stdout


def test_a_new_commit_is_seen(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(reg, "init", "-q")
    git(reg, "add", "-A")
    git(reg, "commit", "-q", "-m", "one")
    settle(reg)
    first = run_cli(["diff", "--format", "md"], reg)
    text = (reg / SOCIETY).read_text(encoding="utf-8")
    (reg / SOCIETY).write_text(text.replace("机械工程学会", "机械工程学社", 1), encoding="utf-8")
    settle(reg)
    edited = run_cli(["diff", "--format", "md"], reg)
    git(reg, "commit", "-q", "-a", "-m", "two")  # the work tree is as before the commit; HEAD moved
    settle(reg)
    committed = run_cli(["diff", "--format", "md"], reg)
    assert committed.stdout == first.stdout != edited.stdout
    assert len(answers(reg)) == 3

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Git was read")

    monkeypatch.setattr("kexie_cli.registry.gitio.rev_snapshot", refuse)
    assert run_cli(["diff", "--format", "md"], reg).stdout == committed.stdout


def test_an_exit_code_and_stderr_come_back(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (reg / "records/societies/broken.yaml").write_text("id: [broken\n", encoding="utf-8")
    settle(reg)
    first = run_cli(["due-elections", "--as-of", "2030-01-01"], reg)
    assert "broken.yaml" in first.stderr
    no_loading(monkeypatch)
    again = run_cli(["due-elections", "--as-of", "2030-01-01"], reg)
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)


def test_revisions_are_never_remembered(reg: Path) -> None:
    git(reg, "init", "-q")
    run_cli(["list", "societies", "--at", "HEAD"], reg)
    run_cli(["diff", "HEAD"], reg)
    assert answers(reg) == []


CHECK = ["check", "--as-of", AS_OF, "--format", "json"]


def test_a_warm_check_answers_from_the_state_without_listing_the_files(
    reg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_cli(CHECK, reg)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the files were listed")

    monkeypatch.setattr("kexie_cli.validate.engine.Door", refuse)
    again = run_cli(CHECK, reg)
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)


def test_check_sees_a_same_size_edit_with_its_mtime_put_back(reg: Path) -> None:
    before = run_cli(CHECK, reg)
    path = reg / SOCIETY
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    edited = text.replace(f"id: {ID}", f"id: {ID[:-1]}x", 1)  # the id no longer the file's name: K005
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = run_cli(CHECK, reg)
    assert "K005" in after.stdout
    assert "K005" not in before.stdout


def test_show_after_a_check_answered_from_the_state_has_the_records(reg: Path) -> None:
    run_cli(CHECK, reg)
    shown = run_cli(["show", ID, "--as-of", AS_OF], reg)
    assert shown.exit_code == 0, shown.stderr
    assert "机械工程学会" in shown.stdout


def test_only_the_newest_answers_are_kept(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kexie_cli.validate.answers.KEEP", 2)
    for kind in ("societies", "branches", "party-cells"):
        run_cli(["list", kind, "--as-of", AS_OF], reg)
    assert len(answers(reg)) == 2
    monkeypatch.setattr("kexie_cli.validate.answers.KEEP_BYTES", 1)  # the newest stays, whatever its size
    run_cli(["list", "leaders", "--as-of", AS_OF], reg)
    assert len(answers(reg)) == 1


def test_kexies_own_templates_are_part_of_the_key(tmp_path: Path) -> None:
    data = tmp_path / "_data"
    shutil.copytree(REPO / "templates", data / "templates")
    before = shipped_state(data)
    letter = next((data / "templates").rglob("*.j2"))
    stat = letter.stat()
    letter.write_text(letter.read_text(encoding="utf-8").replace("的", "之", 1), encoding="utf-8")
    os.utime(letter, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert shipped_state(data) != before
