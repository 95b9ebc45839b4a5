"""Hypothesis fuzz target for ``kexie import``: workbooks built part by part (issue 28).

Each example writes an xlsx from its structure — sheets and their titles, shared strings
(with a declared count that may lie), ``<dimension>`` refs, rows at any number, cells of
every type (shared-string indexes out of range, numbers, booleans, ISO dates, formulas,
inline strings, cells without a reference), hidden columns — then maybe cuts or flips its
XML, and imports it (dry run) into an empty registry. The only exception allowed out is
``KexieError`` (a usage error, exit 2); anything else would be an internal error.
``make fuzz`` runs it with a share of ``KEXIE_FUZZ_EXAMPLES``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kexie_cli.errors import KexieError
from kexie_cli.importer.run import import_file
from kexie_cli.registry.load import Registry

TOTAL = int(os.environ.get("KEXIE_FUZZ_EXAMPLES", "0") or 0)
ROOT = Path(tempfile.mkdtemp(prefix="kexie-fuzz-xlsx-"))
(ROOT / "kexie.yaml").write_text("registry: 星河市科学技术协会\n", encoding="utf-8")
REGISTRY = Registry.open(ROOT, ROOT)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
WORDS = ["学会名称", "名称", "统一社会信用代码", "成立时间", "理事长", "2024年检", "状态", "已注销", "合计", "注：", ""]

texts = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
cells = st.one_of(
    st.tuples(st.just("s"), st.integers(-2, 40)),
    st.tuples(st.just("n"), st.sampled_from(["1", "1980.05", "44155", "-1", "1e400", "nan", "x", ""])),
    st.tuples(st.just("b"), st.sampled_from(["0", "1", "2", ""])),
    st.tuples(st.just("d"), st.sampled_from(["2021-06-01", "2021-13-45", "x"])),
    st.tuples(st.just("str"), texts),
    st.tuples(st.just("inlineStr"), texts),
    st.tuples(st.just("f"), st.sampled_from(["SUM(A1:A3)", "1/0", ""])),
)
rows = st.lists(
    st.tuples(
        st.one_of(st.integers(1, 40), st.sampled_from([0, -1, 100_001, 1_048_576])),
        st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 250)), cells), max_size=8),
    ),
    max_size=12,
)
sheet = st.fixed_dictionaries(
    {
        "title": st.one_of(st.sampled_from(["学会", "年检情况", "负责人", "Sheet1"]), st.text(max_size=8)),
        "dimension": st.sampled_from([None, "A1", "A1:B2", "A1:GR100000", "A1:XFD1048576", "x"]),
        "hidden": st.sampled_from([None, (1, 2), (2, 300)]),
        "rows": rows,
    }
)
book = st.fixed_dictionaries(
    {
        "sheets": st.lists(sheet, min_size=1, max_size=4),
        "strings": st.one_of(st.none(), st.lists(texts, max_size=30)),
        "declared": st.sampled_from([None, 0, 3, 10**9]),
        "damage": st.one_of(
            st.none(), st.tuples(st.integers(0, 6), st.integers(0, 4000), st.sampled_from(["cut", "flip"]))
        ),
    }
)


def _column(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(row: int, column: int | None, cell: tuple[str, Any]) -> str:
    ref = f' r="{_column(column)}{row}"' if column else ""
    kind, value = cell
    if kind == "inlineStr":
        return f'<c{ref} t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'
    if kind == "f":
        return f"<c{ref}><f>{escape(value)}</f></c>"
    kind_attr = "" if kind == "n" else f' t="{kind}"'
    return f"<c{ref}{kind_attr}><v>{escape(str(value))}</v></c>"


def _sheet_xml(spec: dict[str, Any]) -> str:
    parts = [f'<worksheet xmlns="{MAIN}">']
    if spec["dimension"]:
        parts.append(f'<dimension ref="{spec["dimension"]}"/>')
    if spec["hidden"]:
        parts.append(f'<cols><col min="{spec["hidden"][0]}" max="{spec["hidden"][1]}" hidden="1"/></cols>')
    parts.append("<sheetData>")
    for number, row in spec["rows"]:
        parts.append(f'<row r="{number}">' + "".join(_cell(number, c, cell) for c, cell in row) + "</row>")
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def build(spec: dict[str, Any]) -> bytes:
    files: dict[str, str] = {}
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>']
    sheets, rels = [], []
    for i, one in enumerate(spec["sheets"], 1):
        files[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(one)
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{TYPES}.worksheet+xml"/>')
        sheets.append(f'<sheet name="{escape(one["title"] or "S")}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
    if spec["strings"] is not None:
        count = "" if spec["declared"] is None else f' count="{spec["declared"]}" uniqueCount="{spec["declared"]}"'
        items = "".join(f"<si><t>{escape(s)}</t></si>" for s in spec["strings"])
        files["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}"{count}>{items}</sst>'
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    files["xl/workbook.xml"] = f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{"".join(sheets)}</sheets></workbook>'
    files["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>'
    )
    files["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    if spec["damage"] is not None:
        which, at, how = spec["damage"]
        name = sorted(files)[which % len(files)]
        data = files[name]
        at %= max(len(data), 1)
        files[name] = data[:at] if how == "cut" else data[:at] + "<" + data[at + 1 :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return out.getvalue()


@settings(
    max_examples=int(TOTAL * 0.05) or 60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(book)
def test_import_of_built_workbooks(spec: dict[str, Any]) -> None:
    path = ROOT / "fuzz.xlsx"
    path.write_bytes(build(spec))
    with contextlib.suppress(KexieError):  # a usage error (exit 2): a clear message, never a traceback
        import_file(REGISTRY, path, "society", dry_run=True, today=dt.date(2026, 11, 23))
