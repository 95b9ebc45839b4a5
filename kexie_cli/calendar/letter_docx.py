"""A rendered letter as a .docx 公文 page (GB/T 9704): A4, 公文 margins, 文号 top right, title
centred in 小标宋/黑体, 主送 line, body in 仿宋 三号 with indented paragraphs, 落款 and date on
the right, 附注, 抄送.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any, NamedTuple

from kexie_cli.cells import docx_property, docx_text

_MARKUP = re.compile(r"^#+\s*")
_ASCII_RUN = re.compile(r"[\x21-\x7e]+")


class Fit(NamedTuple):
    """The body size, the 抄送 size and the line pitch (pt) that put a letter on one page."""

    body: float
    small: float
    line: float


# The page of a 公文 (GB/T 9704): A4, margins about 37 / 35 / 28 / 26 mm (top / bottom / left / right),
# title in 小标宋 二号 (22 pt), body in 仿宋 三号 (16 pt), 28.95 pt lines (22 lines a page).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "黑体"
BODY_FONT, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
LATIN_FONT = "Times New Roman"
TITLE_PT, BODY_PT, LINE_PT = 22, 16, 28.95
TITLE_LINE_PT = 36
# A letter longer than one page is set closer (GB/T 9704 7.1: 特定情况可以作适当调整): the gaps before 附注
# and 抄送 and after 文号 go first, then the line pitch shrinks, down to 1.25 times the font size; when
# 三号 on 20 pt lines is still too long, the body steps down a size at a time (四号, 小四, 五号) and each
# size again takes the widest pitch that fits. Nothing is dropped; 五号 (10.5 pt) is the floor, the size
# of a printed form's small print. The title stays 二号.
MIN_PITCH = 1.25  # line pitch / font size: 三号 on 20 pt lines still reads as a page of text
# (body and 附注, 抄送) sizes in pt: 三号/四号, 四号/小四, 小四/五号, 五号/五号
SIZES = ((16.0, 14.0), (14.0, 12.0), (12.0, 10.5), (10.5, 10.5))
# LibreOffice and Word put a quarter of a character between CJK text and a run of digits or Latin letters
AUTOSPACE = 0.25
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

    blocks = {key: docx_text(value) for key, value in blocks.items()}  # control characters from records, settings
    document = Document()
    fit = fitted(blocks)
    line = fit.line
    gap = Pt(line if line == LINE_PT else 0)
    _page(document, fit)
    props = document.core_properties
    props.title = docx_property(_MARKUP.sub("", blocks["title"]))
    props.author = docx_property(author)
    stamp = dt.datetime(today.year, today.month, today.day)
    props.created = props.modified = stamp
    props.last_modified_by = docx_property(author)

    if blocks.get("doc_no"):
        para = document.add_paragraph(blocks["doc_no"])
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.paragraph_format.space_after = gap
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
    title.paragraph_format.space_after = Pt(line)
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
        para.paragraph_format.first_line_indent = Pt(2 * fit.body)
    _closing(document, blocks, gap, fit)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _lines(text: str, per_line: float) -> int:
    """Lines a paragraph takes at ``per_line`` characters a line (a CJK character is one, ASCII half)."""
    return max(1, -(-int(text_width(text, spaced=True) * 4) // int(per_line * 4)))


def fitted(blocks: dict[str, str]) -> Fit:
    """The largest body size, and its widest line pitch, that put the letter on one A4 page.

    The estimate counts lines as Word and LibreOffice break them: the text width divided into
    characters of the font size (a CJK character one, a digit or Latin letter half, a quarter
    between the two); measured against LibreOffice in tests/calendar/test_letter_pages.py.
    A letter too long even for 五号 on its tightest lines gets that, and runs over.
    """
    width_pt = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72
    height_pt = (PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) / 25.4 * 72
    title_pt = _lines(_MARKUP.sub("", blocks["title"]), width_pt // TITLE_PT) * TITLE_LINE_PT
    room = height_pt - title_pt - 2  # a little slack for rounding in the renderer
    for body_pt, small_pt in SIZES:
        body = width_pt // body_pt  # whole characters: 27 of 三号 on the 156 mm line
        lines = 1.0  # 主送
        for paragraph in re.split(r"\n\s*\n", blocks["body"]):
            joined = "".join(line.strip() for line in paragraph.strip().splitlines())
            if joined:
                lines += _lines("　　" + joined, body)
        lines += 3  # the blank line, 落款, date
        gaps = 0.0
        if blocks.get("doc_no"):
            lines, gaps = lines + 1, gaps + 1
        if blocks.get("note"):
            lines, gaps = lines + _lines("　　" + blocks["note"], body), gaps + 1
        if blocks.get("cc"):
            lines, gaps = lines + _lines(blocks["cc"], (width_pt - small_pt) // small_pt), gaps + 1
        if body_pt == BODY_PT and (lines + gaps + 1) * LINE_PT <= room:  # + 1: the line after the title
            return Fit(body_pt, small_pt, LINE_PT)
        line = min(LINE_PT, room / (lines + 1.5))  # + half a line: a line broken before closing punctuation
        fit = Fit(body_pt, small_pt, math.floor(max(line, body_pt * MIN_PITCH) * 100) / 100)
        if line >= body_pt * MIN_PITCH:
            return fit
    return fit  # 五号 on its tightest lines: a letter longer still runs over


def _page(document: Any, fit: Fit) -> None:
    """A4, 公文 margins, 仿宋 三号 on exact 28.95 pt lines (or as :func:`fitted` sets it), and the fonts' fallbacks."""
    from docx.enum.text import WD_LINE_SPACING  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx
    from docx.shared import Mm, Pt  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.size = Pt(fit.body)
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    set_fonts(document.styles.element.find(_qn("w:docDefaults")), BODY_FONT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(fit.line)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    _font_table(document)


def _closing(document: Any, blocks: dict[str, str], gap: Any, fit: Fit) -> None:
    """落款 and date on the right (four characters in), then 附注 and 抄送 (四号)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx
    from docx.shared import Pt  # noqa: PLC0415 - python-docx is slow to import; loaded only for docx

    document.add_paragraph()
    indents = closing_indents(blocks["signature"], blocks["date"])
    for key in ("signature", "date"):
        para = document.add_paragraph(blocks[key])
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.paragraph_format.right_indent = Pt(indents[key] * fit.body)
    if blocks.get("note"):
        para = document.add_paragraph(blocks["note"])
        para.paragraph_format.first_line_indent = Pt(2 * fit.body)
        para.paragraph_format.space_before = gap
    if blocks.get("cc"):
        para = document.add_paragraph(blocks["cc"])
        para.paragraph_format.left_indent = Pt(fit.small)
        para.paragraph_format.space_before = gap
        for run in para.runs:
            run.font.size = Pt(fit.small)


def text_width(value: str, *, spaced: bool = False) -> float:
    """Width in characters of the body font: a CJK character is one, an ASCII character half.

    ``spaced``: with the renderers' quarter character on each side of a run of digits or Latin letters.
    """
    width = sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in value)
    return width + (2 * AUTOSPACE * len(_ASCII_RUN.findall(value)) if spaced else 0.0)


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
