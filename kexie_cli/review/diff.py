"""``kexie diff``: the semantic diff of a registry between two revisions, and its renderings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TextIO

from kexie_cli import kinds
from kexie_cli.cells import safe_text
from kexie_cli.i18n import tr
from kexie_cli.registry import gitio
from kexie_cli.registry.load import Registry
from kexie_cli.review.semdiff import RecordChange, diff_records, diff_snapshots
from kexie_cli.validate.door import record_data


@dataclass(slots=True)
class RegistryDiff:
    old: str  # revision label
    new: str  # revision label, or "" for the work tree
    records: list[RecordChange] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "renamed": 0, "modified": 0, "unreadable": 0}
        for record in self.records:
            out[record.change] += 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.old,
            "to": self.new or None,
            "summary": self.counts(),
            "records": [r.as_dict() for r in self.records],
        }


def registry_diff(registry: Registry, revs: tuple[str, ...], lang: str = "zh") -> RegistryDiff:
    """Compare ``revs[0]`` (default HEAD) with ``revs[1]`` (default: the work tree)."""
    gitio.ensure_repo(registry.root)
    old_rev = revs[0] if revs else "HEAD"
    gitio.resolve(registry.root, old_rev)
    limit = registry.settings.max_file_bytes
    old = gitio.rev_snapshot(registry.root, old_rev, max_bytes=limit)
    if len(revs) > 1:
        gitio.resolve(registry.root, revs[1])
        new = gitio.rev_snapshot(registry.root, revs[1], max_bytes=limit)
        new_label = revs[1]
    else:
        new = gitio.worktree_snapshot(registry.root, limit)
        new_label = ""
    return RegistryDiff(old_rev, new_label, diff_snapshots(old, new, registry.schemas, lang))


def render(diff: RegistryDiff, fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(diff.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "md":
        out.write(markdown(diff, lang))
    else:
        out.write(plain(diff, lang))


def _arrow(change: Any, lang: str) -> str:
    none = tr("diff.none", lang)
    colon = "：" if lang != "en" else ": "
    return f"{change.label}{colon}{change.old or none} → {change.new or none}"


def _verb(change: str, lang: str) -> str:
    return tr("diff.cannot_read" if change == "unreadable" else f"diff.{change}", lang)


def _summary(diff: RegistryDiff, lang: str) -> str:
    counts = diff.counts()
    text = tr("diff.summary", lang, **{k: v for k, v in counts.items() if k != "unreadable"})
    if counts["unreadable"]:
        text += tr("diff.summary_unreadable", lang, unreadable=counts["unreadable"])
    return text


def _head(record: RecordChange, lang: str) -> str:
    verb = _verb(record.change, lang)
    where = f"{record.old_file} → {record.file}" if record.old_file else record.file
    name = f" {record.name}" if record.name else ""
    return safe_text(f"{verb} {record.id}{name} ({where})")  # values on one line, no terminal codes


def plain(diff: RegistryDiff, lang: str) -> str:
    if not diff.records:
        return tr("diff.no_changes", lang) + "\n"
    lines = []
    for record in diff.records:
        lines.append(_head(record, lang))
        lines.extend("    " + safe_text(_arrow(change, lang)) for change in record.changes)
    lines.append(_summary(diff, lang))
    return "\n".join(lines) + "\n"


def markdown(diff: RegistryDiff, lang: str) -> str:
    new = diff.new or tr("diff.worktree", lang)
    lines = [f"### {tr('diff.title', lang, old=diff.old, new=new)}", ""]
    if not diff.records:
        return "\n".join([*lines, tr("diff.no_changes", lang), ""])
    lines += [_summary(diff, lang), ""]
    for record in diff.records:
        verb = _verb(record.change, lang)
        where = f"`{record.old_file}` → `{record.file}`" if record.old_file else f"`{record.file}`"
        name = f" {_md(record.name)}" if record.name else ""
        lines.append(safe_text(f"- **{verb}** `{record.id}`{name} ({where})"))
        lines.extend("  - " + safe_text(_md(_arrow(change, lang))) for change in record.changes)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def textconv(raw: bytes, schemas: Any, lang: str = "zh") -> str:
    """One ``label: value`` line per field: a Git textconv so ``git diff`` shows meaning, not layout."""

    data = record_data(raw)
    if data is None:
        return raw.decode("utf-8", errors="replace")
    kind = data.get("kind")
    kind = kind if kind in kinds.BY_CODE else None
    lines = [_arrow_value(change, lang) for change in diff_records(kind, {}, data, schemas, lang)]
    return "\n".join(lines) + "\n"


def _arrow_value(change: Any, lang: str) -> str:
    colon = "：" if lang != "en" else ": "
    return safe_text(f"{change.label}{colon}{change.new or ''}")
