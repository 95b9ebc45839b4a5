"""K506 waits party.grace_days (default 15) after a month ends before calling it a gap (issue 25)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_sample, run_cli


def _k506(root: Path, as_of: str) -> list[dict[str, object]]:
    run = run_cli(["check", "--as-of", as_of, "--format", "json"], root)
    return [f for f in run.json() if f["code"] == "K506"]


def test_the_month_that_ended_yesterday_is_not_yet_a_gap(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    first = _k506(root, "2026-12-01")
    assert not any("2026-11" in str(f["message"]) for f in first)
    assert any("2026-11" in str(f["message"]) for f in _k506(root, "2026-12-16"))
    assert not any("2026-11" in str(f["message"]) for f in _k506(root, "2026-12-15"))


def test_grace_days_zero_checks_the_day_after(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    settings = root / "kexie.yaml"
    text = settings.read_text(encoding="utf-8")
    if "\nparty:\n" in text:
        text = text.replace("\nparty:\n", "\nparty:\n  grace_days: 0\n", 1)
    else:
        text += "\nparty:\n  grace_days: 0\n"
    settings.write_text(text, encoding="utf-8")
    assert sum("2026-11" in str(f["message"]) for f in _k506(root, "2026-12-01")) >= 20
