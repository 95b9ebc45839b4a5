"""The HTML report in a real browser (headless Chromium over the DevTools pipe).

Skipped, saying why, where Chromium is not installed (Debian: apt-get install chromium fonts-wqy-zenhei).
Set KEXIE_REPORT_SCREENSHOT=FILE.png to keep the screenshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests import waiting
from tests.conftest import AS_OF, run_cli
from tests.report.cdp import Page, browser, find_chromium

COLLECT = """JSON.stringify([...document.querySelectorAll('[data-figure]')].map(e => ({
  figure: e.dataset.figure, source: e.dataset.source, value: e.dataset.value,
  previous: e.dataset.previous === undefined ? null : e.dataset.previous, shown: e.textContent})))"""


def summary_cells(root: Path, *extra: str) -> dict[str, Any]:
    run = run_cli(["summary", "--format", "json", *extra], root)
    assert run.exit_code == 0, run.stderr
    return {t["table"]: t for t in run.json()}


def lookup(cells: dict[str, Any], source: str) -> Any:
    """``table:total:key`` or ``table:field=value:key`` in summary JSON (written independently of kexie_cli.report)."""
    table, where, key = source.split(":")
    if where == "total":
        return cells[table]["total"][key]
    field, wanted = where.split("=", 1)
    (row,) = [r for r in cells[table]["rows"] if str(r[field]) == wanted]
    return row[key]


@pytest.fixture(scope="module")
def report_html(sample_history: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, _ = sample_history
    out = tmp_path_factory.mktemp("report") / "report.html"
    run = run_cli(["report", "--format", "html", "-o", str(out), "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    return out


def test_html_is_self_contained(report_html: Path) -> None:
    text = report_html.read_text(encoding="utf-8")
    assert "<script" not in text
    assert not re.search(r"""(src|href)\s*=|url\(|@import|//[a-z0-9.-]+\.[a-z]{2,}/""", text, re.IGNORECASE)
    assert text.count("<svg") == 4
    assert "@page { size: A4" in text and 'name="viewport"' in text


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip(
            "Chromium not installed (Debian: apt-get install -y chromium fonts-wqy-zenhei); browser test skipped"
        )
    return found


@pytest.mark.slow
def test_report_in_browser(chromium: str, report_html: Path, sample_history: tuple[Path, str], tmp_path: Path) -> None:
    root, first = sample_history
    url = report_html.resolve().as_uri()
    with browser(chromium, tmp_path / "profile") as chrome:
        page = Page(chrome, 1000, 1400)
        page.open(url)
        figures = json.loads(page.evaluate(COLLECT))
        assert page.problems() == []
        assert set(page.requests()) == {url}  # nothing fetched from anywhere else
        shot = tmp_path / "report.png"
        page.screenshot(shot)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
        if os.environ.get("KEXIE_REPORT_SCREENSHOT"):
            shutil.copy(shot, os.environ["KEXIE_REPORT_SCREENSHOT"])
        pdf = page.pdf()
        box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        assert box is not None
        assert abs(float(box.group(1)) - 595.3) < 2 and abs(float(box.group(2)) - 841.9) < 2  # A4 in points
        phone = Page(chrome, 390, 844, mobile=True)
        phone.open(url)
        assert phone.problems() == []
        width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]  # no sideways scrolling of the page on a phone
    now = summary_cells(root, "--as-of", AS_OF)
    before = summary_cells(root, "--at", first, "--as-of", "2025-12-31")
    assert len(figures) >= 20
    keys = {f["figure"] for f in figures}
    assert {"societies", "stars_rated", "stars_share", "org_rate", "work_rate", "elections_completed"} <= keys
    assert {"inspection_rate", "township_rate", "village_rate", "three_heads_people", "members_individual"} <= keys
    for figure in figures:
        assert json.loads(figure["value"]) == lookup(now, figure["source"]), figure
        assert json.loads(figure["previous"]) == lookup(before, figure["source"]), figure
    societies = next(f for f in figures if f["figure"] == "societies")
    assert json.loads(societies["value"]) - json.loads(societies["previous"]) == 2  # two societies added in 2026


def test_the_browser_check_sees_errors_and_requests(chromium: str, tmp_path: Path) -> None:
    """The checks above can fail: a page with a console error, an exception and a remote image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
        "<script>console.error('boom'); undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    with browser(chromium, tmp_path / "profile") as chrome:
        page = Page(chrome, 800, 600)
        page.open(bad.as_uri())
        problems = page.problems()
        assert any("console.error" in p for p in problems)
        assert any("exception" in p for p in problems)
        assert "http://127.0.0.1:9/x.png" in page.requests()


def _pdf_pages(chromium: str, html: Path, tmp_path: Path) -> int:
    pdf = tmp_path / f"{html.stem}.pdf"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}"]
    command += ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()]
    waiting.run(command)  # as long as Chromium works
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


@pytest.mark.slow
def test_the_sample_report_prints_on_at_most_five_a4_pages(chromium: str, report_html: Path, tmp_path: Path) -> None:
    """Chromium's print to PDF (A4, the report's print CSS): charts two abreast, no half-empty pages (issue 25).

    The statistics (一、二、三) fit five pages; the 年度工作总结 (issue 21) comes after them, with its table of
    every organisation that reports, and adds its own pages."""
    text = report_html.read_text(encoding="utf-8")
    start = text.index('<section id="work"')
    statistics = tmp_path / "statistics.html"
    statistics.write_text(text[:start] + text[text.index("</section>", start) + len("</section>") :], "utf-8")
    pages = _pdf_pages(chromium, statistics, tmp_path)
    assert 1 <= pages <= 5
    assert _pdf_pages(chromium, report_html, tmp_path) > pages
