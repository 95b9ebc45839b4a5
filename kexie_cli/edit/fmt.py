"""``kexie fmt``: bring record files to the canonical layout, or report those that are not."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from kexie_cli.edit.canonical import FormatError, decode_record, format_text
from kexie_cli.edit.commands import locked, writing
from kexie_cli.i18n import tr
from kexie_cli.outfile import replace_atomically
from kexie_cli.records.file import RecordFile
from kexie_cli.registry.load import Registry
from kexie_cli.registry.readfile import FileTooLarge, read_record_bytes


@dataclass(slots=True)
class FileResult:
    relpath: str
    old: str
    new: str | None  # None: could not be formatted (see error)
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old

    def diff(self) -> str:
        """A unified diff from the file as it is to its canonical form."""
        if self.new is None:
            return ""
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True),
            self.new.splitlines(keepends=True),
            fromfile=f"a/{self.relpath}",
            tofile=f"b/{self.relpath}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@dataclass(slots=True)
class FmtReport:
    results: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not record files
    written: int = 0

    @property
    def changed(self) -> list[FileResult]:
        return [r for r in self.results if r.changed]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.error is not None]


def select_files(registry: Registry, paths: tuple[str, ...] | None) -> tuple[list[RecordFile], list[str]]:
    """Record files under the given registry-relative paths (all of them by default), and the others."""
    files = registry.files()
    if paths is None:
        return [f for f in files if f.kind is not None], []
    chosen: list[RecordFile] = []
    skipped: list[str] = []
    for path in paths:
        prefix = path.rstrip("/")
        matches = [f for f in files if not prefix or f.relpath == prefix or f.relpath.startswith(prefix + "/")]
        if not matches:
            skipped.append(path)
        for f in matches:
            if f.kind is None:
                skipped.append(f.relpath)
            elif f not in chosen:
                chosen.append(f)
    return chosen, skipped


def fmt(registry: Registry, paths: tuple[str, ...] | None, *, write: bool, lang: str = "zh") -> FmtReport:
    """Format (``write``) or only compare the selected record files."""
    files, skipped = select_files(registry, paths)
    report = FmtReport(skipped=skipped)
    for file in files:
        report.results.append(_format_file(file, registry, lang))
    if write and report.changed:
        with locked(registry.root):
            for result in report.changed:
                path = registry.root / result.relpath
                try:
                    now = decode_record(read_record_bytes(path, registry.settings.max_file_bytes))
                except (OSError, FormatError):
                    continue  # changed meanwhile: leave it to the next run
                if now != result.old:
                    continue
                assert result.new is not None
                with writing(result.relpath):
                    replace_atomically(path, result.new.encode("utf-8"))
                report.written += 1
    return report


def _format_file(file: RecordFile, registry: Registry, lang: str) -> FileResult:
    if file.path.is_symlink():  # the rename would replace the link with a regular file (docs/editing.md)
        target = str(file.path.readlink())
        return FileResult(file.relpath, "", None, tr("edit.symlink_short", lang, target=target))
    try:
        raw = read_record_bytes(file.path, registry.settings.max_file_bytes)
    except FileTooLarge as exc:
        return FileResult(file.relpath, "", None, tr("K001.load.too_large", lang, size=exc.size, limit=exc.limit))
    except OSError as exc:
        return FileResult(file.relpath, "", None, exc.strerror or str(exc))
    old = raw.decode("utf-8", errors="replace")
    try:
        old = decode_record(raw)
        new = format_text(old, str(file.kind), registry.schemas)
    except FormatError as exc:
        return FileResult(file.relpath, old, None, exc.render(lang))
    return FileResult(file.relpath, old, new)
