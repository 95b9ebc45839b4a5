"""CI outputs: fingerprints that stay put from one day to the next; SARIF base ids; the pinned release."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kexie_cli import __version__
from tests.conftest import REPO, run_cli, write_registry
from tests.review.conftest import SOCIETY, SOCIETY_FILE

DAYS = ("2026-11-23", "2026-11-24")


def _sarif(day: str) -> dict[str, Any]:
    log = json.loads(run_cli(["check", "--as-of", day, "--format", "sarif"], REPO).stdout)
    run: dict[str, Any] = log["runs"][0]
    return run


def test_sarif_fingerprints_are_the_same_on_two_consecutive_days() -> None:
    first, second = (_sarif(day) for day in DAYS)
    messages = [[r["message"]["text"] for r in run["results"]] for run in (first, second)]
    assert messages[0] != messages[1]  # day counts moved ...
    prints = [[r["partialFingerprints"] for r in run["results"]] for run in (first, second)]
    assert prints[0] == prints[1]  # ... the fingerprints did not
    flat = [next(iter(p.values())) for p in prints[0]]
    assert len(set(flat)) == len(flat)  # and no two findings share one (K506 twice on one cell)


def test_sarif_leaves_out_relative_original_uri_base_ids() -> None:
    run = _sarif(DAYS[0])
    bases = run.get("originalUriBaseIds", {})
    assert isinstance(bases, dict)
    for base in bases.values():
        assert re.match(r"^[a-z][a-z0-9+.-]*:", base["uri"])  # absolute, SARIF §3.14.14


def test_codeclimate_fingerprints_are_the_same_on_two_consecutive_days() -> None:
    issues = [json.loads(run_cli(["check", "--as-of", d, "--format", "codeclimate"], REPO).stdout) for d in DAYS]
    assert [i["description"] for i in issues[0]] != [i["description"] for i in issues[1]]
    assert [i["fingerprint"] for i in issues[0]] == [i["fingerprint"] for i in issues[1]]
    prints = [i["fingerprint"] for i in issues[0]]
    assert len(set(prints)) == len(prints)


def test_fingerprint_survives_a_line_move(tmp_path: Path) -> None:

    bad = SOCIETY.replace("years: 5", "years: 6")
    root = write_registry(tmp_path / "a", {SOCIETY_FILE: bad})
    moved = write_registry(tmp_path / "b", {SOCIETY_FILE: bad.replace("status: active\n", "status: active\n\n\n")})
    prints = []
    for where in (root, moved):
        out = run_cli(["check", "--as-of", DAYS[0], "--format", "codeclimate", "--select", "K303"], where).stdout
        [item] = json.loads(out)
        prints.append((item["fingerprint"], item["location"]["lines"]["begin"]))
    assert prints[0][0] == prints[1][0]
    assert prints[0][1] != prints[1][1]


def test_ci_docs_pin_the_current_release() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    pins = re.findall(r"rev: (v\S+)", text)
    assert pins
    assert set(pins) == {f"v{__version__}"}
