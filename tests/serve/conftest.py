"""A copy of the sample registry in Git, and Flask test clients of ``kexie serve`` over it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from kexie_cli.serve.app import create_app
from kexie_cli.serve.state import Options
from tests.conftest import AS_OF, copy_sample
from tests.serve.formdata import form_fields

SOCIETY = "shuili-xuehui"  # 示例市水利学会, found by the pinyin initials "slxh"
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00",
}


def git(root: Path, *args: str) -> str:
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(root), **GIT_ENV}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def sample_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample registry as one commit; Git has no identity configured (the page asks for a name)."""
    root = copy_sample(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=setup", "-c", "user.email=setup@example.invalid", "commit", "-q", "-m", "sample")
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    return root


Client = Any


def client_for(root: Path, **options: Any) -> Client:
    app = create_app(Options(root, as_of=dt.date.fromisoformat(AS_OF), **options))
    app.config["TESTING"] = False  # errors go through the error pages, as in use
    return app.test_client()


@pytest.fixture
def make_client() -> Callable[..., Client]:
    return client_for


def form_of(client: Client, page: str, action: str | None = None) -> MultiDict[str, str]:
    """The fields the form ``action`` (default: ``page``) of ``page`` would post, as a browser sends them."""
    answer = client.get(page)
    assert answer.status_code == 200, answer.get_data(as_text=True)[-500:]
    return MultiDict(form_fields(answer.get_data(as_text=True), action or page))


def field_named(data: MultiDict[str, str], suffix: str, value: str) -> str:
    """The form name ending in ``suffix`` whose value is ``value`` (``.name``, ``杨光斌`` → ``f:leaders.3.name``)."""
    (name,) = [k for k, v in data.items(multi=True) if k.endswith(suffix) and v == value]
    return name


def text(answer: Any) -> str:
    body: str = answer.get_data(as_text=True)
    return body


def error_of(answer: Any) -> str:
    found = re.search(r"data-error>(.*?)<", text(answer), re.DOTALL)
    return found.group(1) if found else ""
