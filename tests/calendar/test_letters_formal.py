"""Letters a 科协 can send: no past deadlines, the parts of a 公文, Party letters by form, the A4 page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from kexie_cli.calendar.letter_docx import closing_indents
from tests.calendar.helpers import SAMPLE, by_record_id
from tests.conftest import run_cli, write_registry

DEADLINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日前")
LETTER_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", re.MULTILINE)


def make(which: str, root: Path, out: Path, as_of: str, *args: str) -> dict[str, str]:
    run = run_cli(["letters", which, "--as-of", as_of, "--output", str(out), *args], root)
    assert run.exit_code == 0, run.stderr
    names = by_record_id([Path(line) for line in run.stdout.splitlines()], root)
    return {p.stem: p.read_text(encoding="utf-8") for p in names if p.suffix == ".md"}


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


@pytest.mark.parametrize("as_of", ["2026-11-23", "2027-03-01", "2027-10-01", "2028-06-01"])
def test_no_letter_sets_a_deadline_before_its_own_date(tmp_path: Path, as_of: str) -> None:
    today = dt.date.fromisoformat(as_of)
    letters = make("elections", SAMPLE, tmp_path, as_of) | make("inspections", SAMPLE, tmp_path, as_of)
    kinds = {name.rsplit("-", 2)[-2] + "-" + name.rsplit("-", 1)[-1] for name in letters}
    assert {"election-due", "election-overdue"} <= kinds
    for name, text in letters.items():
        dated = LETTER_DATE.findall(text)
        assert dated and dt.date(*map(int, dated[-1])) == today, name
        for y, m, d in DEADLINE.findall(text):
            assert dt.date(int(y), int(m), int(d)) >= today, (name, f"{y}年{m}月{d}日前")
        assert "距今" not in text and "催告函" not in text, name
        assert "/" not in text.split("\n", 1)[1], name  # no slash labels in formal prose
    # the .docx carry the same text as the .md
    for name in list(letters)[:3]:
        assert DEADLINE.findall(docx_text(tmp_path / f"{name}.docx")) == DEADLINE.findall(letters[name])


def test_overdue_steps_are_asked_for_at_once_and_named(tmp_path: Path) -> None:
    letter = make("elections", SAMPLE, tmp_path, "2026-11-23", "--id", "dili-xuehui")["dili-xuehui-election-due"]
    assert "距届满尚有24天" in letter
    assert "一、请尽快向我会报送换届工作方案" in letter and "此项原定完成时间为2026年7月17日，已逾期" in letter
    assert "二、请尽快完成换届财务审计" in letter and "此项原定完成时间为2026年10月17日，已逾期" in letter
    assert "三、请尽快向我会报送召开会员（代表）大会的请示" in letter
    assert "四、于2026年12月17日前召开会员（代表）大会" in letter
    assert "五、换届大会后30个工作日内将换届结果报我会备案" in letter
    assert "六、经我会审查同意后30日内向登记管理机关申请变更登记" in letter
    assert "其中第一、二、三项工作已超过原定完成时间" in letter


def test_an_approved_extension_is_not_offered_again(tmp_path: Path) -> None:
    letter = make("elections", SAMPLE, tmp_path, "2026-11-23", "--id", "gonglu-xuehui")["gonglu-xuehui-election-due"]
    assert "（经批准延期）" in letter and "延期换届已于2026年3月10日获批准" in letter
    assert "需延期换届" not in letter and "延期最长不超过1年" not in letter
    other = make("elections", SAMPLE, tmp_path, "2026-11-23", "--id", "huli-xuehui")["huli-xuehui-election-due"]
    assert "如确因特殊情况需延期换届" in other


def test_the_parts_of_a_letter_come_from_settings_and_the_record(tmp_path: Path) -> None:
    letters = make("elections", SAMPLE, tmp_path, "2026-11-23", "--number-from", "41")
    gonglu = letters["gonglu-xuehui-election-due"]
    assert re.match(r"示科协函〔2026〕4[1-9]号\n", gonglu)
    assert "（联系人：学会部 陈明，联系电话：86001234）" in gonglu
    assert "抄送：示例市交通运输局。" in gonglu  # the society's supporting unit
    numbers = sorted(re.match(r"示科协函〔2026〕(\d+)号", t).group(1) for t in letters.values())  # type: ignore[union-attr]
    assert numbers == [str(n) for n in range(41, 41 + len(letters))]
    branch = letters["wenchang-jiedao-kexie-election-overdue"]
    assert "抄送：示例市东城区科学技术协会、示例市东城区文昌街道办事处。" in branch  # parent 科协 and host unit
    blank = make("elections", SAMPLE, tmp_path / "b", "2026-11-23", "--id", "gonglu-xuehui")
    assert blank["gonglu-xuehui-election-due"].startswith("示科协函〔2026〕\u3000\u3000号")


def test_grassroots_letters_do_not_mention_annual_inspection(tmp_path: Path) -> None:
    letters = make("elections", SAMPLE, tmp_path, "2028-06-01")
    branches = [t for n, t in letters.items() if n.split("-election")[0].endswith("kexie")]
    societies = [t for n, t in letters.items() if n.endswith("overdue") and "xuehui" in n]
    assert branches and societies
    assert all("年检" not in t and "年度检查" not in t for t in branches)
    assert any("年度检查" in t for t in societies)


def test_revocation_reads_as_formal_prose_and_cites_the_basis(tmp_path: Path) -> None:
    letters = make("inspections", SAMPLE, tmp_path, "2026-11-23")
    revoke = letters["keji-qingbao-xuehui-inspection-revoke"]
    assert "2024年度未参加年检，2025年度年检不合格，连续两年未通过年度检查" in revoke
    assert "依据《示例市科学技术协会章程》第十二条和《示例市科学技术协会团体会员管理办法》第九条" in revoke
    assert "有关规定" not in revoke and "连续2年" not in revoke
    missing = letters["xinli-xuehui-inspection-missing"]
    assert missing.startswith("示科协函") and "催报函" in missing


# --- Party cells: from the 上级党组织, by form ----------------------------------------

CELL = """id: {id}
kind: party-cell
name: {name}
status: active
founded: 2010-01-01
form: {form}
{parent}covers: [{covers}]
members: {{full: 12, probationary: 0}}
term: {{number: 3, started: 2024-01-15, years: 3}}
leaders:
  - {{role: {role}, name: 王{id}, since: 2024-01-15}}
