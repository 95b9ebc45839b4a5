"""kexie monitor (kexie_cli/registry/monitor.py): the registry's state told by an inotify watch.

Every test here waits for events, never for time: the kernel queues an inotify event inside the system
call that makes the change, and the watch reads every queued event before it tells its token.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kexie_cli.registry import monitor
from kexie_cli.registry.layout import folder_stats
from kexie_cli.validate import answers
from kexie_cli.validate.answers import registry_state
from tests import waiting
from tests.conftest import AS_OF, REPO, copy_sample, run_cli
from tests.test_answers import FUTURE, ID, SOCIETY, no_loading

pytestmark = pytest.mark.skipif(not monitor.available(), reason="inotify is Linux's")


@pytest.fixture(autouse=True)
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command gives up on a watch that does not answer within ``monitor.TIMEOUT`` (1 s) and walks the files
    instead: the same answer, slower. Tests that check the watch answered wait as long as a busy machine needs."""
    monkeypatch.setattr(monitor, "TIMEOUT", waiting.STALL)


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path, schemas=True)
    (root / "templates").mkdir()
    (root / "templates" / "note.md").write_text("模板\n", encoding="utf-8")
    return root


@pytest.fixture
def watch(reg: Path) -> Iterator[monitor.Watch]:
    w = monitor.Watch(reg)
    yield w
    w.close()


def no_walk_below(root: Path, folder_stats: Callable[[str], Any]) -> Callable[[str], Any]:
    """``folder_stats`` that fails for a folder of ``root``: the registry's entries are not stat'ed."""

    def walk(folder: str) -> Any:
        assert not folder.startswith(str(root)), f"{folder} was walked"
        return folder_stats(folder)

    return walk


def same_size_edit(path: Path) -> None:
    """Rewrite one byte in place, then put size and mtime back: only ctime and the event tell."""
    st = path.stat()
    data = path.read_bytes()
    with path.open("r+b") as handle:
        handle.write(b"#" if data[:1] != b"#" else b" ")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def new_folder_then_file(reg: Path) -> None:
    (reg / "records/annual/2031/x").mkdir(parents=True)  # nested: watched when the CREATE is read
    (reg / "records/annual/2031/x/a.yaml").write_text("id: a\n", encoding="utf-8")


def removed_folder(reg: Path) -> None:
    shutil.rmtree(reg / "records/party-cells")


def records_swapped(reg: Path) -> None:
    """records/ moved aside and back: the same folder (inode) under the same name"""
    (reg / "records").rename(reg / "old")
    (reg / "old").rename(reg / "records")


