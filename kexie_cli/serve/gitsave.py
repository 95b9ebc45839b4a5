"""One Git commit per save: only the saved file(s), with a Chinese message naming the change.

``git commit -- PATH`` commits the named paths as they are in the work tree and
nothing else: whatever else the user has staged or changed stays as it was.
The author is the name the user gave once in the browser (kept in the session),
else ``--author``, else Git's own configuration; when Git has no identity at all
the author's name is used as the committer too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from kexie_cli.cells import safe_text
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.registry.gitio import git
from kexie_cli.review.semdiff import FieldChange

SUBJECT_CHANGES = 3  # changes named in the subject line; the body lists them all
_AUTHOR = re.compile(r"^\s*([^<>\n]+?)\s*(?:<([^<>\n]*)>)?\s*$")


def configured_name(root: Path) -> str | None:
    """``git config user.name`` of the registry, or None."""
    try:
        name = git(root, "config", "user.name").decode("utf-8", "replace").strip()
    except KexieError:
        return None
    return name or None


def parse_author(text: str) -> tuple[str, str] | None:
    """``张三`` or ``张三 <zhang@example.org>`` as (name, email); None when it is not a usable name."""
    match = _AUTHOR.match(text or "")
    if match is None or not match.group(1).strip() or len(text) > 200:
        return None
    if any(ord(c) < 32 for c in text):
        return None
    return match.group(1).strip(), (match.group(2) or "").strip()


def change_lines(changes: Sequence[FieldChange], lang: str) -> list[str]:
    """Each change as ``理事长：张三 → 李四`` (the words of ``kexie log``)."""
    none = tr("diff.none", lang)
    colon = "：" if lang != "en" else ": "
    return [safe_text(f"{c.label}{colon}{c.old or none} → {c.new or none}") for c in changes]


def message(name: str, changes: Sequence[FieldChange], lang: str, action: str = "") -> str:
    """The commit message: subject ``<record>：<changes>``, body one change a line."""
    lines = change_lines(changes, lang)
    shown = "；".join(lines[:SUBJECT_CHANGES])
    if len(lines) > SUBJECT_CHANGES:
        shown += tr("serve.commit.more", lang, count=len(lines) - SUBJECT_CHANGES)
    head = action or shown or tr("serve.commit.no_semantic", lang)
    subject = safe_text(f"{name}：{head}" if name else head)
    body = "\n".join(lines) if (len(lines) > SUBJECT_CHANGES or action) and lines else ""
    return subject + ("\n\n" + body if body else "") + "\n"


def commit(root: Path, paths: Sequence[str], text: str, author: tuple[str, str] | None) -> str:
    """Commit ``paths`` (registry-relative) alone with message ``text``; returns the commit id."""
    prefix = git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    full = [prefix + p for p in paths]
    args: list[str] = []
    if author is not None:
        name, email = author
        args += ["-c", f"user.name={name}", "-c", f"user.email={email}"] if configured_name(root) is None else []
        args_author = ["--author", f"{name} <{email}>"]
    else:
        args_author = []
    top = Path(git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip())
    git(top, "add", "--", *full)
    git(top, *args, "commit", "--quiet", "--no-verify", *args_author, "-F", "-", "--", *full, stdin=text.encode())
    return git(top, "rev-parse", "HEAD").decode().strip()
