"""Issue 28: a registry's templates/records/*.yaml for `kexie new` is bounded and linked like record files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, run_cli
from tests.robustness.test_corpus import deadline  # noqa: F401 - the fixture

TEMPLATE = "templates/records/society.yaml"
SHIPPED = (Path(__file__).resolve().parents[2] / "kexie_cli/_data" / TEMPLATE).read_text(encoding="utf-8")
FIELDS = "founded=2020-01-01 level=municipal discipline=science uscc=51369900505374438P chair=张三 since=2020-01-01"
NEW = ["new", "society", "--id", "xin-xuehui", "--name", "新学会", "--no-input", "--as-of", AS_OF]
NEW += [arg for field in [*FIELDS.split(), "secretary_general=李四"] for arg in ("--set", field)]

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(20)
)


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (SHIPPED + BOMB, "K004"),
        (SHIPPED + "notes: " + "[" * 200 + "]" * 200 + "\n", "K002"),
        (SHIPPED.encode("utf-8") + b"notes: \xff\xfe\n", "utf-8"),
        (SHIPPED + "# " + "x" * 2_000_000 + "\n", "too large"),
    ],
    ids=["alias-bomb", "deep", "not-utf8", "huge"],
)
def test_hostile_record_template_is_refused(registry: Callable[..., Path], body: str | bytes, reason: str) -> None:
    root = registry({TEMPLATE: body})
    run = run_cli(NEW, root)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"记录模板 {TEMPLATE} 无法使用" in run.stderr and reason in run.stderr, run.stderr
    assert not (root / "records" / "societies" / "xin-xuehui.yaml").exists()


def test_record_template_linked_outside_is_not_read(registry: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SHIPPED.replace("# short_name: 简称", "short_name: TOP-SECRET"), encoding="utf-8")
    root = registry({})
    (root / "templates" / "records").mkdir(parents=True)
    (root / TEMPLATE).symlink_to(secret)
    run = run_cli(NEW, root)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "TOP-SECRET" not in run.stdout + run.stderr
    assert not (root / "records" / "societies" / "xin-xuehui.yaml").exists()


@pytest.mark.usefixtures("deadline")
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_record_template_that_is_a_fifo(registry: Callable[..., Path]) -> None:
    root = registry({})
    (root / "templates" / "records").mkdir(parents=True)
    os.mkfifo(root / TEMPLATE)
    run = run_cli(NEW, root)
    assert run.exit_code == 2 and "记录模板" in run.stderr


def test_registry_template_inside_templates_still_works(registry: Callable[..., Path]) -> None:
    root = registry({TEMPLATE: SHIPPED.replace("# short_name: 简称", "short_name: 自定义")})
    run = run_cli(NEW, root)
    assert run.exit_code == 0, run.stderr
    assert "short_name: 自定义" in (root / "records/societies/xin-xuehui.yaml").read_text(encoding="utf-8")
