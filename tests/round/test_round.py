"""The 年报 round end to end: forms → filled by people (with mistakes) → collect → collect again → status →
approve / return → letters (docs/annual.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kexie_cli.annual.layout import HIDDEN_SHEET, from_rows
from kexie_cli.records.loader import load_text
from tests import waiting
from tests.conftest import run_cli
from tests.round.conftest import fill
from tests.round.test_cells import event, figure

MEDICAL, RURAL = "binjiang-yixuehui", "beiling-nongcun-zhuanye-jishu-xiehui"
MEMBERS = (94, 38)  # members of the rural association in its record: the form comes back with them


def forms(root: Path, out: Path, year: str = "2026") -> dict[str, Path]:
    done = run_cli(["annual", "forms", "--year", year, "-o", str(out), "--as-of", "2027-01-10"], root)
    assert done.exit_code == 0, done.stderr
    paths = [Path(p) for p in done.stdout.splitlines()]
    return {MEDICAL: next(p for p in paths if "医学会" in p.name), RURAL: next(p for p in paths if "农村" in p.name)}


def collect(root: Path, *files: Path, as_of: str = "2027-03-10", lang: str = "zh") -> tuple[int, str, str]:
    done = run_cli(["annual", "collect", *map(str, files), "--as-of", as_of, "--lang", lang], root)
    return done.exit_code, done.stdout, done.stderr


def record(root: Path, org: str) -> dict[str, Any]:
    loaded = load_text((root / "records" / "annual" / "2026" / f"{org}-2026.yaml").read_text(encoding="utf-8"))
    assert loaded.data is not None and not loaded.problems
    return loaded.data


@pytest.fixture
def filled(round_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The medical society's form with five mistakes, the rural association's without, both renamed."""
    made = forms(round_root, tmp_path / "forms")
    bad = fill(
        made[MEDICAL],
        tmp_path / "医学会-2026年报-定稿.xlsx",
        {
            figure(made[MEDICAL], "academic.events"): 12,
            figure(made[MEDICAL], "academic.participants"): "约3400",  # text in a number cell
            figure(made[MEDICAL], "popular.events"): -4,  # a negative count
            event(made[MEDICAL], "date"): dt.datetime(2025, 12, 28),  # outside the year
            event(made[MEDICAL], "title"): "年会",
            event(made[MEDICAL], "level"): "乡镇级",  # not a dropdown value
        },
    )
    good = fill(
        made[RURAL],
        tmp_path / "rural.xlsx",
        {
            figure(made[RURAL], "academic.events"): 3,
            figure(made[RURAL], "popular.audience"): "1,200",
            event(made[RURAL], "date"): dt.datetime(2026, 4, 8),
            event(made[RURAL], "title"): "春季农技培训",
            event(made[RURAL], "category"): "培训",
            event(made[RURAL], "date", 2): "2026-09-19",  # row 2 left blank: an extra blank row
            event(made[RURAL], "title", 2): "科普日田间课堂",
            event(made[RURAL], "level", 2): "区县级",
            event(made[RURAL], "participants", 2): 80,
        },
    )
    return bad, good


