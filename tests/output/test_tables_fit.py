"""Terminal tables at 80, 100 and 120 columns (a real pseudo-terminal): nothing cut, nothing too wide."""

from __future__ import annotations

import functools
import re

import pytest

from kexie_cli.reporters.layout import width
from tests.conftest import AS_OF, REPO, run_cli
from tests.output.ptyrun import run_kexie, run_many

WIDTHS = (80, 100, 120)
COMMANDS = {
    "due-elections": ["due-elections", "--as-of", AS_OF],
    "check": ["check", "--as-of", AS_OF],
    "list": ["list", "society"],
    "inspections": ["inspections", "--as-of", AS_OF],
    "party": ["party", "--as-of", AS_OF],
    "summary": ["summary", "--as-of", AS_OF],
    "list-cells": ["list", "party-cells", "--as-of", AS_OF],
    "leaders": ["list", "leaders", "--as-of", AS_OF],
    "show": ["show", "keji-fuwu-lianhe-dangzhibu", "--as-of", AS_OF],
    "find": ["find", "学会"],
}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@functools.cache
def screens(columns: int) -> dict[str, str]:
    texts = run_many(list(COMMANDS.values()), columns, cwd=REPO)
    return dict(zip(COMMANDS, texts, strict=True))


def column_texts(screen: str) -> list[list[str]]:
    """For every table on the screen, each column's cell text read top to bottom (wrapped lines joined)."""
    tables: list[list[str]] = []
    current: list[str] | None = None
    for line in screen.splitlines():
        if "│" not in line:
            current = None
            continue
        cells = [c.strip() for c in line.split("│")]
        if current is None or len(cells) != len(current):
            current = ["" for _ in cells]
            tables.append(current)
        for j, cell in enumerate(cells):
            current[j] += cell
    return [list(t) for t in tables]


def _json(name: str) -> list[dict[str, object]]:
    result = run_cli([*COMMANDS[name], "--format", "json"], REPO)
    data = result.json()
    return data if isinstance(data, list) else []


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_nothing_is_cut_and_every_line_fits(columns: int, name: str) -> None:
    screen = screens(columns)[name]
    assert screen.strip()
    assert "…" not in screen
    too_wide = [line for line in screen.splitlines() if width(line) > columns]
    assert not too_wide
    # a date is never broken across lines: every date-like run on screen is a whole date (or month)
    for fragment in re.findall(r"(?<![\d-])\d{4}-[\d-]*", screen):
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", fragment), (fragment, columns)
    # headers are never set one character a line: a table's header takes at most three lines
    header_runs = re.findall(r"(?:^[^\n]*┃[^\n]*\n)+", screen, flags=re.MULTILINE)
    assert all(run.count("\n") <= 3 for run in header_runs), (name, columns, header_runs)


@pytest.mark.parametrize("columns", WIDTHS)
def test_due_elections_shows_every_name_date_and_person_whole(columns: int) -> None:
    screen = screens(columns)["due-elections"]
    items = _json("due-elections")
    assert items
    [table] = column_texts(screen)
    names = table[0]
    for item in items:
        assert str(item["term_ends"]) in screen.splitlines().__str__()
        short = str(item["name"]).removeprefix("示例市")
        assert short in names  # wrapped inside its cell, never cut
        for person in (item["chair"], item["officer"]):
            if person:
                assert any(str(person) in line for line in screen.splitlines())  # a person's name is never wrapped
    assert "示例市" in screen  # the shared prefix is named once under the table


@pytest.mark.parametrize("columns", WIDTHS)
def test_check_names_every_file_whole_and_no_id_column(columns: int) -> None:
    screen = screens(columns)["check"]
    lines = screen.splitlines()
    findings = _json("check")
    assert findings
    for finding in findings:
        assert str(finding["file"]) in lines  # the file heads its group, on a line of its own
        for date in DATE.findall(str(finding["message"])):
            assert date in screen
    assert not any(line.endswith(f"│ {findings[0]['id']}") for line in lines)


@pytest.mark.parametrize("columns", WIDTHS)
def test_inspections_and_list_names_whole(columns: int) -> None:
    for command in ("inspections", "list"):
        screen = screens(columns)[command]
        names = "".join(column_texts(screen)[0][0 if command == "inspections" else 1])
        rows = run_cli([*COMMANDS[command], "--format", "json"], REPO).json()
        rows = rows if isinstance(rows, list) else rows.get("rows", rows.get("societies", []))
        for row in rows:
            if isinstance(row, dict) and row.get("name"):
                assert str(row["name"]).removeprefix("示例市") in names


def test_no_color_only_removes_colour() -> None:
    plain = run_kexie([*COMMANDS["due-elections"]], 100, cwd=REPO, env={"NO_COLOR": "1"})
    coloured = run_kexie([*COMMANDS["due-elections"]], 100, cwd=REPO)
    assert plain.terminal == coloured.terminal  # the same layout, 100 columns wide
    assert max(width(line) for line in plain.terminal.splitlines()) <= 100
    assert re.search(r"\x1b\[[0-9;]*3\dm", coloured.raw) or "\x1b[" in coloured.raw
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m|\x1b\[[0-9;]*38;", plain.raw)  # no foreground colour
