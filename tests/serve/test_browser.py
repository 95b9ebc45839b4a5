"""``kexie serve`` in a real browser: headless Chromium over the DevTools pipe (tests/report/cdp.py).

The server runs as ``python -m kexie_cli serve --port 0`` on a Git copy of the sample registry.
Chromium opens the 工作台, searches a society by its pinyin initials, opens it, edits its 秘书长
through the form; the test then asserts one commit with a one-line ``git diff``. Every page is
shot at 1280 and 390 px wide, without console errors, and no request leaves the server.
Set KEXIE_SERVE_SCREENSHOTS=DIR to keep the screenshots (docs/img/ is made from them).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import waiting
from tests.conftest import AS_OF, REPO
from tests.report.cdp import Page, browser, find_chromium
from tests.serve.conftest import SOCIETY, git

PAGES = {
    "dashboard": "/",
    "list": "/list/societies",
    "record": f"/record/{SOCIETY}",
    "edit": f"/record/{SOCIETY}/edit",
    "check": "/check",
    "elections": "/elections",
    "inspections": "/inspections",
    "party": "/party",
    "summary": "/summary",
    "report": "/report",
    "import": "/import",
}


@pytest.fixture
def server(sample_git: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEXIE_")}
    command = [sys.executable, "-m", "kexie_cli", "serve", "--port", "0", "--as-of", AS_OF, "--root", str(sample_git)]
    proc = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line
        yield found.group(0)
    finally:
        proc.send_signal(signal.SIGINT)
        waiting.communicate(proc)  # the server stops on Ctrl+C (killed if it hangs instead)


def shot(page: Page, path: Path) -> None:
    """The first screen of the page (what a user sees on opening it), as PNG."""
    data = page.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})["data"]
    path.write_bytes(base64.b64decode(data))


def navigate(page: Page, script: str) -> None:
    """Run ``script`` (which submits a form or follows a link) and wait for the next page."""
    start = len(page.chrome.events)
    page.evaluate(script)
    page.chrome.wait_for("Page.loadEventFired", page.session, start)


@pytest.mark.slow
def test_edit_through_the_browser(server: str, sample_git: Path, tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium not installed (Debian: apt-get install -y chromium fonts-wqy-zenhei)")
    shots = tmp_path / "shots"
    shots.mkdir()
    before = git(sample_git, "rev-parse", "HEAD").strip()
    with browser(chromium, tmp_path / "profile") as chrome:
        page = Page(chrome, 1280, 900)
        page.open(server)
        assert page.evaluate("document.querySelector('h1').textContent") == "工作台"
        navigate(
            page,
            "document.querySelector('form.search input').value = 'slxh';document.querySelector('form.search').submit()",
        )
        assert "示例市水利学会" in page.evaluate("document.querySelector('main').textContent")
        navigate(page, f"document.querySelector('a[href=\"/record/{SOCIETY}\"]').click()")
        navigate(page, "document.querySelector('a[data-edit]').click()")
        old = page.evaluate(
            "(() => { const s = [...document.querySelectorAll('select[name$=\".role\"]')]"
            ".find(e => e.value === 'secretary-general'); const f = document.querySelector("
            "'[name=\"' + s.name.replace(/role$/, 'name') + '\"]');"
            "const old = f.value; f.value = '李四'; return old; })()"
        )
        page.evaluate("document.querySelector('#author').value = '浏览器测试'")
        navigate(page, "document.querySelector('button[data-save]').click()")
        assert f"秘书长：{old} → 李四" in page.evaluate("document.querySelector('main').textContent")
        assert page.problems() == []
        for name, path in PAGES.items():
            for width, height, mobile in ((1280, 900, False), (390, 844, True)):
                view = Page(chrome, width, height, mobile=mobile)
                view.open(server.rstrip("/") + path)
                shot(view, shots / f"{name}-{width}.png")
                assert view.problems() == [], (name, width)
                if mobile and name != "report":  # the report frame scrolls inside itself
                    sizes = view.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                    assert sizes[0] <= sizes[1] + 1, (name, sizes)  # no sideways scrolling on a phone
                requests = [u for u in view.requests() if not u.startswith(("data:", "about:"))]
                assert requests and all(u.startswith(server) for u in requests), requests
        requests = [u for u in page.requests() if not u.startswith(("data:", "about:"))]
        assert all(u.startswith(server) for u in requests), requests
    assert git(sample_git, "rev-list", "--count", f"{before}..HEAD") == "1\n"
    assert git(sample_git, "log", "-1", "--format=%an|%s") == f"浏览器测试|示例市水利学会：秘书长：{old} → 李四\n"
    stat = git(sample_git, "diff", "--numstat", f"{before}", "HEAD")
    assert stat == f"1\t1\trecords/societies/{SOCIETY}.yaml\n"  # one line changed, one file
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in shots.iterdir())
    keep = os.environ.get("KEXIE_SERVE_SCREENSHOTS")
    if keep:
        shutil.copytree(shots, keep, dirs_exist_ok=True)
