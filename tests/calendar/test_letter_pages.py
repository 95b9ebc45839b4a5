"""Every letter of the sample registry fits one A4 page, as LibreOffice lays it out (issue 25).

Needs LibreOffice (``soffice``; ``.ci/run`` installs libreoffice-writer-nogui); skipped without it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from kexie_cli.calendar.letter_docx import BODY_PT, LINE_PT, MIN_PITCH, SIZES
from tests import waiting
from tests.calendar.helpers import SAMPLE
from tests.conftest import run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def pdf_pages(docs: list[Path], out: Path) -> dict[str, int]:
    """Each document's page count after LibreOffice renders it to PDF."""
    assert SOFFICE is not None
    profile = out / "profile"
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    done = waiting.run([*command, "--outdir", str(out), *map(str, docs)])  # as long as LibreOffice works
    assert done.returncode == 0, done.stderr
    return {p.stem: len(PAGE.findall(p.read_bytes())) for p in out.glob("*.pdf")}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize(
    "as_of",
    [
        "2026-12-01",
        pytest.param("2027-06-01", marks=pytest.mark.slow),  # issue 20's longer 换届 steps: 三号 no longer fits
    ],
)
def test_every_letter_of_the_sample_fits_one_page(tmp_path: Path, as_of: str) -> None:
    letters = tmp_path / "letters"
    for which in ("elections", "inspections"):
        run = run_cli(["letters", which, "--as-of", as_of, "--output", str(letters)], SAMPLE)
        assert run.exit_code == 0, run.stderr
    docs = sorted(letters.glob("*.docx"))
    assert len(docs) >= 5
    pages = pdf_pages(docs, tmp_path / "pdf")
    assert len(pages) == len(docs)
    assert {name: n for name, n in pages.items() if n != 1} == {}
    fits = {d.name: body_and_pitch(d) for d in docs}
    floor = SIZES[-1][0]  # 五号
    assert all(floor <= size <= BODY_PT and size * MIN_PITCH <= pitch <= LINE_PT for size, pitch in fits.values())
    assert (BODY_PT, LINE_PT) in fits.values()  # a short letter keeps the GB/T 9704 page (22 lines of 28.95 pt)
    if as_of == "2027-06-01":  # the longest letters step down to 四号 rather than run over
        assert any(size < BODY_PT for size, _ in fits.values())
    # the letters are Chinese documents whatever the messages' language: --lang en lays them out the same
    english = tmp_path / "english"
    for which in ("elections", "inspections"):
        run = run_cli(["letters", which, "--as-of", as_of, "--output", str(english), "--lang", "en"], SAMPLE)
        assert run.exit_code == 0, run.stderr
    assert {d.name: body_and_pitch(d) for d in english.glob("*.docx")} == fits


def body_and_pitch(path: Path) -> tuple[float, float]:
    """The body font size and the line pitch (pt) of a letter."""
    normal = Document(str(path)).styles["Normal"]
    return normal.font.size.pt, normal.paragraph_format.line_spacing.pt