EDITS: dict[str, Callable[[Path], object]] = {
    "same-size edit in place": lambda r: same_size_edit(r / SOCIETY),
    "chmod": lambda r: (r / SOCIETY).chmod(0o600),
    "new file": lambda r: (r / "records/societies/new.yaml").write_text("id: new\n", encoding="utf-8"),
    "removed file": lambda r: (r / SOCIETY).unlink(),
    "renamed file": lambda r: (r / SOCIETY).rename(r / "records/societies/renamed.yaml"),
    "new folder with a file": new_folder_then_file,
    "removed folder": removed_folder,
    "settings": lambda r: same_size_edit(r / "kexie.yaml"),
    "schema": lambda r: (r / "schemas/extra.json").write_text("{}", encoding="utf-8"),
    "template": lambda r: same_size_edit(r / "templates/note.md"),
    "link": lambda r: (r / "records/societies/link.yaml").symlink_to(r / SOCIETY),
    "records swapped": records_swapped,
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_every_kind_of_change_changes_the_token(reg: Path, watch: monitor.Watch, edit: str) -> None:
    before = watch.token()
    assert before is not None and watch.token() == before
    EDITS[edit](reg)
    assert watch.token() not in (before, None)


def test_reads_and_what_the_state_does_not_cover_keep_the_token(reg: Path, watch: monitor.Watch) -> None:
    before = watch.token()
    for path in reg.rglob("*"):
        if path.is_file():
            path.read_bytes()
    run_cli(["check", "--as-of", AS_OF], reg)  # reads every record, writes .kexie/cache
    (reg / "notes.txt").write_text("x", encoding="utf-8")  # beside the registry's folders
    (reg / ".git").mkdir()
    (reg / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (reg / "records/societies/.x.yaml.swp").write_bytes(b"swap")  # an editor's hidden file
    assert (reg / ".kexie" / "cache").is_dir()
    assert watch.token() == before


def test_a_folder_made_later_is_watched_below(reg: Path, watch: monitor.Watch) -> None:
    deep = reg / "records/annual/2032/a/b"
    deep.mkdir(parents=True)
    (deep / "c.yaml").write_text("id: c\n", encoding="utf-8")
    first = watch.token()
    same_size_edit(deep / "c.yaml")
    second = watch.token()
    (deep / "d").mkdir()
    third = watch.token()
    (deep / "d" / "e.yaml").write_text("id: e\n", encoding="utf-8")
    assert len({first, second, third, watch.token()}) == 4


def test_a_moved_folder_stays_watched_under_its_new_name(reg: Path, watch: monitor.Watch) -> None:
    (reg / "records/societies").rename(reg / "records/learned")
    watch.token()
    (reg / "records/learned/sub").mkdir()
    before = watch.token()
    (reg / "records/learned/sub/x.yaml").write_text("id: x\n", encoding="utf-8")
    assert watch.token() != before


def test_lost_events_watch_everything_afresh(reg: Path, watch: monitor.Watch) -> None:
    before, folders = watch.token(), set(watch.folders.values())
    watch._take(-1, monitor.IN_Q_OVERFLOW, "")  # what the kernel queues when its queue overflowed
    assert watch.token() != before
    assert set(watch.folders.values()) == folders
    after = watch.token()
    same_size_edit(reg / SOCIETY)
    assert watch.token() != after


def test_the_root_moved_away_ends_the_watch(reg: Path, watch: monitor.Watch) -> None:
    assert watch.token() is not None
    reg.rename(reg.with_name("elsewhere"))
    assert watch.token() is None


def test_commands_ask_through_the_socket(reg: Path, tmp_path: Path) -> None:
    assert monitor.ask(reg) is None  # no watch runs
    other = copy_sample(tmp_path / "other")
    with monitor.watching(reg):
        token = monitor.ask(reg)
        assert token is not None and monitor.ask(reg) == token
        assert monitor.ask(other) is None
        same_size_edit(reg / SOCIETY)
        assert monitor.ask(reg) not in (token, None)
        with pytest.raises(OSError):
            monitor.listen(reg)  # one watch per registry
    assert monitor.ask(reg) is None


def test_the_state_is_the_watchs_token(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.utime(reg / SOCIETY, (FUTURE, FUTURE))  # racily clean for the stat data, however slow the machine
    walked = registry_state(reg)
    assert walked is not None and walked.racy
    with monitor.watching(reg):
        monkeypatch.setattr(answers, "folder_stats", no_walk_below(reg, folder_stats))
        first = registry_state(reg)
        assert first is not None and not first.racy  # the watch sees a change however soon
        assert registry_state(reg) == first
        same_size_edit(reg / SOCIETY)
        assert registry_state(reg) != first


def test_an_answer_given_through_the_watch(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["list", "societies", "--columns", "id,name", "--as-of", AS_OF, "--format", "json"]
    walked = run_cli(args, reg)  # no watch: the state from every entry's stat data
    with monitor.watching(reg):
        first = run_cli(args, reg)
        assert (first.exit_code, first.stdout, first.stderr) == (walked.exit_code, walked.stdout, walked.stderr)
        check = run_cli(["check", "--as-of", AS_OF, "--format", "json"], reg)
        with monkeypatch.context() as patched:
            patched.setattr(answers, "folder_stats", no_walk_below(reg, folder_stats))
            patched.setattr("kexie_cli.registry.layout.folder_stats", no_walk_below(reg, folder_stats))
            assert run_cli(["check", "--as-of", AS_OF, "--format", "json"], reg).stdout == check.stdout
            no_loading(patched)
            again = run_cli(args, reg)
            assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
        path = reg / SOCIETY
        text = path.read_text(encoding="utf-8")
        st = path.stat()
        path.write_text(text.replace("机械工程学会", "机械工程学社", 1), encoding="utf-8")
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        edited = run_cli(args, reg)
    assert "机械工程学社" in edited.stdout and "机械工程学社" not in first.stdout
    assert any(row["id"] == ID for row in edited.json())


MOUNTS = """\
22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
40 22 0:40 / /mnt/c rw,noatime - 9p C:\\134 rw
41 22 0:41 / /srv/shared\\040drive rw - cifs //server/share rw
42 41 0:42 / /srv/shared\\040drive/local rw - ext4 /dev/sdb1 rw
43 22 0:43 / /home/u/remote rw - fuse.sshfs u@host: rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/u/reg", None),
        ("/mnt/c/Users/reg", "9p"),  # WSL: a Windows drive
        ("/srv/shared drive/reg", "cifs"),
        ("/srv/shared drive/local/reg", None),  # a local disk mounted inside the share
        ("/home/u/remote/reg", "fuse.sshfs"),
        ("/mnt/cx", None),
    ],
)
def test_network_file_systems_are_told(path: str, kind: str | None) -> None:
    assert monitor.network_fs(Path(path), MOUNTS) == kind


def test_the_command_refuses_where_it_cannot_watch(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(monitor, "network_fs", lambda root: "cifs")
    refused = run_cli(["monitor"], reg)
    assert refused.exit_code == 2 and "cifs" in refused.stderr and "不能监视" in refused.stderr
    monkeypatch.setattr(monitor, "available", lambda: False)
    elsewhere = run_cli(["monitor", "--lang", "en"], reg)
    assert elsewhere.exit_code == 2 and "Linux only" in elsewhere.stderr


def test_off_linux_nothing_is_asked(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monitor.watching(reg):
        assert monitor.ask(reg) is not None
        monkeypatch.setattr(monitor, "available", lambda: False)
        assert monitor.ask(reg) is None


@contextlib.contextmanager
def monitor_process(reg: Path) -> Iterator[tuple[subprocess.Popen[str], list[str], dict[str, str]]]:
    """``kexie monitor`` over ``reg`` in its own process, once it printed that it watches (then it answers);
    killed at the end if it still runs. Yields the process, its command line and its environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEXIE_")}
    cmd = [sys.executable, "-m", "kexie_cli", "monitor", "--root", str(reg)]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        assert "正在监视" in proc.stderr.readline()  # printed once the watch and the socket are ready
        yield proc, cmd, env
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.signals
def test_the_command_watches_until_ctrl_c(reg: Path) -> None:
    with monitor_process(reg) as (proc, cmd, env):
        assert monitor.ask(reg) is not None
        second = waiting.run(cmd, cwd=REPO, env=env, data="", text=True)
        assert second.returncode == 2 and "已有一个 kexie monitor 在运行" in second.stderr
        proc.send_signal(signal.SIGINT)
        rest = waiting.communicate(proc)[1]
        assert proc.returncode == 0 and "已停止监视" in rest
    assert monitor.ask(reg) is None


def test_a_folder_that_cannot_be_watched_ends_the_watch(reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monitor.watching(reg) as watch:
        assert watch is not None and monitor.ask(reg) is not None

        def full(*args: object) -> None:
            raise OSError(28, "No space left on device")  # ENOSPC: inotify's max_user_watches reached

        monkeypatch.setattr(watch, "_add_tree", full)
        (reg / "records/annual/2033").mkdir(parents=True)
        assert monitor.ask(reg) is None  # not whole any more: commands walk the files again
        assert watch.token() is None


@pytest.mark.signals
def test_the_command_ends_when_the_registry_is_moved_away(reg: Path) -> None:
    with monitor_process(reg) as (proc, _, _):
        reg.rename(reg.with_name("moved"))
        rest = waiting.communicate(proc)[1]
        assert proc.returncode == 2 and "已被移走或删除" in rest and "Traceback" not in rest
