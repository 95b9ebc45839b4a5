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

from kexie_cli.bounds import MB, TimeLimit, memory_limit, time_limit
from kexie_cli.calendar.elections import Election, ElectionQuery, due_elections
from kexie_cli.calendar.inspections import InspectionSummary, inspections
from kexie_cli.calendar.lead import Lead
from kexie_cli.calendar.numerals import chinese_number, term_label
from kexie_cli.calendar.output import atomic_write_bytes
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.outfile import check_target, make_folder
from kexie_cli.records.election import record_steps
from kexie_cli.records.model import Record, text
from kexie_cli.registry.layout import is_slug
from kexie_cli.registry.resources import resource_path, shipped_dir
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.registry.settings import Settings
from kexie_cli.rules.inspections import inspection_years
from kexie_cli.terms import TermState

LETTERS = {
    "election-due": "换届提醒函",
    "election-overdue": "换届催办函",
    "inspection-missing": "年检催报函",
    "inspection-revoke": "解除资格预告知书",
}
BLOCKS = ("title", "recipient", "body", "signature", "date")
OPTIONAL_BLOCKS = ("doc_no", "note", "cc")
UNIT_WORD = {"society": "会", "branch": "科协", "party-cell": "党组织"}
COUNCIL_WORD = {"society": "理事会", "branch": "委员会", "party-cell": "委员会"}
# a Party cell is addressed by its form (你支部 / 你总支 / 你党委); a working group has no election
PARTY_ADDRESS = {
    "branch": "你支部",
    "joint-branch": "你支部",
    "functional-branch": "你支部",
    "general-branch": "你总支",
    "committee": "你党委",
}
PARTY_COMMITTEE = {
    "branch": "支部委员会",
    "joint-branch": "支部委员会",
    "functional-branch": "支部委员会",
    "general-branch": "总支部委员会",
    "committee": "委员会",
}
COUNT_WORDS = {2: "两"}


def cn_date(value: object) -> str:
    """2026-06-30 → 2026年6月30日."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value)


def count_word(n: int) -> str:
    """2 → 两, 3 → 三 (连续两年, 连续三年)."""
    return COUNT_WORDS.get(n) or chinese_number(n)


@dataclass(frozen=True, slots=True)
class Letter:
    record_id: str
    letter: str  # a key of LETTERS
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


@dataclass(frozen=True, slots=True)
class Rendered:
    markdown: str
    blocks: dict[str, str]


# Bounds on rendering one letter (a registry's templates are untrusted input).
RENDER_SECONDS = 10.0
RENDER_MEMORY = 512 * MB
MAX_OUTPUT = 1_000_000  # characters of one rendered letter
MAX_VALUE = 1_000_000  # characters (or items) of one value built by `*` or `+`


class TemplateRefused(Exception):
    """A template asked for something it may not have: a file outside templates/, or too much."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class TemplateProblem(KexieError):
    """A template refused or stopped while rendering: names the template, the line and why (exit 2)."""

    def __init__(self, template: str, line: int | None, key: str, params: dict[str, object]) -> None:
        super().__init__("letters.template_error", template=template, line=line or "?")
        self.detail_key = key
        self.detail_params = params

    def render(self, lang: str) -> str:
        detail = tr(self.detail_key, lang, **self.detail_params)
        return tr(self.key, lang, template=self.params["template"], line=self.params["line"], detail=detail)


