"""Tests of the annual records (issue 21): the kind, its rules K410–K419, its figures and its import."""

from __future__ import annotations

from tests.rules import File

ANNUAL_BASE = """\
kind: annual
org: {org}
year: {year}
report: {{status: approved, submitted: {next}-03-10, approved: {next}-03-20}}
"""


def annual(body: str = "", org: str = "demo-society", year: int = 2025, ident: str = "", folder: str = "") -> File:
    """An annual record of ``org`` for ``year`` at ``records/annual/<folder or year>/<ident>.yaml``.

    As the rule helpers (tests/rules): ``id`` first, then ``body`` (its first line is line 2), then the
    base fields the body does not name.
    """
    ident = ident or f"{org}-{year}"
    named = {line.partition(":")[0] for line in body.splitlines() if ":" in line and not line.startswith(" ")}
    base = ANNUAL_BASE.format(org=org, year=year, next=year + 1)
    rest = [line for line in base.splitlines() if line.partition(":")[0] not in named]
    text = "\n".join([f"id: {ident}", *([body] if body else []), *rest]) + "\n"
    return f"records/annual/{folder or year}/{ident}.yaml", text
