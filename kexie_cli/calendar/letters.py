"""Reminder letters rendered from ``templates/letters/*.j2`` to .docx and .md.

A template is a Markdown document made of five Jinja2 blocks: ``title``,
``recipient`` (主送), ``body`` (paragraphs separated by blank lines),
``signature`` (落款) and ``date``, and optionally ``doc_no`` (文号),
``note`` (附注: 联系人、电话) and ``cc`` (抄送). The .md file is the whole
template rendered; the .docx file is built from the blocks on an A4 page with
公文 margins (文号 top right, title centred in 小标宋/黑体, 主送 line, body in
仿宋 三号 with indented paragraphs, 落款 and date on the right, 附注, 抄送). Templates run in Jinja2's
sandbox with StrictUndefined: a syntax error or an unknown variable is a
KexieError naming the template file and line. The registry's own
``templates/letters/<name>.j2`` takes precedence over kexie's copy.

Here: which letters are due and what they say; ``letter_templates.py`` finds and
renders the templates (bounded), ``letter_docx.py`` builds the .docx page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexie_cli.calendar.annual_letters import annual_reminders, annual_year
from kexie_cli.calendar.elections import FOLLOW_UP, Election, ElectionQuery, due_elections
from kexie_cli.calendar.inspections import InspectionSummary, inspections
from kexie_cli.calendar.lead import Lead
from kexie_cli.calendar.letter_docx import docx_bytes
from kexie_cli.calendar.letter_templates import Templates
from kexie_cli.calendar.letter_vars import DOC_NO_BLANK, common, count_word
from kexie_cli.errors import KexieError
from kexie_cli.figures.inspections import inspection_years
from kexie_cli.numerals import chinese_number, cn_date, term_label
from kexie_cli.outfile import check_target, make_folder, safe_file_name, write_all
from kexie_cli.records.election import record_steps
from kexie_cli.records.model import Record, text
from kexie_cli.registry.layout import is_slug
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.terms import TermState
from kexie_cli.validate.door import load_registry

#: the word for each letter in its file name (示例市植物学会-换届提醒函.docx)
LETTER_WORDS = {
    "election-due": "换届提醒函",
    "election-overdue": "换届催办函",
    "election-follow-up": "换届后续提醒函",
    "inspection-missing": "年检催报函",
    "inspection-revoke": "解除资格预告知书",
    "annual-missing": "年报催报函",
}


@dataclass(frozen=True, slots=True)
class Letter:
    record_id: str
    letter: str  # election-due, election-overdue, election-follow-up, inspection-missing or inspection-revoke
    variables: dict[str, Any]
    template: str = ""  # the template's name when it is not ``letter`` (Party-cell letters)
    file_stem: str = ""  # the record's file name without .yaml: the letter's file name starts with it

    @property
    def template_name(self) -> str:
        return self.template or self.letter


@dataclass(frozen=True, slots=True)
class Skipped:
    """A letter that was not written, and why (a catalogue key)."""

    record_id: str
    file_stem: str
    reason: str


@dataclass(slots=True)
class LetterRun:
    written: list[Path]
    count: int
    skipped: list[Skipped]


def _steps(item: Election, today: dt.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The recorded steps (done) and the record's own steps still to do, each with what a template needs.

    The upper body's steps (批复, 审查同意) are no item of the list: a letter does not set the
    issuer, or the 上级党组织, a deadline (docs/calendar.md).
    """
    done = [
        {"step": key, "date_cn": cn_date(d.date), "doc_no": d.doc_no or ""}
        for key in record_steps(item.record.kind)
        if (d := item.progress.get(key)) is not None
    ]
    todo = []
    for step in item.steps:
        if step.done is not None or step.upper:
            continue
        todo.append(
            {
                "step": step.key,
                "date_cn": "" if step.relative else cn_date(step.date),
                "late": step.late(today) and not step.relative,
                "relative": step.relative,
            }
        )
    for number, entry in enumerate(todo, 1):
        entry["number"] = chinese_number(number)
    return done, todo


