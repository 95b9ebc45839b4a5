"""Attack 4: a registry's letter templates cannot read files outside templates/ nor exhaust the machine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kexie_cli.calendar import letter_templates
from tests.conftest import AS_OF, run_cli
from tests.security.hostile import society
from tests.waiting import cpu_seconds

SKELETON = """\
# {% block title %}关于换届的函{% endblock %}

{% block recipient %}{{ name }}{% endblock %}

{% block body %}BODY{% endblock %}

{% block signature %}{{ registry }}{% endblock %}

{% block date %}{{ date_cn }}{% endblock %}
"""


def with_body(body: str) -> str:
    return SKELETON.replace("BODY", body)


def letters(registry: Callable[..., Path], tmp_path: Path, template: str) -> Path:
    return registry(
        {
            "records/societies/ceshi-xuehui.yaml": society(),
            "templates/letters/election-overdue.j2": template,
        }
    )


@pytest.mark.parametrize(
    "name",
    [
        "../../../../{secret}",
        "{absolute}",
        "../../kexie.yaml",
        "../records/ceshi",
        "./../x",
    ],
)
def test_include_outside_templates_is_refused(registry: Callable[..., Path], tmp_path: Path, name: str) -> None:
    secret = tmp_path / "secret.j2.j2"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    (tmp_path / "secret.j2").write_text("TOP-SECRET", encoding="utf-8")
    relative = secret.relative_to(tmp_path).as_posix().removesuffix(".j2")
    include = name.format(secret="/".join([".."] * 8) + str(tmp_path)[1:] + "/" + relative, absolute=str(secret))
    body = "第一行\n{% include '" + include + "' %}"
    root = letters(registry, tmp_path, with_body(body))
    out = tmp_path / "out"
    result = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], root)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "templates/letters/election-overdue.j2 第 6 行" in result.stderr, result.stderr
    assert "TOP-SECRET" not in result.stderr
    assert not any("TOP-SECRET" in p.read_text(errors="replace") for p in tmp_path.rglob("*.md"))


def test_template_that_is_a_link_outside_is_refused(registry: Callable[..., Path], tmp_path: Path) -> None:
    root = letters(registry, tmp_path, with_body("{% include 'part' %}"))
    part = root / "templates" / "letters" / "part.j2"
    part.write_text("共用段落", encoding="utf-8")  # an include inside templates/ works
    out = tmp_path / "out"
    result = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], root)
    assert result.exit_code == 0, result.stderr
    assert "共用段落" in (out / "测试市测试学会-换届催办函.md").read_text(encoding="utf-8")

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    part.unlink()
    part.symlink_to(secret)  # a link inside templates/ to a file elsewhere is not
    result = run_cli(["letters", "elections", "-o", str(out), "--as-of", AS_OF], root)
    assert result.exit_code == 2, result.stderr
    assert "templates/letters/election-overdue.j2 第 5 行" in result.stderr
    assert not any("TOP-SECRET" in p.read_text(errors="replace") for p in out.iterdir() if p.suffix == ".md")


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 'x' * 2000000000 }}",
        "{{ 2000000000 * 'x' }}",
        "{{ ['x'] * 2000000000 }}",
        "{{ 10 ** 100000000 }}",
        "{% set a = 'x' * 900000 %}{{ a + a }}",
        "{% for i in range(99999) %}{{ 'x' * 100 }}{% endfor %}",
    ],
)
def test_huge_output_is_stopped(registry: Callable[..., Path], tmp_path: Path, expression: str) -> None:
    root = letters(registry, tmp_path, with_body(expression))
    start = cpu_seconds()
    result = run_cli(["letters", "elections", "-o", str(tmp_path / "out"), "--as-of", AS_OF], root)
    assert cpu_seconds() - start < 10  # CPU time: a busy machine does not inflate it
    assert result.exit_code == 2, result.stderr
    assert "templates/letters/election-overdue.j2" in result.stderr and "已停止" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing written, not even the folder


def test_slow_template_is_stopped(
    registry: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(letter_templates, "RENDER_SECONDS", 1.0)
    body = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    root = letters(registry, tmp_path, with_body(body))
    start = cpu_seconds()
    result = run_cli(["letters", "elections", "-o", str(tmp_path / "out"), "--as-of", AS_OF], root)
    assert cpu_seconds() - start < 5
    assert result.exit_code == 2, result.stderr
    assert "渲染超过 1 秒" in result.stderr and "第 5 行" in result.stderr
