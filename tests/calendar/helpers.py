"""Paths of the example registries of the calendar commands."""

from __future__ import annotations

import json
from pathlib import Path

from kexie_cli.calendar.letters import LETTER_WORDS
from tests.conftest import run_cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "calendar"
ELECTIONS = EXAMPLES / "elections"
INSPECTIONS = EXAMPLES / "inspections"
PARTY = EXAMPLES / "party"
SAMPLE = Path(__file__).resolve().parent.parent.parent


def by_record_id(written: list[Path], root: Path) -> list[Path]:
    """Letters renamed from ``<name>-<letter word>`` (what kexie writes) to ``<id>-<letter code>``.

    The letter tests address each letter by its record's id; the file names a user gets are
    tested in ``tests/security/test_ids_as_paths.py`` and ``test_letters_formal.py``.
    """
    ids: dict[str, str] = {}
    for kind in ("societies", "branches", "party-cells"):
        run = run_cli(["list", kind, "--columns", "id,name", "--format", "json"], root)
        ids |= {row["name"]: row["id"] for row in json.loads(run.stdout or "[]") if row.get("name")}
    codes = {word: code for code, word in LETTER_WORDS.items()}
    out = []
    for path in written:
        name, _, word = path.stem.rpartition("-")
        target = path.with_name(f"{ids.get(name, name)}-{codes.get(word, word)}{path.suffix}")
        path.rename(target)
        out.append(target)
    return out
