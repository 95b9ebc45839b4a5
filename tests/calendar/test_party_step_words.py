"""A Party cell's 换届 steps are named in its own words in due-elections and the calendar file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import REPO, run_cli

AS_OF = "2026-11-30"  # the sample's 电机工程学会党支部 is within its reminder period


def _next_steps(lang: str) -> dict[str, str]:
    out = run_cli(["due-elections", "--as-of", AS_OF, "--format", "csv", "--lang", lang], REPO).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return {r[1]: r[-1] for r in rows[1:]}


def test_party_cell_steps_in_party_words() -> None:
    zh = _next_steps("zh")
    assert zh["党组织"].startswith("向上级党组织报送换届请示")
    assert zh["科技社团"].startswith("报送换届工作方案")
    en = _next_steps("en")
    assert en["party cell"].startswith("ask the higher Party organisation")
    assert en["society"].startswith("submit the 换届 plan")


def test_calendar_file_uses_the_same_words(tmp_path: Path) -> None:
    target = tmp_path / "e.ics"
    run = run_cli(["due-elections", "--as-of", AS_OF, "--format", "ics", "-o", str(target)], REPO)
    assert run.exit_code == 0, run.stderr
    text = target.read_text(encoding="utf-8").replace("\n ", "")  # unfold (read_text made CRLF LF)
    assert "向上级党组织报送换届请示" in text
