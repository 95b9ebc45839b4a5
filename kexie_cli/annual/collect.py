"""``kexie annual collect``: read returned 年报 workbooks, merge the good ones, mark the bad ones (docs/annual.md).

Files are taken in any order and by content, not by name: the hidden sheet says whose form it is. A
workbook with any bad cell is merged not at all (not even its good cells, nor its other organisations
in a ``--one-workbook`` file): a copy with the bad cells marked and commented is written to send back
(``<file>-退回修改.xlsx`` next to it, or in ``--returns``). A file that cannot be read (not an xlsx,
too large, not a form, an organisation the registry does not know) is named with the reason and the
next file is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli import kinds
from kexie_cli.annual.marked import marked_copy
from kexie_cli.annual.merge import Merged, merge
from kexie_cli.annual.model import form_model
from kexie_cli.annual.orgs import must_report
from kexie_cli.annual.read import NotAForm, Problem, Returned, read_workbook
from kexie_cli.errors import KexieError
from kexie_cli.importer.sheets import MAX_FILE_BYTES, read_bytes
from kexie_cli.outfile import check_target, make_folder, safe_file_name, write_bytes
from kexie_cli.records.model import Record

RETURN_WORD = "退回修改"


@dataclass(slots=True)
class FileResult:
    """One workbook: merged, refused for its bad cells, or unreadable."""

    file: Path
    answers: list[Returned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    marked: Path | None = None
    error: KexieError | None = None  # the file could not be read (or is no form)

    @property
    def refused(self) -> bool:
        return self.error is not None or bool(self.problems) or any(m.errors for m in self.merged)


@dataclass(slots=True)
class CollectRun:
    files: list[FileResult]

    @property
    def refused(self) -> bool:
        return any(f.refused for f in self.files)


def collect(
    registry: Any,
    records: list[Record],
    paths: Sequence[Path],
    today: dt.date,
    *,
    returns: Path | None = None,
    dry_run: bool = False,
) -> CollectRun:
    """Read every file of ``paths``; merge each workbook whose every cell is good."""
    model = form_model(registry.schemas)
    if returns is not None:
        check_target(returns, folder=True)
    orgs = {r.id: r for r in records if r.loaded and r.kind in kinds.ORG_CODES}
    run = CollectRun([])
    seen: set[tuple[str, int]] = set()
    for path in paths:
        result = FileResult(path)
        run.files.append(result)
        try:
            raw = _read(path)
            result.answers = read_workbook(raw, str(path), model)
        except NotAForm:
            result.error = KexieError("round.not_a_form", file=str(path))
            continue
        except KexieError as exc:
            result.error = exc
            continue
        result.problems = [p for a in result.answers for p in a.problems]
        result.error = _refused_file(result.answers, orgs, seen, path)
        if result.error is not None:
            continue
        if result.problems:
            result.marked = _send_back(raw, path, result.problems, returns, dry_run)
            continue
        for answers in result.answers:
            result.merged.append(merge(registry, answers, today, write=not dry_run))
    return run


def _read(path: Path) -> bytes:
    suffix = path.suffix.lower()
    if suffix in {".xls", ".et", ".wps"}:
        raise KexieError("import.xls", file=str(path))
    raw = read_bytes(path, MAX_FILE_BYTES, "import.file_too_large")
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an old .xls renamed to .xlsx
        raise KexieError("import.xls", file=str(path))
    return raw


def _refused_file(
    answers: list[Returned], orgs: dict[str, Record], seen: set[tuple[str, int]], path: Path
) -> KexieError | None:
    """Why the whole file is refused: an organisation unknown or not reporting that year, or read twice in this run."""
    for item in answers:
        record = orgs.get(item.org)
        if record is None:
            return KexieError("round.unknown_org", file=str(path), id=item.org)
        if not must_report(record, item.year):
            return KexieError("round.not_reporting", file=str(path), name=record.name, year=item.year)
        if (item.org, item.year) in seen:
            return KexieError("round.twice", file=str(path), name=record.name, year=item.year)
    seen.update((item.org, item.year) for item in answers)
    return None


def marked_path(path: Path, returns: Path | None) -> Path:
    """Where the marked copy of ``path`` goes: ``<stem>-退回修改.xlsx`` next to it, or in ``returns``."""
    folder = returns if returns is not None else path.parent
    return folder / f"{safe_file_name(f'{path.stem}-{RETURN_WORD}')}.xlsx"


def _send_back(raw: bytes, path: Path, problems: list[Problem], returns: Path | None, dry: bool) -> Path | None:
    target = marked_path(path, returns)
    if dry:
        return None
    data = marked_copy(raw, str(path), problems)
    if returns is not None:
        make_folder(returns)
    write_bytes(target, data)
    return target
