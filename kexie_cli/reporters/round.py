"""The report of ``kexie annual collect``: per file, what was merged, and each bad cell (docs/annual.md)."""

from __future__ import annotations

from typing import Any, TextIO

from kexie_cli.annual.read import describe
from kexie_cli.i18n import tr
from kexie_cli.reporters.findings import PlainReporter


def write_collect(run: Any, names: dict[str, str], lang: str, dry_run: bool, out: TextIO, err: TextIO) -> None:
    """Bad cells and merges on ``out``; unreadable files and the summary line on ``err``."""
    merged = same = 0
    for result in run.files:
        file = str(result.file)
        if result.error is not None:
            err.write(result.error.render(lang) + "\n")
        elif result.problems:
            key = "round.file.refused_dry" if dry_run else "round.file.refused"
            out.write(tr(key, lang, file=file, count=len(result.problems), marked=str(result.marked)) + "\n")
            out.writelines(f"  {describe(problem, lang)}\n" for problem in result.problems)
        elif any(m.errors for m in result.merged):
            out.write(tr("round.file.errors", lang, file=file) + "\n")
            PlainReporter(lang).render([f for m in result.merged for f in m.errors], out)
        else:
            for outcome in result.merged:
                merged, same = merged + outcome.changed, same + (not outcome.changed)
                out.write(_merged(outcome, names.get(outcome.org, outcome.org), lang, dry_run) + "\n")
    refused = sum(1 for f in run.files if f.refused)
    err.write(tr("round.summary", lang, files=len(run.files), merged=merged, same=same, refused=refused) + "\n")


def _merged(outcome: Any, name: str, lang: str, dry_run: bool) -> str:
    if not outcome.changed:
        key = "round.merged.same"
    elif outcome.created:
        key = "round.merged.created"
    else:
        key = "round.merged.updated" if outcome.figures else "round.merged.status"
    text = tr(key, lang, name=name, year=outcome.year, file=outcome.relpath)
    return text + (tr("round.merged.dry", lang) if dry_run and outcome.changed else "")