def test_the_round(round_root: Path, tmp_path: Path, filled: tuple[Path, Path]) -> None:
    bad, good = filled
    code, out, err = collect(round_root, bad, good)  # any order; renamed files
    assert code == 1
    marked = tmp_path / "医学会-2026年报-定稿-退回修改.xlsx"
    assert f"{bad}：4 处填写有误，整份未录入；已标注的表格：{marked}" in out
    for words in (
        "（填的是“约3400”）：不是数字",
        "（填的是“-4”）：不能是负数",
        "不在2026年内",
        "（填的是“乡镇级”）：不是可选的值",
    ):
        assert words in out
    assert "示例市北岭区农村专业技术协会：2026年度年报已录入，新建 records/annual/2026/" in out
    assert "共 2 个文件：录入 1 份，无需更改 0 份，退回 1 份" in err
    assert not (round_root / "records/annual/2026" / f"{MEDICAL}-2026.yaml").exists()  # nothing of the bad file
    rural = record(round_root, RURAL)
    assert rural["report"] == {"status": "submitted", "submitted": "2027-03-10"}
    assert rural["academic"] == {"events": 3}
    assert rural["popular"] == {"audience": 1200}
    assert rural["members"] == {"individual": MEMBERS[0], "group": MEMBERS[1]}  # prefilled from the record, sent back
    assert rural["events"] == [
        {"date": "2026-04-08", "title": "春季农技培训", "category": "training"},
        {"date": "2026-09-19", "title": "科普日田间课堂", "level": "district", "participants": 80},
    ]
    assert not [f for f in run_cli(["check", "--format", "json"], round_root).json() if "annual" in f["file"]]

    # collect again: the good file is a no-op (no write), the bad one is still refused
    path = round_root / "records/annual/2026" / f"{RURAL}-2026.yaml"
    before = path.read_bytes(), path.stat().st_mtime_ns
    code, out, err = collect(round_root, good, as_of="2027-03-12")
    assert code == 0
    assert "2026年度年报与台账一致，无需更改" in out
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before

    # the society corrects the marked copy and sends it again
    fixed = fill(
        marked,
        tmp_path / "医学会-改.xlsx",
        {
            figure(bad, "academic.participants"): 3400,
            figure(bad, "popular.events"): 4,
            event(bad, "date"): dt.datetime(2026, 5, 20),
            event(bad, "level"): "市级",
        },
    )
    code, out, _ = collect(round_root, fixed, as_of="2027-03-20")
    assert code == 0, out
    medical = record(round_root, MEDICAL)
    assert medical["academic"] == {"events": 12, "participants": 3400}
    assert medical["events"] == [{"date": "2026-05-20", "title": "年会", "level": "municipal"}]

    # status, approve, return
    rows = {r["id"]: r for r in run_cli(["annual", "status", "--year", "2026", "--format", "json"], round_root).json()}
    assert set(rows) == {MEDICAL, RURAL}
    assert (rows[MEDICAL]["status"], rows[MEDICAL]["submitted"]) == ("submitted", "2027-03-20")
    done = run_cli(["annual", "approve", f"{RURAL}-2026", "--as-of", "2027-03-25"], round_root)
    assert done.exit_code == 0 and "已审核（2027-03-25）" in done.stdout
    reason = "学术活动参与人次与活动明细不符"
    done = run_cli(["annual", "return", f"{MEDICAL}-2026", "--reason", reason, "--as-of", "2027-03-26"], round_root)
    assert done.exit_code == 0, done.stderr
    table = run_cli(["annual", "status", "--year", "2026", "--format", "csv", "--as-of", "2027-04-01"], round_root)
    assert f"{RURAL},示例市北岭区农村专业技术协会,科技社团,已审核,2027-03-10,,,2027-03-25" in table.stdout
    assert f"{MEDICAL},示例市滨江区医学会,科技社团,退回修改,2027-03-20,2027-03-26,{reason}," in table.stdout
    assert record(round_root, MEDICAL)["report"]["reason"] == reason

    # a returned report cannot be approved before it comes back
    done = run_cli(["annual", "approve", f"{MEDICAL}-2026"], round_root)
    assert done.exit_code == 2 and "年报状态为“退回修改”，只能审核已报的年报" in done.stderr


def test_comments_and_key_order_are_kept(round_root: Path, tmp_path: Path) -> None:
    target = round_root / "records/annual/2026" / f"{RURAL}-2026.yaml"
    target.parent.mkdir(parents=True)
    original = (
        f"id: {RURAL}-2026\nkind: annual\norg: {RURAL}\nyear: 2026\n"
        "academic:\n  events: 2  # 含线上1场\n  participants: 150\n"
        "notes: 数字经秘书处核对  # 2027-02 电话确认\n"
    )
    target.write_text(original, encoding="utf-8")
    made = forms(round_root, tmp_path / "forms")
    (tmp_path / "r.xlsx").write_bytes(made[RURAL].read_bytes())
    assert load_text(original).data is not None
    filled = fill(made[RURAL], tmp_path / "r.xlsx", {figure(made[RURAL], "academic.participants"): 180})
    code, out, _ = collect(round_root, filled)
    assert code == 0, out
    text = target.read_text(encoding="utf-8")
    assert "  events: 2  # 含线上1场\n  participants: 180\n" in text
    assert "notes: 数字经秘书处核对  # 2027-02 电话确认\n" in text
    assert text.index("academic:") < text.index("notes:")
    assert "report:\n  status: submitted\n  submitted: 2027-03-10\n" in text


