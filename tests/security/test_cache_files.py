"""Issue 28: files planted in .kexie/cache (a FIFO, a link to /dev/zero, a huge file) are a cache miss."""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kexie_cli.validate import cache
from tests.conftest import AS_OF, run_cli
from tests.robustness.test_corpus import deadline  # noqa: F401 - the fixture
from tests.security.hostile import society

pytestmark = [pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only"), pytest.mark.usefixtures("deadline")]


def plant(folder: Path, how: str) -> int:
    planted = 0
    for path in sorted(folder.glob("*.bin")):
        path.unlink()
        if how == "fifo":
            os.mkfifo(path)
        elif how == "zero":
            path.symlink_to("/dev/zero")
        planted += 1
    return planted


@pytest.mark.parametrize("how", ["fifo", "zero"])
@pytest.mark.parametrize("args", [["check", "--format", "json"], ["list", "societies", "--format", "json"]])
def test_planted_cache_files_are_a_miss(registry: Callable[..., Path], how: str, args: list[str]) -> None:
    root = registry({"records/societies/ceshi-xuehui.yaml": society()})
    first = run_cli([*args, "--as-of", AS_OF], root)
    assert plant(root / ".kexie" / "cache", how) > 0
    again = run_cli([*args, "--as-of", AS_OF], root)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)


def test_pack_over_the_bound_is_not_read(registry: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = registry({"records/societies/ceshi-xuehui.yaml": society()})
    first = run_cli(["check", "--format", "json", "--as-of", AS_OF], root)
    monkeypatch.setattr(cache, "MAX_PACK_BYTES", 10)
    read: list[str] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        read.append("pack")
        return bool(real(a, b))

    monkeypatch.setattr(hmac, "compare_digest", spy)
    again = run_cli(["check", "--format", "json", "--as-of", AS_OF], root)
    assert again.stdout == first.stdout and not read  # every pack is over 10 bytes: none was read