def election_letters(
    items: Iterable[Election], settings: Settings, today: dt.date, index: dict[str, Record] | None = None
) -> list[Letter]:
    """A 换届提醒函 (due) or 催办函 (overdue) per record; a Party working group gets none (it elects no committee)."""
    index = index or {}
    out = []
    for item in items:
        if item.record.kind == "party-cell" and text(item.record.get("form")) == "working-group":
            continue
        term = item.term
        done, todo = _steps(item, today)
        late = [t for t in todo if t["late"]]
        variables = common(item.record, settings, today, index) | {
            "number": term.number,
            "number_label": term_label(term.number),
            "started_cn": cn_date(term.started),
            "term_ends": term.end,
            "term_ends_cn": cn_date(term.end),
            "regular_end_cn": cn_date(term.regular_end),
            "extended": term.extended_to is not None,
            "extension_approved_cn": cn_date(term.extension_approved),
            "days": abs(item.days),
            "overdue": item.state is TermState.OVERDUE,
            "chair": item.chair,
            "officer": item.officer,
            "steps": {s.key: cn_date(s.date) for s in item.steps},
            "done": done,
            "todo": todo,
            "late": late,
            "late_numbers": "、".join(t["number"] for t in late),
            "awaiting": [s.key for s in item.steps if s.upper and s.done is None],
            "filing_days": _filing_days(item.record.kind, settings),
            "registration_days": settings.process.get("society", "registration_days"),
        }
        letter = _letter_of(item)
        template = f"party-{letter}" if item.record.kind == "party-cell" else ""
        out.append(Letter(item.id, letter, variables, template, item.record.file.stem_id))
    return out


def _filing_days(kind: str | None, settings: Settings) -> int:
    """The days (a society: working days) after the congress to file, or to report the results."""
    if kind == "party-cell":
        return settings.process.get("party", "result_days_after")
    if kind == "branch":
        return settings.process.get("branch", "filing_days_after")
    return settings.process.get("society", "filing_working_days")


def _letter_of(item: Election) -> str:
    if item.state == FOLLOW_UP:
        return "election-follow-up"
    return "election-overdue" if item.state is TermState.OVERDUE else "election-due"


def inspection_letters(
    summary: InspectionSummary,
    settings: Settings,
    schemas: SchemaSet,
    today: dt.date,
    index: dict[str, Record] | None = None,
) -> list[Letter]:
    """解除资格预告知书 for two bad years running; otherwise 年检催报函 for a missing or absent entry."""
    index = index or {}
    out = []
    for item in summary.rows:
        if item.candidate:
            letter = "inspection-revoke"
        elif item.category in ("missing", "none"):
            letter = "inspection-missing"
        else:
            continue
        years = {y: r for y, (_, r) in inspection_years(item.record).items()}
        codes = [years.get(y) for y in item.streak]
        results = [schemas.label("society", ("inspections", 0, "result"), c, "zh") for c in codes]
        result_label = (
            "未录入"
            if item.result is None
            else schemas.label("society", ("inspections", 0, "result"), item.result, "zh")
        )
        variables = common(item.record, settings, today, index) | {
            "year": summary.year,
            "deadline": summary.deadline,
            "deadline_cn": cn_date(summary.deadline),
            "result": item.result,
            "result_label": result_label,
            "streak": len(item.streak),
            "streak_cn": count_word(len(item.streak)),
            "streak_years": list(item.streak),
            "streak_text": "、".join(str(y) for y in item.streak),
            "streak_results": "、".join(f"{y}年度{r}" for y, r in zip(item.streak, results, strict=True)),
            "streak_items": [{"year": y, "result": c} for y, c in zip(item.streak, codes, strict=True)],
            "streak_same": codes[0] if codes and len(set(codes)) == 1 else None,
        }
        out.append(Letter(item.record.id, letter, variables, file_stem=item.record.file.stem_id))
    return out


def select(letters: list[Letter], ids: Sequence[str]) -> list[Letter]:
    """Only the letters for ``ids`` (all when empty); an id with no letter is an error."""
    if not ids:
        return letters
    have = {letter.record_id for letter in letters}
    unknown = [i for i in ids if i not in have]
    if unknown:
        raise KexieError("letters.no_letter", ids=", ".join(unknown))
    wanted = set(ids)
    return [letter for letter in letters if letter.record_id in wanted]


def elections_due(records: list[Record], settings: Settings, today: dt.date) -> list[Election]:
    query = ElectionQuery(today=today, lead=Lead.months(settings.lead_months))  # each kind's own period (settings)
    return due_elections(records, settings, query)


# --- writing --------------------------------------------------------------------