def _bounded_environment(loader: Any) -> Any:
    from jinja2 import StrictUndefined  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered
    from jinja2.sandbox import SandboxedEnvironment  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered

    class Bounded(SandboxedEnvironment):
        """The sandbox, with `*`, `**` and `+` checked so that one expression cannot build a huge value."""

        intercepted_binops = frozenset({"*", "**", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    return Bounded(loader=loader, undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(times, int) and len(seq) * max(times, 0) > MAX_VALUE:
                raise TemplateRefused("letters.too_big", limit=MAX_VALUE)
    elif operator == "+":
        if isinstance(left, sized) and isinstance(right, sized) and len(left) + len(right) > MAX_VALUE:
            raise TemplateRefused("letters.too_big", limit=MAX_VALUE)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        _check_power(left, right)


def _check_power(base: int, exponent: int) -> None:
    """Refuse an integer power with more than 64 * MAX_VALUE bits (it would take minutes)."""
    if exponent * abs(base).bit_length() > 64 * MAX_VALUE:
        raise TemplateRefused("letters.too_big", limit=MAX_VALUE)


def safe_template_name(name: str) -> bool:
    """A name below templates/letters/: relative, ``/``-separated, no ``..`` (nor ``.`` or empty parts)."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or ":" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


class Templates:
    """The letter templates of one registry, compiled on first use.

    The loader serves only files inside the registry's ``templates/`` folder
    or kexie's own (an include of ``../x`` or ``/etc/x`` is refused, and so is
    a registry template that is a link to a file elsewhere). Rendering is
    bounded: see RENDER_SECONDS, RENDER_MEMORY, MAX_OUTPUT and MAX_VALUE.
    """

    def __init__(self, root: Path | None) -> None:
        from jinja2 import FunctionLoader  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered

        self.root = root
        self.env = _bounded_environment(FunctionLoader(self._source))
        self.env.filters["cn_date"] = cn_date

    def path(self, name: str) -> Path:
        return resource_path(self.root, "templates", f"letters/{name}.j2")

    def _allowed(self, path: Path) -> bool:
        """Whether ``path`` (links followed) is inside the registry's templates/ or kexie's own."""
        real = path.resolve()
        folders = [shipped_dir("templates").resolve()]
        if self.root is not None:
            folders.append((self.root / "templates").resolve())
        return any(real.is_relative_to(folder) for folder in folders)

    def display(self, path: Path) -> str:
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return str(path)

    def _source(self, name: str) -> tuple[str, str, Any]:
        if not safe_template_name(name):
            raise TemplateRefused("letters.outside", name=name)
        path = self.path(name)
        if not self._allowed(path):
            raise TemplateRefused("letters.outside", name=name)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KexieError("letters.unreadable", template=self.display(path), detail=str(exc)) from exc
        return source, str(path), lambda: False

    def render(self, name: str, variables: dict[str, Any]) -> Rendered:
        from jinja2 import TemplateError, TemplateSyntaxError  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered

        path = self.path(name)
        try:
            with memory_limit(RENDER_MEMORY), time_limit(RENDER_SECONDS):
                template = self.env.get_template(name)
                markdown = _bounded_join(template.generate(variables))
                context = template.new_context(variables)
                _bounded_join(template.root_render_func(context))  # runs the top-level {% set %} the blocks use
                names = (*BLOCKS, *OPTIONAL_BLOCKS)
                blocks = {b: _bounded_join(template.blocks[b](context)).strip() for b in names if b in template.blocks}
        except TemplateRefused as exc:
            line = _template_line(exc.__traceback__, str(path))
            raise TemplateProblem(self.display(path), line, exc.key, exc.params) from None
        except (TimeLimit, MemoryError) as exc:
            line = _template_line(exc.__traceback__, str(path))
            key = "letters.too_slow" if isinstance(exc, TimeLimit) else "letters.too_much_memory"
            limits: dict[str, object] = {"seconds": RENDER_SECONDS, "megabytes": RENDER_MEMORY // MB}
            raise TemplateProblem(self.display(path), line, key, limits) from None
        except TemplateSyntaxError as exc:
            raise KexieError(
                "letters.template_error", template=self.display(path), line=exc.lineno, detail=exc.message
            ) from None
        except TemplateError as exc:
            line = _template_line(exc.__traceback__, str(path))
            raise KexieError(
                "letters.template_error", template=self.display(path), line=line or "?", detail=str(exc)
            ) from None
        markdown = re.sub(r"\n[ \t]*(?:\n[ \t]*)+\n", "\n\n", markdown).strip() + "\n"  # empty blocks leave no gaps
        missing = [b for b in BLOCKS if b not in blocks]
        if missing:
            raise KexieError("letters.missing_block", template=self.display(path), blocks=", ".join(missing))
        return Rendered(markdown, blocks)


def _bounded_join(chunks: Iterable[str]) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateRefused("letters.output_too_big", limit=MAX_OUTPUT)
        out.append(chunk)
    return "".join(out)


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """The template line of the innermost traceback frame that runs the template."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# --- which letters --------------------------------------------------------------


def _common(record: Record, settings: Settings, today: dt.date, index: dict[str, Record]) -> dict[str, Any]:
    kind = record.kind or "society"
    party = kind == "party-cell"
    form = text(record.get("form")) or ""
    cfg = settings.letters
    issuer = _party_issuer(record, settings, index) if party else cfg.issuer or settings.registry
    prefix = cfg.party_doc_no_prefix if party else cfg.doc_no_prefix
    return {
        "registry": settings.registry,
        "issuer": issuer,
        "id": record.id,
        "name": record.name,
        "short_name": text(record.get("short_name")) or record.name,
        "kind": kind,
        "form": form,
        "unit_word": UNIT_WORD.get(kind, "单位"),
        "council_word": PARTY_COMMITTEE.get(form, "委员会") if party else COUNCIL_WORD.get(kind, "委员会"),
        "address": PARTY_ADDRESS.get(form, "你支部") if party else "贵" + UNIT_WORD.get(kind, "单位"),
        "congress": "党员大会或党员代表大会" if form == "committee" else "党员大会",
        "today": today,
        "date_cn": cn_date(today),
        "doc_no_prefix": prefix or "",
        "doc_no": f"{prefix}〔{today.year}〕{DOC_NO_BLANK}号" if prefix else "",
        "contact": cfg.contact or "",
        "phone": cfg.phone or "",
        "basis": cfg.basis or f"《{settings.registry}章程》",
        "cc": "、".join(_copies(record, index)),
    }


DOC_NO_BLANK = "\u3000\u3000"  # the serial number is filled in when the letter is registered (--number-from)


def _party_issuer(record: Record, settings: Settings, index: dict[str, Record]) -> str:
    """The 上级党组织: the cell's parent cell, else settings ``letters.party_issuer``, else 中共<registry>党组."""
    parent = index.get(text(record.get("parent")) or "")
    if parent is not None and parent.kind == "party-cell" and parent.id != record.id:
        return parent.name
    return settings.letters.party_issuer or f"中共{settings.registry}党组"


def _copies(record: Record, index: dict[str, Record]) -> list[str]:
    """抄送: a society's supporting unit; a branch's parent 科协 and host unit; the records a cell covers."""
    out: list[str] = []
    if record.kind == "society":
        out.append(text(record.get("supporting_unit")) or "")
    elif record.kind == "branch":
        parent = index.get(text(record.get("parent")) or "")
        out += [parent.name if parent is not None else "", text(record.get("host_unit")) or ""]
    elif record.kind == "party-cell":
        covers = record.get("covers")
        for ref in covers if isinstance(covers, list) else []:
            covered = index.get(ref) if isinstance(ref, str) else None
            out.append(covered.name if covered is not None else "")
    return [name for name in dict.fromkeys(out) if name]


def _steps(item: Election, today: dt.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The recorded steps (done) and the steps still to do, each with what a template needs."""
    done = [
        {"step": key, "date_cn": cn_date(d.date), "doc_no": d.doc_no or ""}
        for key in record_steps(item.record.kind)
        if (d := item.progress.get(key)) is not None
    ]
    held = "held" in item.progress
    todo = []
    for step in item.steps:
        if step.done is not None:
            continue
        relative = step.key == "filing" and not held  # counted from a congress not yet held: no date
        todo.append(
            {
                "step": step.key,
                "date_cn": "" if relative else cn_date(step.date),
                "late": step.late(today) and not relative,
                "relative": relative,
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
        variables = _common(item.record, settings, today, index) | {
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
            "filing_days": settings.filing_days_after,
        }
        letter = "election-overdue" if item.state is TermState.OVERDUE else "election-due"
        template = f"party-{letter}" if item.record.kind == "party-cell" else ""
        out.append(Letter(item.id, letter, variables, template, item.record.file.stem_id))
    return out


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
        if len(item.streak) >= 2:
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
        variables = _common(item.record, settings, today, index) | {
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
    return due_elections(records, settings, ElectionQuery(today=today, lead=Lead.months(settings.lead_months)))


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


def write_letters(letters: list[Letter], templates: Templates, out_dir: Path, settings: Settings) -> list[Path]:
    """Render every letter to ``<file stem>-<letter>.md`` and ``.docx`` in ``out_dir``; return the paths written."""
    for letter in letters:
        if not is_slug(letter.file_stem):  # nameable() has sorted these out; never a path from data
            raise ValueError(letter.file_stem)
    check_target(out_dir, folder=True)  # refuse before the work
    rendered = [(letter, templates.render(letter.template_name, letter.variables)) for letter in letters]
    make_folder(out_dir)  # only once every letter rendered: a template error leaves nothing behind
    written = []
    for letter, result in rendered:
        stem = out_dir / f"{letter.file_stem}-{letter.letter}"
        md = stem.with_suffix(".md")
        atomic_write_bytes(md, result.markdown.encode("utf-8"))
        docx = stem.with_suffix(".docx")
        atomic_write_bytes(docx, docx_bytes(result.blocks, settings.registry, letter.variables["today"]))
        written += [docx, md]
    return written


_MARKUP = re.compile(r"^#+\s*")

# The page of a 公文 (GB/T 9704): A4, margins about 37 / 35 / 28 / 26 mm (top / bottom / left / right),
# title in 小标宋 二号 (22 pt), body in 仿宋 三号 (16 pt), 28.95 pt lines (22 lines a page).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "黑体"
BODY_FONT, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
LATIN_FONT = "Times New Roman"
TITLE_PT, BODY_PT, CC_PT, LINE_PT = 22, 16, 14, 28.95
# fontTable entries: Word uses w:altName when the font itself is not installed (GB2312 charset 86)
FONT_TABLE = {
    TITLE_FONT: (TITLE_FALLBACK, "02010601030101010101"),
    TITLE_FALLBACK: ("SimHei", "02010609060101010101"),
    BODY_FONT: (BODY_FALLBACK, "02010609030101010101"),
    BODY_FALLBACK: ("FangSong", "02010609060101010101"),
}


def docx_bytes(blocks: dict[str, str], author: str, today: dt.date) -> bytes:
    """A Word document on an A4 公文 page: 文号, title, 主送, body, 落款 and date, 附注, 抄送."""
    from docx import Document  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx
    from docx.shared import Pt  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    document = Document()
    _page(document)
    props = document.core_properties
    props.title = _MARKUP.sub("", blocks["title"])
    props.author = author
    stamp = dt.datetime(today.year, today.month, today.day)
    props.created = props.modified = stamp
    props.last_modified_by = author

    if blocks.get("doc_no"):
        para = document.add_paragraph(blocks["doc_no"])
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.paragraph_format.space_after = Pt(LINE_PT)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(LINE_PT)
    run = title.add_run(_MARKUP.sub("", blocks["title"]))
    run.font.size = Pt(TITLE_PT)
    set_fonts(run.element.get_or_add_rPr(), TITLE_FONT)

    recipient = blocks["recipient"].rstrip("：:")
    document.add_paragraph(f"{recipient}：")
    for paragraph in re.split(r"\n\s*\n", blocks["body"]):
        lines = [line.strip() for line in paragraph.strip().splitlines() if line.strip()]
        if not lines:
            continue
        para = document.add_paragraph("".join(lines))
        para.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    _closing(document, blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document: Any) -> None:
    """A4, 公文 margins, 仿宋 三号 on exact 28.95 pt lines, and the fonts' fallbacks."""
    from docx.enum.text import WD_LINE_SPACING  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx
    from docx.shared import Mm, Pt  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    set_fonts(document.styles.element.find(_qn("w:docDefaults")), BODY_FONT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    _font_table(document)


def _closing(document: Any, blocks: dict[str, str]) -> None:
    """落款 and date on the right (four characters in), then 附注 and 抄送 (四号)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx
    from docx.shared import Pt  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    document.add_paragraph()
    indents = closing_indents(blocks["signature"], blocks["date"])
    for key in ("signature", "date"):
        para = document.add_paragraph(blocks[key])
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.paragraph_format.right_indent = Pt(indents[key] * BODY_PT)
    if blocks.get("note"):
        para = document.add_paragraph(blocks["note"])
        para.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
        para.paragraph_format.space_before = Pt(LINE_PT)
    if blocks.get("cc"):
        para = document.add_paragraph(blocks["cc"])
        para.paragraph_format.left_indent = Pt(CC_PT)
        para.paragraph_format.space_before = Pt(LINE_PT)
        for run in para.runs:
            run.font.size = Pt(CC_PT)


def text_width(value: str) -> float:
    """Width in characters of the body font: a CJK character is one, an ASCII character half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in value)


def closing_indents(signature: str, day: str) -> dict[str, float]:
    """Right indents (in characters) of 落款 and date: the date four characters from the right edge,
    the 落款 centred over it (GB/T 9704 7.3.5.1); a 落款 wider than that space sits two characters
    in, with the date centred under it."""
    sig, date_ = text_width(signature), text_width(day)
    if sig <= date_ + 4:
        return {"date": 4.0, "signature": max(0.0, 4.0 + (date_ - sig) / 2)}
    return {"signature": 2.0, "date": 2.0 + (sig - date_) / 2}


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    return str(qn(tag))


def set_fonts(element: Any, east_asia: str) -> None:
    """Set ``w:rFonts`` of a run / style ``rPr`` (or of ``w:docDefaults``): East-Asian font, Latin fallback.

    Theme font attributes are removed: they would take precedence over the names.
    """
    from docx.oxml import OxmlElement  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    if element is None:
        return
    if element.tag == _qn("w:docDefaults"):
        element = element.find(f"{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
        if element is None:
            return
    fonts = element.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_qn(attr), None)
    fonts.set(_qn("w:ascii"), LATIN_FONT)
    fonts.set(_qn("w:hAnsi"), LATIN_FONT)
    fonts.set(_qn("w:cs"), LATIN_FONT)
    fonts.set(_qn("w:eastAsia"), east_asia)
    fonts.set(_qn("w:hint"), "eastAsia")


def _font_table(document: Any) -> None:
    """Declare the Chinese fonts in ``word/fontTable.xml`` with their installed fallbacks (``w:altName``)."""
    part = next((p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if part is None or b"</w:fonts>" not in part.blob:
        return
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        for name, (alt, panose) in FONT_TABLE.items()
    )
    part._blob = part.blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")


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

    records = registry.load() if records is None else records
    settings = registry.settings
    index = {r.id: r for r in records if r.loaded}
    if which == "elections":
        letters = election_letters(elections_due(records, settings, today), settings, today, index)
    else:
        summary = inspections(records, settings, today, year)
        letters = inspection_letters(summary, settings, registry.schemas, today, index)
    chosen, skipped = nameable(select(letters, ids))
    chosen = number_letters(chosen, number_from)
    written = write_letters(chosen, Templates(registry.root), out_dir, settings)
    return LetterRun(written, len(chosen), skipped)
