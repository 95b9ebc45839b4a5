"""The 工作总结 section of the report (report/work.py) in md, html and docx: its sentences, then its tables.

The section comes after the statistics tables and only when the registry keeps annual records of the
year; each renderer hands in its own way of writing a table, so the tables look like the report's others.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from kexie_cli.cells import md_text
from kexie_cli.report.work import Work
from kexie_cli.tables import TableData


def heading(work: Work, lang: str, number: str) -> str:
    return f"{number}{work.year}年度工作总结" if lang != "en" else f"Work of {work.year}"


def work_md(work: Work | None, lang: str, table: Callable[[TableData, str], str]) -> str:
    if work is None:
        return ""
    out = f"\n## {md_text(heading(work, lang, '三、'))}\n\n"
    out += "".join(f"{md_text(s)}\n\n" if lang == "en" else md_text(s) for s in work.sentences)
    out += "\n" if lang != "en" and work.sentences else ""
    return out + "".join(table(data, lang) for _, data in work.tables)


def work_html(work: Work | None, lang: str, table: Callable[[TableData, str], str]) -> str:
    if work is None:
        return ""
    said = "".join(f'<p class="work" data-sentence="{i}">{escape(s)}</p>' for i, s in enumerate(work.sentences))
    tables = "".join(table(data, lang) for _, data in work.tables)
    head = f"<h2>{escape(heading(work, lang, '四、'))}</h2>"
    return f'<section id="work" data-year="{work.year}">{head}{said}{tables}</section>'


def work_docx(
    work: Work | None,
    lang: str,
    heading_of: Callable[[str], None],
    table: Callable[[TableData], None],
    paragraph: Callable[[str], None],
) -> None:
    if work is None:
        return
    heading_of(heading(work, lang, "三、"))
    paragraph(("" if lang != "en" else " ").join(work.sentences))
    for _, data in work.tables:
        table(data)