"""
SOCIETY = """id: demo-xuehui
kind: society
name: 测试市演示学会
status: active
founded: 2000-01-01
level: municipal
discipline: science
registration: {uscc: 51110000MJ0000001X}
"""


def party_registry(tmp_path: Path, settings: str = "registry: 测试市科学技术协会\n") -> Path:
    cells = {
        "top-committee": ("中共测试市科技社团委员会", "committee", "", "", "secretary"),
        "demo-branch": ("中共测试市演示学会支部委员会", "branch", "top-committee", "demo-xuehui", "secretary"),
        "demo-general": ("中共测试市演示学会总支部委员会", "general-branch", "top-committee", "", "secretary"),
        "demo-joint": ("中共测试市联合支部委员会", "joint-branch", "", "demo-xuehui", "secretary"),
        "demo-group": ("中共测试市演示学会工作小组", "working-group", "top-committee", "demo-xuehui", "secretary"),
    }
    files: dict[str, str | bytes] = {"records/societies/demo-xuehui.yaml": SOCIETY}
    for cid, (name, form, parent, covers, role) in cells.items():
        files[f"records/party-cells/{cid}.yaml"] = CELL.format(
            id=cid, name=name, form=form, parent=f"parent: {parent}\n" if parent else "", covers=covers, role=role
        )
    return write_registry(tmp_path / "reg", files, settings)


def test_party_letters_by_form(tmp_path: Path) -> None:
    root = party_registry(tmp_path)
    letters = make("elections", root, tmp_path / "out", "2026-11-23")
    assert sorted(letters) == [
        "demo-branch-election-due",
        "demo-general-election-due",
        "demo-joint-election-due",
        "top-committee-election-due",
    ]  # a working group elects no committee: no letter
    branch = letters["demo-branch-election-due"]
    assert "你支部第三届支部委员会任期将于2027年1月15日届满" in branch
    # the 党委 that sends it is the 上级党组织 itself: it names itself (条例: 请示, 审查, 审批 go to the sender)
    assert "召开党员大会（须经我委批复同意），选举产生新一届支部委员会" in branch
    assert "向我委报送召开党员大会进行换届选举的请示" in branch and "报我委审查" in branch
    assert "上级党组织" not in branch
    assert branch.startswith("# 关于做好中共测试市演示学会支部委员会换届选举工作的通知\n")  # a 党委 to its 支部
    assert "贵" not in branch and "换届大会" not in branch and "我会" not in branch
    assert "\n中共测试市科技社团委员会\n\n2026年11月23日\n" in branch  # issued by the parent cell
    assert "抄送：测试市演示学会。" in branch  # the society the cell covers
    assert "你总支第三届总支部委员会" in letters["demo-general-election-due"]
    committee = letters["top-committee-election-due"]
    assert "你党委第三届委员会" in committee and "党员大会或党员代表大会" in committee
    assert "\n中共测试市科学技术协会党组\n" in committee  # no parent, no setting: 中共<registry>党组
    assert "向上级党组织报送" in committee and "我委" not in committee  # the 党组 is not where the 请示 goes
    assert "须经我总支" not in letters["demo-general-election-due"]  # its parent is the 党委: 我委
    assert "向我委报送" in letters["demo-general-election-due"]
    assert "\n中共测试市科学技术协会党组\n" in letters["demo-joint-election-due"]
    run = run_cli(
        ["letters", "elections", "--as-of", "2026-11-23", "-o", str(tmp_path / "x"), "--id", "demo-group"], root
    )
    assert run.exit_code == 2 and "demo-group" in run.stderr


def test_party_issuer_setting_for_cells_without_a_parent(tmp_path: Path) -> None:
    settings = (
        "registry: 测试市科学技术协会\n"
        "letters:\n  party_issuer: 中共测试市科协机关委员会\n  party_doc_no_prefix: 测党函\n"
    )
    root = party_registry(tmp_path, settings)
    letters = make("elections", root, tmp_path / "out", "2026-11-23")
    joint = letters["demo-joint-election-due"]
    assert "\n中共测试市科协机关委员会\n" in joint and joint.startswith("测党函〔2026〕")
    assert "\n中共测试市科技社团委员会\n" in letters["demo-branch-election-due"]  # the parent cell comes first


def test_bad_letters_setting_is_a_usage_error(tmp_path: Path) -> None:
    root = party_registry(tmp_path, "registry: 测试市科学技术协会\nletters:\n  signer: 某人\n")
    run = run_cli(["letters", "elections", "--as-of", "2026-11-23", "-o", str(tmp_path / "out")], root)
    assert run.exit_code == 2 and "letters.signer" in run.stderr and "Traceback" not in run.stderr


# --- the page ---------------------------------------------------------------------


def test_docx_is_an_a4_page_with_official_margins_and_fonts(tmp_path: Path) -> None:

    make("inspections", SAMPLE, tmp_path, "2026-11-23")
    document = Document(str(tmp_path / "keji-qingbao-xuehui-inspection-revoke.docx"))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [abs(m - Mm(v)) < Mm(0.1) for m, v in zip(sizes, (210, 297), strict=True) if m is not None] == [True] * 2
    assert [round(m.mm) for m in margins if m is not None] == [37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)  # 三号
    fonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and fonts.get(qn("w:ascii")) == "Times New Roman"
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name
    paragraphs = document.paragraphs
    assert paragraphs[0].text.startswith("示科协函〔2026〕")
    title = paragraphs[1]
    assert title.text == "解除团体会员资格预告知书" and title.alignment == 1  # centred
    run = title.runs[0]
    title_fonts = run.element.get_or_add_rPr().find(qn("w:rFonts"))
    assert run.font.size == Pt(22) and title_fonts is not None and title_fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in paragraphs if p.text.startswith("经查"))
    assert body.paragraph_format.first_line_indent == Pt(32)
    # the fonts' installed fallbacks are declared in the font table (小标宋 → 黑体, 仿宋_GB2312 → 仿宋)
    table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml").blob.decode()
    assert re.search(r'w:name="方正小标宋简体">\s*<w:altName w:val="黑体"/>', table)
    assert re.search(r'w:name="仿宋_GB2312">\s*<w:altName w:val="仿宋"/>', table)
    texts = [p.text for p in paragraphs]
    assert texts[-2] == "（联系人：学会部 陈明，联系电话：86001234）" and texts[-1] == "抄送：示例市科技信息研究所。"


def test_letters_show_the_steps_done_and_skip_them(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(SAMPLE / "records", root / "records")
    shutil.copy(SAMPLE / "kexie.yaml", root / "kexie.yaml")
    for step, day, no in (("plan_submitted", "2026-06-10", "示地学〔2026〕5号"), ("party_review", "2026-08-01", "")):
        args = ["election", "dili-xuehui", "--step", step, "--date", day, "--as-of", "2026-11-23"]
        assert run_cli([*args, *(["--doc-no", no] if no else [])], root).exit_code == 0
    letter = make("elections", root, tmp_path / "out", "2026-11-23", "--id", "dili-xuehui")["dili-xuehui-election-due"]
    assert "贵会已于2026年6月10日报送换届工作方案（示地学〔2026〕5号），于2026年8月1日完成党组织前置审查。" in letter
    assert "报送换届工作方案（含" not in letter  # done: not asked for again
    assert "一、请尽快完成换届财务审计" in letter and "其中第一、二项工作已超过原定完成时间" in letter
    assert "请继续做好以下工作" in letter


def test_signature_is_centred_over_the_date(tmp_path: Path) -> None:

    assert closing_indents("示例市科学技术协会", "2026年11月23日") == {"date": 4.0, "signature": 3.0}
    assert closing_indents("中共示例市科学技术协会党组", "2027年3月1日") == {"signature": 2.0, "date": 5.5}
    make("inspections", SAMPLE, tmp_path, "2026-11-23")
    paragraphs = Document(str(tmp_path / "xinli-xuehui-inspection-missing.docx")).paragraphs
    sig, day = (next(p for p in paragraphs if p.text == text) for text in ("示例市科学技术协会", "2026年11月23日"))
    assert (sig.paragraph_format.right_indent, day.paragraph_format.right_indent) == (Pt(48), Pt(64))


def test_letters_are_named_by_organisation_and_letter(tmp_path: Path) -> None:
    run = run_cli(["letters", "elections", "--as-of", "2026-12-01", "--output", str(tmp_path)], SAMPLE)
    names = {Path(line).name for line in run.stdout.splitlines()}
    assert {"示例市植物学会-换届催办函.docx", "示例市植物学会-换届催办函.md", "示例市地理学会-换届提醒函.docx"} <= names
    run = run_cli(["letters", "inspections", "--as-of", "2026-12-01", "--output", str(tmp_path)], SAMPLE)
    names = {Path(line).name for line in run.stdout.splitlines()}
    assert {"示例市心理学会-年检催报函.docx", "示例市科技情报学会-解除资格预告知书.docx"} <= names
