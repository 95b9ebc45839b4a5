"""kexie report: golden Markdown, the Word document, options and errors."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.conftest import AS_OF, REPO, run_cli, write_registry
from tests.query.small import FILES, SETTINGS
from tests.report.conftest import git

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def small_history(tmp_path: Path) -> Path:
    """The small registry committed at the end of 2025 without its party cell and one branch, then complete."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    later = {k: v for k, v in FILES.items() if k.startswith("records/party-cells/") or "jiedao" in k}
    root = write_registry(tmp_path / "reg", {k: v for k, v in FILES.items() if k not in later}, SETTINGS)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "2025", when="2025-12-31T10:00:00")
    write_registry(root, FILES, SETTINGS)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "2026", when="2026-03-01T10:00:00")
    return root


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KEXIE_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_golden(small_history: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "report.md"
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF, "--lang", lang], small_history)
    assert run.exit_code == 0, run.stderr
    golden(f"small-{lang}.md", out.read_text(encoding="utf-8"))


def test_compare_and_since(small_history: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    first = git(small_history, "rev-list", "--max-parents=0", "HEAD")
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF, "--compare", first], small_history)
    assert run.exit_code == 0, run.stderr
    assert f"括号内为与版本 {first}（2025年12月31日）相比的变化" in out.read_text(encoding="utf-8")
    since = run_cli(
        ["report", "--format", "md", "-o", str(out), "--as-of", AS_OF, "--since", "2026-01-15"], small_history
    )
    assert since.exit_code == 0
    assert "括号内为与2026年1月15日相比的变化" in out.read_text(encoding="utf-8")
    assert "（持平）" in out.read_text(encoding="utf-8")  # nothing changed between the 2025 commit and 15 January
    too_early = run_cli(["report", "--format", "md", "-o", str(out), "--since", "2020-01-01"], small_history)
    assert too_early.exit_code == 2 and "2020-01-01" in too_early.stderr
    both = run_cli(
        ["report", "--format", "md", "-o", str(out), "--since", "2026-01-01", "--compare", "HEAD"], small_history
    )
    assert both.exit_code == 2
    bad = run_cli(["report", "--format", "md", "-o", str(out), "--compare", "no-such-rev"], small_history)
    assert bad.exit_code == 2 and "Traceback" not in bad.stderr


def test_year_and_no_history(registry: object, tmp_path: Path) -> None:
    root = write_registry(tmp_path / "plain", FILES, SETTINGS)
    out = tmp_path / "r.md"
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF, "--year", "2025"], root)
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "数据截至2025年12月31日" in text
    assert "未与历史数据对比" in text
    future = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF, "--year", "2027"], root)
    assert future.exit_code == 2


def test_unloaded_files_named_on_stderr(tmp_path: Path) -> None:
    files = dict(FILES) | {"records/societies/broken.yaml": "id: broken\nname: [unclosed\n"}
    root = write_registry(tmp_path / "reg", files, SETTINGS)
    out = tmp_path / "r.md"
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF], root)
    assert run.exit_code == 0
    assert "records/societies/broken.yaml" in run.stderr
    assert "records/societies/broken.yaml" in out.read_text(encoding="utf-8")


def test_output_errors_are_usage_errors(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", FILES, SETTINGS)
    run = run_cli(["report", "--format", "md", "-o", str(tmp_path), "--as-of", AS_OF], root)
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr


def test_docx_is_a4_with_the_letters_fonts(tmp_path: Path) -> None:

    out = tmp_path / "report.docx"
    run = run_cli(["report", "--format", "docx", "-o", str(out), "--as-of", AS_OF], REPO)
    assert run.exit_code == 0, run.stderr
    document = Document(str(out))
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None
    assert abs(width - Mm(210)) < Mm(1) and abs(height - Mm(297)) < Mm(1)
    normal: Any = document.styles["Normal"].element
    assert normal.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    title = document.paragraphs[0].runs[0]
    run_element: Any = title.element
    assert run_element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert title.text.startswith("示例市科学技术协会2026年度工作总结统计数据")
    body = "\n".join(p.text for p in document.paragraphs)
    summary = run_cli(["summary", "levels", "--format", "json", "--as-of", AS_OF], REPO).json()
    assert f"全市在册科技社团{summary[0]['total']['total']}家" in body
    assert len(document.tables) >= 10


def test_report_figures_equal_summary_on_the_sample(tmp_path: Path) -> None:
    """Every number in the Markdown headlines is a cell of summary --format json."""
    out = tmp_path / "r.md"
    assert run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF], REPO).exit_code == 0
    text = out.read_text(encoding="utf-8")
    tables = {t["table"]: t for t in run_cli(["summary", "--format", "json", "--as-of", AS_OF], REPO).json()}
    stars = tables["stars"]["total"]
    assert f"3年内评定的星级学会{stars['count']}家，占在册科技社团（不含区县级）的{stars['share'] * 100:.1f}%" in text
    party = next(r for r in tables["party"]["rows"] if r["kind"] == "society")
    assert f"科技社团党的组织覆盖{party['organisation']}家，覆盖率{party['organisation_rate'] * 100:.1f}%" in text
    elections = tables["elections"]["total"]
    assert re.search(rf"年完成换届{elections['completed_this_year']}个", text)
    inspections = tables["inspections"]["total"]
    assert f"合格率（合格、基本合格占有结论的）{inspections['pass_rate'] * 100:.1f}%" in text
    members = {r["kind"]: r for r in tables["members"]["rows"]}
    society, branch = members["society"], members["branch"]
    assert f"科技社团个人会员{society['individual']}人、团体会员{society['group']}个" in text
    assert f"；基层科协个人会员{branch['individual']}人（与学会会员分别统计，不相加）" in text


def test_default_comparison_before_the_registry_existed(tmp_path: Path) -> None:
    """A repository whose 2025 commit has no registry yet: the report has no comparison, and says so."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README").write_text("x\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "before", when="2025-06-01T10:00:00")
    root = write_registry(repo / "registry", FILES, SETTINGS)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "registry", when="2026-02-01T10:00:00")
    out = tmp_path / "r.md"
    run = run_cli(["report", "--format", "md", "-o", str(out), "--as-of", AS_OF], root)
    assert run.exit_code == 0, run.stderr
    assert "未与历史数据对比" in out.read_text(encoding="utf-8")
    explicit = run_cli(["report", "--format", "md", "-o", str(out), "--since", "2025-12-31"], root)
    assert explicit.exit_code == 2


def test_html_star_chart_has_one_bar_per_rating(tmp_path: Path) -> None:
    """The 四星级及以上 line is a sum of two ratings: a table line, never a bar of the distribution."""
    out = tmp_path / "report.html"
    assert run_cli(["report", "--format", "html", "-o", str(out), "--as-of", AS_OF], REPO).exit_code == 0
    page = out.read_text(encoding="utf-8")
    chart = page[page.index("星级学会分布") : page.index("</svg>", page.index("星级学会分布"))]
    assert [label for label in ("五星级", "四星级", "三星级", "二星级", "一星级") if label in chart] == [
        "五星级", "四星级", "三星级", "二星级", "一星级",
    ]  # fmt: skip
    assert "四星级及以上" not in chart and "4+" not in chart and "5星级" not in chart
