"""The copy of a returned workbook to send back: every bad cell filled red and commented with what is wrong.

The original file is never changed. The copy keeps the form (inputs, dropdowns, protection, the hidden
sheet), so the organisation corrects it and sends it again; ``collect`` reads it like the first one.
"""

from __future__ import annotations

import io
import warnings

from kexie_cli.annual.read import Problem, describe
from kexie_cli.importer.workbook import BAD_FILE, bad_file

MARK_FILL = "FFC7CE"  # Excel's "bad" red
AUTHOR = "kexie"


def marked_copy(raw: bytes, file: str, problems: list[Problem]) -> bytes:
    """The workbook ``raw`` with each problem's cell marked and commented, in Chinese (the form's language)."""
    from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl is slow to import; only for xlsx
    from openpyxl.comments import Comment  # noqa: PLC0415 - see above
    from openpyxl.styles import PatternFill  # noqa: PLC0415 - see above

    fill = PatternFill("solid", fgColor=MARK_FILL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(raw))
            notes: dict[tuple[str, str], list[str]] = {}
            for problem in problems:
                notes.setdefault((problem.sheet, problem.cell), []).append(describe(problem, "zh"))
            for (sheet, address), lines in notes.items():
                if sheet not in book.sheetnames:
                    continue
                cell = book[sheet][address]
                cell.fill = fill
                comment = Comment("\n".join(lines), AUTHOR)
                comment.width, comment.height = 300, 60 + 40 * len(lines)
                cell.comment = comment
            buffer = io.BytesIO()
            book.save(buffer)
    except BAD_FILE as exc:
        raise bad_file(file, exc) from exc
    return buffer.getvalue()
