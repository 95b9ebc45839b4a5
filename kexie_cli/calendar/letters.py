"""Reminder letters rendered from ``templates/letters/*.j2`` to .docx and .md.

A template is a Markdown document made of five Jinja2 blocks: ``title``,
``recipient`` (主送), ``body`` (paragraphs separated by blank lines),
``signature`` (落款) and ``date``. The .md file is the whole template
rendered; the .docx file is built from the blocks (title centred, 主送 line,
indented paragraphs, 落款 and date on the right). Templates run in Jinja2's
sandbox with StrictUndefined: a syntax error or an unknown variable is a
KexieError naming the template file and line. The registry's own
``templates/letters/<name>.j2`` takes precedence over kexie's copy.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from kexie_cli.calendar.elections import Election, ElectionQuery, due_elections
from kexie_cli.calendar.inspections import InspectionSummary
from kexie_cli.calendar.lead import Lead
from kexie_cli.calendar.numerals import term_label
from kexie_cli.calendar.output import atomic_write_bytes
from kexie_cli.errors import KexieError
from kexie_cli.records.model import Record, text
from kexie_cli.registry.resources import resource_path
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.rules.inspections import inspection_years
from kexie_cli.terms import TermState

LETTERS = {
    "election-due": "换届提醒函",
    "election-overdue": "换届催办函",
    "inspection-missing": "年检催告函",
    "inspection-revoke": "解除资格预告知书",
}
BLOCKS = ("title", "recipient", "body", "signature", "date")
UNIT_WORD = {"society": "会", "branch": "科协", "party-cell": "党组织"}
COUNCIL_WORD = {"society": "理事会", "branch": "委员会", "party-cell": "委员会"}


def cn_date(value: object) -> str:
    """2026-06-30 → 2026年6月30日."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Letter:
    record_id: str
    letter: str  # a key of LETTERS
    variables: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rendered:
    markdown: str
    blocks: dict[str, str]


