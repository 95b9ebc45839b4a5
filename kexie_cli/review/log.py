"""``kexie log ID``: the Git history of one record, with the semantic change of each commit."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TextIO

from kexie_cli import kinds
from kexie_cli.cells import md_text, safe_text
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.registry import gitio
from kexie_cli.registry.layout import RECORDS_DIR, candidate_paths, is_slug
from kexie_cli.registry.load import Registry
from kexie_cli.review.semdiff import FieldChange, diff_records
from kexie_cli.validate.door import record_data

_SEP = "\x1f"
_START = "\x1e"


@dataclass(slots=True)
class LogEntry:
    commit: str
    date: str
    author: str
    subject: str
    status: str  # A, M, D, R (renames inside records/ only)
    path: str
    old_path: str | None
    changes: list[FieldChange] = field(default_factory=list)
    too_large: gitio.BlobTooLarge | None = None  # a version over the size limit: not read, no changes

    def as_dict(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.date,
            "author": self.author,
            "subject": self.subject,
            "status": self.status,
            "file": self.path,
            "old_file": self.old_path,
            "changes": [c.as_dict() for c in self.changes],
            "too_large": None
            if self.too_large is None
            else {"size": self.too_large.size, "limit": self.too_large.limit},
        }


def record_log(registry: Registry, record_id: str, lang: str = "zh") -> list[LogEntry]:
    """Commits touching the record's file (following renames inside records/), newest first.

    ``git log --follow`` also follows a record back into the template it was made
    from (``kexie new`` copies ``templates/records/<kind>.yaml``); such a rename
    from outside ``records/`` is shown as the record's creation, and the older
    commits (the template's) are left out.
    """
    root = registry.root
    if not is_slug(record_id):  # an id, never a path (docs/security.md): a usage error before anything else
        raise KexieError("new.bad_id", id=record_id)
    gitio.ensure_repo(root)
    path = _record_path(registry, record_id)
    raw = gitio.git(
        root,
        "log",
        "--follow",
        "-M",
        "--date=short",
        f"--format={_START}%H{_SEP}%P{_SEP}%ad{_SEP}%an{_SEP}%s",
        "--name-status",
        "--",
        path,
    ).decode("utf-8", errors="replace")
    entries = []
    for block in raw.split(_START)[1:]:
        head, _, names = block.partition("\n")
        commit, parents, date, author, subject = (head.split(_SEP) + [""] * 5)[:5]
        status, new_path, old_path = _status(names, path)
        # a "copy" (the source still exists: a new record made from another) or a "rename" from outside
        # records/ (a template, kexie new) is where this record starts
        start = status == "C" or (old_path is not None and not old_path.startswith(f"{RECORDS_DIR}/"))
        if start:
            status, old_path = "A", None
        entry = LogEntry(commit, date, author, subject, status, new_path, old_path)
        try:
            entry.changes = _changes(registry, entry, parents.split(), lang)
        except gitio.BlobTooLarge as exc:
            entry.too_large = exc
        entries.append(entry)
        if start:
            break  # what Git followed further back is the template's history, not the record's
    return entries


def _record_path(registry: Registry, record_id: str) -> str:
    candidates = [path.relative_to(registry.root).as_posix() for _, path in candidate_paths(registry.root, record_id)]
    for rel in candidates:
        if (registry.root / rel).is_file():
            return rel
    for rel in candidates:  # deleted since: the last place Git knew it
        if gitio.git(registry.root, "log", "-1", "--format=%H", "--", rel).strip():
            return rel
    raise KexieError("log.no_history", id=record_id)


def _status(names: str, fallback: str) -> tuple[str, str, str | None]:
    for line in names.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].startswith(("R", "C")):
            return parts[0][0], parts[2], parts[1]
        if len(parts) == 2 and parts[0]:
            return parts[0][0], parts[1], None
    return "M", fallback, None


def _changes(registry: Registry, entry: LogEntry, parents: list[str], lang: str) -> list[FieldChange]:
    root = registry.root
    limit = registry.settings.max_file_bytes
    after = None if entry.status == "D" else gitio.show_file(root, entry.commit, entry.path, limit)
    before = None
    if parents and entry.status != "A":
        before = gitio.show_file(root, parents[0], entry.old_path or entry.path, limit)
    old = record_data(before) if before is not None else None
    new = record_data(after) if after is not None else None
    kind = _kind(new) or _kind(old)
    if old is None and new is None:
        return []
    if old is None:
        old = {}
    if new is None:
        new = {}
    return diff_records(kind, old, new, registry.schemas, lang)


def _kind(data: dict[str, Any] | None) -> str | None:
    value = data.get("kind") if data else None
    return value if value in kinds.BY_CODE else None


def render(entries: list[LogEntry], fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump([e.as_dict() for e in entries], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    md = fmt == "md"
    for entry in entries:
        head = safe_text(f"{entry.date} {entry.author} {entry.commit[:10]} {entry.subject}")
        out.write((f"- **{md_text(head)}**" if md else head) + "\n")
        notes = []
        if entry.status == "A":
            notes.append(tr("log.created", lang))
        elif entry.status == "D":
            notes.append(tr("log.deleted", lang))
        elif entry.status == "R" and entry.old_path:
            notes.append(tr("log.renamed", lang, old=entry.old_path, new=entry.path))
        if entry.status != "A":
            notes.extend(_arrow(change, lang) for change in entry.changes)
        if entry.too_large is not None:
            big = entry.too_large
            notes.append(
                tr("log.too_large", lang, file=big.path, commit=entry.commit[:10], size=big.size, limit=big.limit)
            )
        if not notes:
            notes.append(tr("log.no_semantic", lang))
        for note in notes:
            out.write(("  - " + md_text(note) if md else "    " + note) + "\n")


def _arrow(change: FieldChange, lang: str) -> str:
    none = tr("diff.none", lang)
    colon = "：" if lang != "en" else ": "
    return safe_text(f"{change.label}{colon}{change.old or none} → {change.new or none}")
