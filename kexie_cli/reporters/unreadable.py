"""Naming the record files a report had to leave out (docs/registry.md, 无法读取的文件).

Every command that lists or counts records calls :func:`warn` with the
records it loaded: each file that could not be loaded is named on stderr
with its K0xx code, then one line gives their number. Text outputs also
carry the number in their summary line (:func:`note`); JSON outputs keep
their shape: the list is on stderr (and, where the document is an object,
under ``unreadable``: :func:`as_json`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from kexie_cli.i18n import tr
from kexie_cli.records.model import Record
from kexie_cli.registry.load import unreadable


def detail(record: Record, lang: str) -> tuple[str, str]:
    """(code, localised reason) of the first problem of an unloadable record."""
    if not record.problems:
        return "K001", ""
    problem = record.problems[0]
    return problem.code, tr(f"{problem.code}.{problem.key}", lang, **dict(problem.params))


def as_json(records: Iterable[Record], lang: str) -> list[dict[str, Any]]:
    """``[{file, code, line, column, message}]`` for the files that could not be loaded."""
    out = []
    for record in unreadable(records):
        code, message = detail(record, lang)
        line, column = (record.problems[0].line, record.problems[0].column) if record.problems else (1, 1)
        out.append({"file": record.relpath, "code": code, "line": line, "column": column, "message": message})
    return out


def warn(records: Sequence[Record], lang: str, out: TextIO | None = None, limit: int | None = None) -> int:
    """Name every file that could not be loaded on ``out`` (stderr); returns how many there were.

    ``limit``: name only that many, then say how many there are in all (``show``,
    where other records' files matter only for the shown record's relations).
    """
    stream = sys.stderr if out is None else out
    skipped = unreadable(records)
    named = skipped if limit is None else skipped[:limit]
    for record in named:
        code, reason = detail(record, lang)
        stream.write(tr("unreadable.file", lang, file=record.relpath, code=code, detail=reason) + "\n")
    if len(named) < len(skipped):
        stream.write(tr("unreadable.more", lang, count=len(skipped), shown=len(named)) + "\n")
    elif skipped:
        stream.write(tr("unreadable.total", lang, count=len(skipped)) + "\n")
    return len(skipped)


def note(headline: str, count: int, lang: str) -> str:
    """``headline`` with the number of files left out, when there were any."""
    if not count:
        return headline
    return headline + tr("unreadable.note", lang, count=count)
