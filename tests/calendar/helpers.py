"""Paths of the example registries of the calendar commands."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "calendar"
ELECTIONS = EXAMPLES / "elections"
INSPECTIONS = EXAMPLES / "inspections"
PARTY = EXAMPLES / "party"
SAMPLE = Path(__file__).resolve().parent.parent.parent