def number_letters(letters: list[Letter], first: int | None) -> list[Letter]:
    """Fill in the serial of each 文号 (``first``, ``first + 1`` ... in output order); None keeps it blank."""
    if first is None:
        return letters
    out = []
    for offset, letter in enumerate(letters):
        variables = dict(letter.variables)
        if variables.get("doc_no"):
            variables["doc_no"] = variables["doc_no"].replace(DOC_NO_BLANK, str(first + offset))
        out.append(Letter(letter.record_id, letter.letter, variables, letter.template, letter.file_stem))
    return out


def nameable(letters: list[Letter]) -> tuple[list[Letter], list[Skipped]]:
    """Letters whose record id and file name are valid slugs (so safe as a file name), and the others.

    A letter is named after the record's file (``<stem>-<letter>``), never after a value inside
    it; a record whose ``id`` is not a slug (``../../x``) gets no letter until it is fixed.
    """
    good, skipped = [], []
    for letter in letters:
        if not is_slug(letter.record_id):
            skipped.append(Skipped(letter.record_id, letter.file_stem, "letters.bad_id"))
        elif not is_slug(letter.file_stem):
            skipped.append(Skipped(letter.record_id, letter.file_stem, "letters.bad_file_name"))
        else:
            good.append(letter)
    return good, skipped


def file_names(letters: list[Letter]) -> list[str]:
    """Each letter's file name stem: the organisation and the letter (示例市植物学会-换届提醒函), safe on every
    file system (``outfile.safe_file_name``); two letters that would share a name get the record id added."""
    stems = [
        safe_file_name(
            f"{letter.variables.get('name') or letter.record_id}-{LETTER_WORDS.get(letter.letter, letter.letter)}"
        )
        for letter in letters
    ]
    seen: dict[str, int] = {}
    for stem in stems:
        seen[stem.casefold()] = seen.get(stem.casefold(), 0) + 1
    return [
        safe_file_name(f"{stem}（{letter.record_id}）") if seen[stem.casefold()] > 1 else stem
        for stem, letter in zip(stems, letters, strict=True)
    ]


def write_letters(letters: list[Letter], templates: Templates, out_dir: Path, settings: Settings) -> list[Path]:
    """Render every letter to ``<organisation>-<letter>.md`` and ``.docx`` in ``out_dir``; return the paths written."""
    for letter in letters:
        if not is_slug(letter.file_stem):  # nameable() has sorted these out; never a path from data
            raise ValueError(letter.file_stem)
    check_target(out_dir, folder=True)  # refuse before the work
    files: list[tuple[Path, bytes]] = []  # every letter in memory first: an error leaves -o as it was
    for letter, name in zip(letters, file_names(letters), strict=True):
        result = templates.render(letter.template_name, letter.variables)
        docx = docx_bytes(result.blocks, settings.registry, letter.variables["today"])
        files.append((out_dir / f"{name}.docx", docx))  # not with_suffix: a name may hold a dot
        files.append((out_dir / f"{name}.md", result.markdown.encode("utf-8")))
    make_folder(out_dir)  # only once every letter rendered: a template error leaves nothing behind
    write_all(files)  # all or nothing (outfile.write_all)
    return [path for path, _ in files]


def make_letters(
    registry: Any,
    which: str,
    today: dt.date,
    ids: Sequence[str],
    year: int | None,
    out_dir: Path,
    number_from: int | None = None,
    records: list[Any] | None = None,
) -> LetterRun:
    """Load the registry (unless ``records`` are given), pick the letters of ``which`` and write them."""

    records = load_registry(registry, today, "zh").records if records is None else records
    settings = registry.settings
    index = {r.id: r for r in records if r.loaded}
    if which == "elections":
        letters = election_letters(elections_due(records, settings, today), settings, today, index)
    elif which == "annual":
        reminders = annual_reminders(records, settings, today, annual_year(today, year), index)
        letters = [Letter(r.id, "annual-missing", v, file_stem=r.file.stem_id) for r, v in reminders]
    else:
        summary = inspections(records, settings, today, year)
        letters = inspection_letters(summary, settings, registry.schemas, today, index)
    chosen, skipped = nameable(select(letters, ids))
    chosen = number_letters(chosen, number_from)
    written = write_letters(chosen, Templates(registry.root), out_dir, settings)
    return LetterRun(written, len(chosen), skipped)