class Templates:
    """The letter templates of one registry, compiled on first use."""

    def __init__(self, root: Path | None) -> None:
        from jinja2 import FunctionLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        self.root = root
        self.env = SandboxedEnvironment(
            loader=FunctionLoader(self._source),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
        )
        self.env.filters["cn_date"] = cn_date

    def path(self, name: str) -> Path:
        return resource_path(self.root, "templates", f"letters/{name}.j2")

    def display(self, path: Path) -> str:
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return str(path)

    def _source(self, name: str) -> tuple[str, str, Any]:
        path = self.path(name)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KexieError("letters.unreadable", template=self.display(path), detail=str(exc)) from exc
        return source, str(path), lambda: False

    def render(self, name: str, variables: dict[str, Any]) -> Rendered:
        from jinja2 import TemplateError, TemplateSyntaxError

        path = self.path(name)
        try:
            template = self.env.get_template(name)
            markdown = template.render(variables)
            context = template.new_context(variables)
            blocks = {b: "".join(template.blocks[b](context)).strip() for b in BLOCKS if b in template.blocks}
        except TemplateSyntaxError as exc:
            raise KexieError(
                "letters.template_error", template=self.display(path), line=exc.lineno, detail=exc.message
            ) from None
        except TemplateError as exc:
            line = _template_line(exc.__traceback__, str(path))
            raise KexieError(
                "letters.template_error", template=self.display(path), line=line or "?", detail=str(exc)
            ) from None
        missing = [b for b in BLOCKS if b not in blocks]
        if missing:
            raise KexieError("letters.missing_block", template=self.display(path), blocks=", ".join(missing))
        return Rendered(markdown, blocks)


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """The template line of the innermost traceback frame that runs the template."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# --- which letters --------------------------------------------------------------


def _common(record: Record, settings: Settings, today: dt.date) -> dict[str, Any]:
    kind = record.kind or "society"
    return {
        "registry": settings.registry,
        "id": record.id,
        "name": record.name,
        "short_name": text(record.get("short_name")) or record.name,
        "kind": kind,
        "unit_word": UNIT_WORD.get(kind, "单位"),
        "council_word": COUNCIL_WORD.get(kind, "委员会"),
        "today": today,
        "date_cn": cn_date(today),
    }


def election_letters(items: Iterable[Election], settings: Settings, today: dt.date) -> list[Letter]:
    out = []
    for item in items:
        term = item.term
        variables = _common(item.record, settings, today) | {
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
            "filing_days": settings.filing_days_after,
        }
        letter = "election-overdue" if item.state is TermState.OVERDUE else "election-due"
        out.append(Letter(item.id, letter, variables))
    return out


def inspection_letters(
    summary: InspectionSummary, settings: Settings, schemas: SchemaSet, today: dt.date
) -> list[Letter]:
    """解除资格预告知书 for two bad years running; otherwise 年检催告函 for a missing or absent entry."""
    out = []
    for item in summary.rows:
        if len(item.streak) >= 2:
            letter = "inspection-revoke"
        elif item.category in ("missing", "none"):
            letter = "inspection-missing"
        else:
            continue
        years = {y: r for y, (_, r) in inspection_years(item.record).items()}
        results = [schemas.label("society", ("inspections", 0, "result"), years.get(y), "zh") for y in item.streak]
        result_label = (
            "未录入"
            if item.result is None
            else schemas.label("society", ("inspections", 0, "result"), item.result, "zh")
        )
        variables = _common(item.record, settings, today) | {
            "year": summary.year,
            "deadline": summary.deadline,
            "deadline_cn": cn_date(summary.deadline),
            "result": item.result,
            "result_label": result_label,
            "streak": len(item.streak),
            "streak_years": list(item.streak),
            "streak_text": "、".join(str(y) for y in item.streak),
            "streak_results": "、".join(f"{y}年度{r}" for y, r in zip(item.streak, results, strict=True)),
        }
        out.append(Letter(item.record.id, letter, variables))
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
    return due_elections(records, settings, ElectionQuery(today=today, lead=Lead.months(settings.lead_months)))


# --- writing --------------------------------------------------------------------


def write_letters(letters: list[Letter], templates: Templates, out_dir: Path, settings: Settings) -> list[Path]:
    """Render every letter to ``<id>-<letter>.md`` and ``.docx`` in ``out_dir``; return the paths written."""
    rendered = [(letter, templates.render(letter.letter, letter.variables)) for letter in letters]
    written = []
    for letter, result in rendered:
        stem = out_dir / f"{letter.record_id}-{letter.letter}"
        md = stem.with_suffix(".md")
        atomic_write_bytes(md, result.markdown.encode("utf-8"))
        docx = stem.with_suffix(".docx")
        atomic_write_bytes(docx, docx_bytes(result.blocks, settings.registry, letter.variables["today"]))
        written += [docx, md]
    return written


_MARKUP = re.compile(r"^#+\s*")


def docx_bytes(blocks: dict[str, str], author: str, today: dt.date) -> bytes:
    """A Word document: title, 主送 line, body paragraphs, 落款 and date."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    props = document.core_properties
    props.title = blocks["title"]
    props.author = author
    stamp = dt.datetime(today.year, today.month, today.day)
    props.created = props.modified = stamp
    props.last_modified_by = author

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(_MARKUP.sub("", blocks["title"]))
    run.bold = True
    run.font.size = Pt(22)
    run.font.name = "SimHei"
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")

    recipient = blocks["recipient"].rstrip("：:")
    document.add_paragraph(f"{recipient}：")
    for paragraph in re.split(r"\n\s*\n", blocks["body"]):
        lines = [line.strip() for line in paragraph.strip().splitlines() if line.strip()]
        if not lines:
            continue
        para = document.add_paragraph("".join(lines))
        para.paragraph_format.first_line_indent = Pt(32)
    document.add_paragraph()
    for key in ("signature", "date"):
        para = document.add_paragraph(blocks[key])
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_letters(
    registry: Any,
    which: str,
    today: dt.date,
    ids: Sequence[str],
    year: int | None,
    out_dir: Path,
    records: list[Any] | None = None,
) -> tuple[list[Path], int]:
    """Load the registry (unless ``records`` are given), pick the letters of ``which`` and write them."""
    from kexie_cli.calendar.inspections import inspections

    records = registry.load() if records is None else records
    settings = registry.settings
    if which == "elections":
        letters = election_letters(elections_due(records, settings, today), settings, today)
    else:
        summary = inspections(records, settings, today, year)
        letters = inspection_letters(summary, settings, registry.schemas, today)
    chosen = select(letters, ids)
    return write_letters(chosen, Templates(registry.root), out_dir, settings), len(chosen)
