"""Hostile files given to ``kexie import`` (issue 28): XML attacks, non-regular files, bounds, stray quotes.

Each case failed before: a ``ParseError`` traceback, a hang on a FIFO, a MemoryError on
``/dev/zero``, a sheet read in full though it is not imported, a CSV quote that merged
rows into one record's name with exit 0.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from kexie_cli.importer import workbook
from tests.conftest import AS_OF, Run, run_cli, write_registry

SETTINGS = "registry: 示例市科学技术协会\n"


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "reg", {}, SETTINGS)


def run_import(root: Path, path: Path | str, *extra: str) -> Run:
    return run_cli(["import", str(path), "--kind", "society", "--as-of", AS_OF, *extra], root)


def book_bytes(*sheets: tuple[str, Sequence[Sequence[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = ("学会", [["学会名称", "成立时间"], ["示例市物理学会", "1980-05-01"]])


def patched(raw: bytes, part: str, text: bytes | None = None, edit: tuple[bytes, bytes] | None = None) -> bytes:
    """The workbook with one part replaced (``text``) or edited (``edit``: old, new)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = text if text is not None else data.replace(*(edit or (b"", b"")))
            target.writestr(info.filename, data)
    return out.getvalue()


def records(root: Path) -> list[str]:
    folder = root / "records" / "societies"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def external(secret: Path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>学会名称</t></is></c>
<c r="B1" t="inlineStr"><is><t>备注</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>示例市物理学会</t></is></c>
<c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c></row>
</sheetData></worksheet>""".encode()


@pytest.mark.parametrize("attack", ["malformed", "laughs", "external"])
def test_hostile_xml_is_not_a_valid_xlsx(reg: Path, tmp_path: Path, attack: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    part = "xl/worksheets/sheet1.xml"
    raw = book_bytes(GOOD)
    text = {"malformed": b"<worksheet><sheetData><row>", "laughs": LAUGHS, "external": external(secret)}[attack]
    path = tmp_path / "bad.xlsx"
    path.write_bytes(patched(raw, part, text))
    run = run_import(reg, path)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "不是有效的 .xlsx 文件" in run.stderr
    assert "内部错误" not in run.stderr and "Traceback" not in run.stderr
    assert "TOP-SECRET" not in run.stdout + run.stderr
    assert records(reg) == []


def test_malformed_workbook_xml_is_not_a_valid_xlsx(reg: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(patched(book_bytes(GOOD), "xl/workbook.xml", b"<workbook><sheets><sheet"))
    run = run_import(reg, path)
    assert run.exit_code == 2
    assert "不是有效的 .xlsx 文件" in run.stderr and "内部错误" not in run.stderr


@pytest.mark.parametrize("option", ["file", "map"])
def test_dev_zero_is_refused(reg: Path, tmp_path: Path, option: str) -> None:
    good = tmp_path / "good.xlsx"
    good.write_bytes(book_bytes(GOOD))
    link = tmp_path / "zero.csv"  # a name that passes the suffix check
    link.symlink_to("/dev/zero")
    run = run_import(reg, link) if option == "file" else run_import(reg, good, "--map", "/dev/zero")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "not a regular file" in run.stderr
    assert "内部错误" not in run.stderr


@pytest.mark.parametrize("option", ["file", "map"])
def test_fifo_is_refused_without_waiting(reg: Path, tmp_path: Path, option: str) -> None:
    fifo = tmp_path / ("pipe.xlsx" if option == "file" else "pipe.yaml")
    os.mkfifo(fifo)
    good = tmp_path / "good.xlsx"
    good.write_bytes(book_bytes(GOOD))
    run = run_import(reg, fifo) if option == "file" else run_import(reg, good, "--map", str(fifo))
    assert run.exit_code == 2
    assert "FIFO" in run.stderr


@pytest.mark.parametrize("key", ["? [a, b]\n  : name", "? {a: b}\n  : name"])
def test_map_keys_must_be_text(reg: Path, tmp_path: Path, key: str) -> None:
    """The strict loader reads a plain key as text (``2024`` is the header 2024); any other key is refused."""
    good = tmp_path / "good.xlsx"
    good.write_bytes(book_bytes(GOOD))
    mapping = tmp_path / "map.yaml"
    mapping.write_text(f"columns:\n  {key}\n", encoding="utf-8")
    run = run_import(reg, good, "--map", str(mapping))
    assert run.exit_code == 2
    assert "列映射文件" in run.stderr and "内部错误" not in run.stderr


def test_too_many_shared_strings_refused_before_reading(
    reg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_SHARED_STRINGS", 1000)
    strings = b"".join(b"<si><t/></si>" for _ in range(1001))
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + strings + b"</sst>"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    override = f'<Override PartName="/xl/strings.bin" ContentType="{kind}"/></Types>'.encode()
    raw = patched(book_bytes(GOOD), "[Content_Types].xml", edit=(b"</Types>", override))
    buffer = io.BytesIO(raw)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/strings.bin", sst)  # found by its content type, whatever its name
    path = tmp_path / "strings.xlsx"
    path.write_bytes(buffer.getvalue())
    run = run_import(reg, path)
    assert run.exit_code == 2
    assert "共享字符串超过 1000 个" in run.stderr


def test_a_sheet_not_imported_is_read_only_to_its_header_rows(reg: Path, tmp_path: Path) -> None:
    """A far row (1,048,576) in a sheet not imported costs nothing; in the imported sheet it is refused at once."""
    far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    raw = book_bytes(GOOD, ("其他", [["说明"], ["无"]]))
    path = tmp_path / "far.xlsx"
    path.write_bytes(patched(raw, "xl/worksheets/sheet2.xml", edit=(b"</sheetData>", far)))
    run = run_import(reg, path, "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["unread_sheets"] == ["其他"]
    assert records(reg) == ["wuli-xuehui.yaml"]
    path.write_bytes(patched(raw, "xl/worksheets/sheet1.xml", edit=(b"</sheetData>", far)))
    run = run_import(reg, path)
    assert run.exit_code == 2
    assert "超过 100000 行" in run.stderr


def test_a_declared_dimension_over_the_limits_is_refused_unread(reg: Path, tmp_path: Path) -> None:
    raw = patched(book_bytes(GOOD), "xl/worksheets/sheet1.xml", edit=(b'ref="A1:B2"', b'ref="A1:B200000"'))
    path = tmp_path / "dim.xlsx"
    path.write_bytes(raw)
    run = run_import(reg, path)
    assert run.exit_code == 2
    assert "超过 100000 行" in run.stderr


def test_filled_cells_are_bounded(reg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_CELLS", 50)
    rows: list[list[object]] = [["学会名称", "成立时间"], *([f"示例市第{i}学会", 1990] for i in range(40))]
    path = tmp_path / "cells.xlsx"
    path.write_bytes(book_bytes(("学会", rows)))
    run = run_import(reg, path)
    assert run.exit_code == 2
    assert "非空单元格超过 50 个" in run.stderr
    assert records(reg) == []


def test_a_csv_over_the_size_limit_is_refused_unread(
    reg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kexie_cli.importer import sheets  # noqa: PLC0415

    monkeypatch.setattr(sheets, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "long.csv"
    path.write_text("学会名称,成立时间\n" + "x" * 2000 + ",1990\n", encoding="utf-8")
    run = run_import(reg, path)
    assert run.exit_code == 2
    assert "超过导入上限 1000 字节" in run.stderr


def test_a_stray_quote_that_swallows_rows_is_refused(reg: Path, tmp_path: Path) -> None:
    lines = ["学会名称,成立时间,备注"] + [f"示例市第{i}学会,1990,无" for i in range(1, 4)]
    lines.insert(2, '"示例市物理学会,1980,无')  # the quote is never closed on its line
    lines.append('示例市化学学会,1981,"说明"')
    path = tmp_path / "quote.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_import(reg, path)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "第 3 行" in run.stderr
    assert records(reg) == []


def test_a_multiline_cell_without_separators_is_still_read(reg: Path, tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text('学会名称,成立时间,备注\n示例市物理学会,1980,"第一行\n第二行"\n', encoding="utf-8")
    run = run_import(reg, path)
    assert run.exit_code == 0, run.stdout + run.stderr


@pytest.mark.parametrize(
    ("name", "expected"), [("示例市\u009b物理学会", None), ("\ufeff示例市物理学会", "wuli-xuehui")]
)
def test_c1_controls_refused_and_boms_cleaned_in_names(
    reg: Path, tmp_path: Path, name: str, expected: str | None
) -> None:
    path = tmp_path / "c1.xlsx"
    path.write_bytes(book_bytes(("学会", [["学会名称", "成立时间"], [name, "1980-05-01"]])))
    run = run_import(reg, path)
    if expected is None:
        assert run.exit_code == 1
        assert "含有控制字符" in run.stdout
        assert records(reg) == []
    else:
        assert run.exit_code == 0
        assert records(reg) == [f"{expected}.yaml"]
        text = (reg / "records" / "societies" / f"{expected}.yaml").read_text(encoding="utf-8")
        assert "\ufeff" not in text


RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@pytest.mark.parametrize("name", ["CON", "nul", "Aux", "prn", "LPT1", "com9"])
def test_import_and_new_never_make_windows_reserved_ids(reg: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / "win.csv"
    path.write_text(f"学会名称,成立时间,标识符\n{name},1990,{name.lower()}\n", encoding="utf-8")
    run = run_import(reg, path)
    assert run.exit_code == 0, run.stdout + run.stderr
    made = records(reg)
    assert len(made) == 1
    assert made[0].removesuffix(".yaml") not in RESERVED
    from kexie_cli.edit.new import derive_id  # noqa: PLC0415 - what `kexie new` derives

    assert derive_id(name) not in RESERVED