def test_the_form_shows_last_years_figures_and_this_years_so_far(round_root: Path, tmp_path: Path) -> None:
    folder = round_root / "records/annual/2025"
    folder.mkdir(parents=True)
    (folder / f"{RURAL}-2025.yaml").write_text(
        f"id: {RURAL}-2025\nkind: annual\norg: {RURAL}\nyear: 2025\nacademic:\n  events: 7\n", encoding="utf-8"
    )
    made = forms(round_root, tmp_path / "forms")
    sheet, cell = figure(made[RURAL], "academic.events")
    ws = load_workbook(made[RURAL])[sheet]
    assert ws[cell].value is None and ws[f"C{cell[1:]}"].value == 7  # 上年数（参考）


def test_a_file_saved_by_libreoffice_reads_the_same(
    round_root: Path, tmp_path: Path, filled: tuple[Path, Path]
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    _, good = filled
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(out)]
    done = waiting.run([*command, str(good)])  # as long as LibreOffice works (no wall-clock timeout)
    resaved = out / good.name
    if not resaved.is_file():
        pytest.skip(f"LibreOffice Calc could not convert: {done.stderr[-300:]!r}")
    assert resaved.read_bytes() != good.read_bytes()
    code, out_text, _ = collect(round_root, resaved)
    assert code == 0, out_text
    first = record(round_root, RURAL)
    code, out_text, _ = collect(round_root, good, as_of="2027-03-11")
    assert code == 0 and "无需更改" in out_text  # the original holds the same answers
    assert record(round_root, RURAL) == first


def test_english(round_root: Path, tmp_path: Path, filled: tuple[Path, Path]) -> None:
    bad, good = filled
    code, out, err = collect(round_root, bad, good, lang="en")
    assert code == 1
    assert "cell" in out and "not a number; expected a whole number of 0 or more" in out
    assert "2026 report merged, created records/annual/2026/" in out
    assert "2 files: 1 merged, 0 unchanged, 1 refused" in err
    done = run_cli(["annual", "status", "--year", "2026", "--format", "csv", "--lang", "en"], round_root)
    assert ",submitted,2027-03-10," in done.stdout and ",not submitted," in done.stdout


def test_letters_chase_the_reports_not_submitted(round_root: Path, tmp_path: Path, filled: tuple[Path, Path]) -> None:
    _, good = filled
    assert collect(round_root, good)[0] == 0
    out = tmp_path / "letters"
    done = run_cli(["letters", "annual", "-o", str(out), "--as-of", "2027-04-15"], round_root)
    assert done.exit_code == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "示例市滨江区医学会-年报催报函.docx",
        "示例市滨江区医学会-年报催报函.md",
    ]
    text = (out / "示例市滨江区医学会-年报催报函.md").read_text(encoding="utf-8")
    assert "# 关于报送2026年度工作年报的催报函" in text
    assert "报送截止日期为2027年3月31日。截至2027年4月15日，尚未收到贵会2026年度工作年报。" in text
    assert "报送截止日期已过15天。请于收到本函后15日内" in text
    before = run_cli(["letters", "annual", "-o", str(tmp_path / "early"), "--as-of", "2027-03-01"], round_root)
    early = (tmp_path / "early" / "示例市滨江区医学会-年报催报函.md").read_text(encoding="utf-8")
    assert before.exit_code == 0 and "于2027年3月31日前报送" in early and "已过" not in early


def test_one_workbook_is_merged_whole_or_not_at_all(round_root: Path, tmp_path: Path) -> None:
    done = run_cli(["annual", "forms", "--year", "2026", "-o", str(tmp_path / "f"), "--one-workbook"], round_root)
    (book_path,) = [Path(p) for p in done.stdout.splitlines()]
    book = load_workbook(book_path)
    layouts = {x.org: x for x in from_rows([list(r) for r in book[HIDDEN_SHEET].iter_rows(values_only=True)])}
    medical, rural = layouts[MEDICAL], layouts[RURAL]
    cells = {
        (medical.sheet, medical.cells["academic.events"]): 5,
        (rural.sheet, rural.cells["academic.events"]): "五场",  # one bad cell: neither organisation is merged
    }
    bad = fill(book_path, tmp_path / "all.xlsx", cells)
    code, out, _ = collect(round_root, bad)
    assert code == 1 and "1 处填写有误，整份未录入" in out
    assert f"工作表“{rural.sheet}”单元格 {rural.cells['academic.events']}（填的是“五场”）" in out
    assert not (round_root / "records" / "annual").exists()
    good = fill(book_path, tmp_path / "all-good.xlsx", {**cells, (rural.sheet, rural.cells["academic.events"]): 5})
    code, out, _ = collect(round_root, good)
    assert code == 0, out
    assert record(round_root, MEDICAL)["academic"] == record(round_root, RURAL)["academic"] == {"events": 5}
