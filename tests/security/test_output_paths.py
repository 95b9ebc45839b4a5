"""Attack 7: -o never clobbers the registry, a device or a FIFO; files follow the umask; a full disk is one message."""

from __future__ import annotations

import errno
import gc
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society

FILES: dict[str, str | bytes] = {"records/societies/ceshi-xuehui.yaml": society()}

# Every command that writes -o, with a format that writes a file.
WRITERS = {
    "export-xlsx": ["export", "--format", "xlsx"],
    "export-json": ["export", "--format", "json"],
    "export-sqlite": ["export", "--format", "sqlite"],
    "list-csv": ["list", "societies", "--format", "csv"],
    "list-xlsx": ["list", "societies", "--format", "xlsx"],
    "sql-md": ["sql", "SELECT 1", "--format", "md"],
    "summary-xlsx": ["summary", "--format", "xlsx"],
    "due-elections-ics": ["due-elections", "--format", "ics"],
    "due-elections-csv": ["due-elections", "--format", "csv"],
    "inspections-xlsx": ["inspections", "--format", "xlsx"],
    "party-md": ["party", "--format", "md"],
    "find-json": ["find", "测试", "--format", "json"],
}
NO_AS_OF = {"sql-md", "find-json", "export-xlsx", "export-json", "export-sqlite"}


def args_for(name: str, target: Path) -> list[str]:
    extra = [] if name in NO_AS_OF else ["--as-of", AS_OF]
    return [*WRITERS[name], "-o", str(target), *extra]


@pytest.mark.parametrize("protected", ["kexie.yaml", "records/societies/ceshi-xuehui.yaml", "schemas/x", "templates/y"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_registry_files_are_refused(registry: Callable[..., Path], name: str, protected: str) -> None:
    root = registry(FILES)

    def files() -> dict[Path, bytes]:  # kexie's own state (.kexie/: cache, lock) may change; nothing else
        return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".kexie" not in p.relative_to(root).parts}

    before = files()
    result = run_cli(args_for(name, root / protected), root)
    assert result.exit_code == 2, result.stderr
    assert "台账自身的文件" in result.stderr
    assert files() == before


@pytest.mark.parametrize("name", ["export-csv", "letters"])
def test_output_folders_inside_the_registry_are_refused(registry: Callable[..., Path], name: str) -> None:
    root = registry({"records/societies/ceshi-xuehui.yaml": society()})
    command = ["export", "--format", "csv"] if name == "export-csv" else ["letters", "elections", "--as-of", AS_OF]
    result = run_cli([*command, "-o", str(root / "records" / "out")], root)
    assert result.exit_code == 2, result.stderr
    assert not (root / "records" / "out").exists()


def test_relative_kexie_yaml_is_refused(registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = registry(FILES)
    monkeypatch.chdir(root / "records")
    result = run_cli(["export", "--format", "json", "-o", "../kexie.yaml"])
    assert result.exit_code == 2
    assert (root / "kexie.yaml").read_text(encoding="utf-8").startswith("registry:")


@pytest.mark.parametrize("name", list(WRITERS))
def test_fifo_is_refused(registry: Callable[..., Path], tmp_path: Path, name: str) -> None:
    root = registry(FILES)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that a writer that opens it does not hang
    try:
        result = run_cli(args_for(name, fifo), root)
    finally:
        os.close(reader)
    assert result.exit_code == 2, result.stderr
    assert "不是普通文件" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="replacing a device node needs root")
def test_dev_null_is_not_replaced(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FILES)
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = run_cli(["export", "--format", "sqlite", "-o", str(device)], root)
    assert result.exit_code == 2, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)


# The writers that created 0600 files (a temporary file renamed into place).
UMASK_WRITERS = [n for n in WRITERS if n not in {"list-csv", "sql-md", "due-elections-csv", "find-json"}]


@pytest.mark.parametrize("name", UMASK_WRITERS)
def test_new_files_follow_the_umask(registry: Callable[..., Path], tmp_path: Path, name: str) -> None:
    root = registry(FILES)
    target = tmp_path / "outputs" / "out"
    old = os.umask(0o022)
    try:
        result = run_cli(args_for(name, target), root)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["out"]  # no temporary file left


def test_letters_follow_the_umask(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FILES)
    old = os.umask(0o022)
    try:
        result = run_cli(["letters", "elections", "-o", str(tmp_path / "l"), "--as-of", AS_OF], root)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    files = list((tmp_path / "l").iterdir())
    assert len(files) == 2 and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in files)


def test_existing_file_is_replaced_keeping_its_mode(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = registry(FILES)
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    result = run_cli(["export", "--format", "json", "-o", str(target)], root)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# --- a full disk ----------------------------------------------------------------------------


class _Full(io.RawIOBase):
    """A file object whose every write fails with ENOSPC (what a full disk does)."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def writelines(self, lines: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def close(self) -> None:
        self.real.close()

    def __enter__(self) -> _Full:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def seekable(self) -> bool:
        return bool(self.real.seekable())

    def tell(self) -> int:
        return int(self.real.tell())


@pytest.fixture
def full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Writes below ``tmp_path / "full"`` fail with ENOSPC, however the writer opens its file."""
    folder = tmp_path / "full"
    folder.mkdir()
    tracked: set[int] = set()
    real_open, real_os_open, real_fdopen, real_write = io.open, os.open, os.fdopen, os.write

    def inside(path: Any) -> bool:
        try:
            return str(Path(os.fsdecode(path)).resolve()).startswith(str(folder.resolve()))
        except (TypeError, ValueError):
            return False

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return _Full(handle) if ("w" in mode or "a" in mode or "+" in mode) and inside(file) else handle

    def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = real_os_open(path, flags, *args, **kwargs)
        if flags & (os.O_WRONLY | os.O_RDWR) and inside(path):
            tracked.add(fd)
        return fd

    def fake_fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _Full(handle) if fd in tracked else handle

    def fake_write(fd: int, data: Any) -> int:
        if fd in tracked:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr("builtins.open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "fdopen", fake_fdopen)
    monkeypatch.setattr(os, "write", fake_write)
    yield folder


FULL_DISK = {
    "xlsx": (["export", "--format", "xlsx"], "out.xlsx"),
    "sqlite": (["export", "--format", "sqlite"], "out.db"),
    "csv-export": (["export", "--format", "csv"], "csv"),
    "ics": (["due-elections", "--format", "ics", "--as-of", AS_OF], "out.ics"),
    "letters": (["letters", "elections", "--as-of", AS_OF], "letters"),
    "list-csv": (["list", "societies", "--format", "csv", "--as-of", AS_OF], "out.csv"),
}


@pytest.mark.parametrize("name", list(FULL_DISK))
def test_full_disk_is_one_clear_message(
    registry: Callable[..., Path], full_disk: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    root = registry(FILES)
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    command, target = FULL_DISK[name]
    result = run_cli([*command, "-o", str(full_disk / target)], root)
    gc.collect()
    assert result.exit_code == 2, result.stderr
    assert "磁盘空间不足" in result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert not unraisable, [u.exc_value for u in unraisable]  # no "Exception ignored in ZipFile.__del__"
    leftovers = [p for p in full_disk.rglob("*") if p.is_file()]
    assert leftovers == [], leftovers
