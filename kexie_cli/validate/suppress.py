"""Suppressions: ``# kexie: ignore[K402] reason`` comments and settings ``rules.ignore``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"(?:^|\s)#\s*kexie:\s*ignore\[([^\]]*)\](.*)$")
_CODE = re.compile(r"K\d{3}\Z")


@dataclass(slots=True)
class Comment:
    """One suppression comment and the line it covers."""

    line: int
    column: int
    codes: list[str]
    reason: str
    target: int
    used: set[str] = field(default_factory=set)


def parse_comments(text: str) -> list[Comment]:
    """Suppression comments of a file.

    A comment after content covers its own line; a comment on a line of its
    own covers the next line that is neither blank nor a comment (so several
    suppression lines may stand above one entry).
    """
    lines = text.splitlines()
    found: list[Comment] = []
    pending: list[Comment] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        match = _COMMENT.search(line)
        if match is None:
            if stripped and not stripped.startswith("#"):
                for comment in pending:
                    comment.target = number
                pending.clear()
            continue
        codes = [c.strip() for c in match.group(1).split(",") if c.strip()]
        column = line.index("#", match.start()) + 1
        comment = Comment(number, column, codes, match.group(2).strip(), number)
        found.append(comment)
        if stripped.startswith("#"):
            pending.append(comment)
    for comment in pending:  # nothing follows: covers nothing
        comment.target = -1
    return found


def is_code(text: str) -> bool:
    return _CODE.match(text) is not None
