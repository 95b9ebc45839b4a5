"""The headline sentences (公文 style), each a list of text pieces and figures.

A renderer walks the pieces: text as it is, a figure as its value and unit with its change
against the comparison (增加/减少/持平, rates in 个百分点).
"""

from __future__ import annotations

from dataclasses import dataclass

from kexie_cli.report.figures import Figure, ReportData
from kexie_cli.share import percent, points

Piece = str | Figure


@dataclass(frozen=True, slots=True)
class Sentence:
    key: str  # stable name of the headline (data-headline in HTML)
    title: str
    pieces: tuple[Piece, ...]


def _zh_date(report: ReportData) -> str:
    d = report.today
    return f"{d.year}年{d.month}月{d.day}日"


def sentences(report: ReportData, lang: str, lead_months: int) -> list[Sentence]:
    f = report.figures
    if lang == "en":
        return _english(report, lead_months)
    return [
        Sentence("societies", "科技社团", (f"截至{_zh_date(report)}，全市在册科技社团", f["societies"], "。")),
        Sentence(
            "stars",
            "星级学会",
            ("3年内评定的星级学会", f["stars_rated"], "，占在册科技社团的", f["stars_share"], "。"),
        ),
        Sentence(
            "party",
            "两个覆盖",
            (
                "科技社团党的组织覆盖",
                f["org_covered"],
                "，覆盖率",
                f["org_rate"],
                "；党的工作覆盖",
                f["work_covered"],
                "，覆盖率",
                f["work_rate"],
                "。",
            ),
        ),
        Sentence(
            "elections",
            "换届",
            (
                f"{report.year}年完成换届",
                f["elections_completed"],
                "，其中科技社团",
                f["elections_society"],
                "、基层科协",
                f["elections_branch"],
                "、党组织",
                f["elections_party"],
                "；逾期未换届",
                f["terms_overdue"],
                f"，{lead_months}个月内届满",
                f["terms_due"],
                "。",
            ),
        ),
        Sentence(
            "inspections",
            "年检",
            (
                f"{report.report_year}年度年检（年度报告）合格",
                f["inspection_pass"],
                "、基本合格",
                f["inspection_basic"],
                "、不合格",
                f["inspection_fail"],
                "，已报送待结论",
                f["inspection_submitted"],
                "，未参检",
                f["inspection_missing"],
                "，尚无记录",
                f["inspection_none"],
                "；合格率（合格、基本合格占有结论的）",
                f["inspection_rate"],
                "，报送率",
                f["inspection_report_rate"],
                "。",
            ),
        ),
        Sentence(
            "grassroots",
            "基层组织覆盖",
            (
                "已建街道/乡镇科协",
                f["township_branches"],
                "，覆盖率",
                f["township_rate"],
                "；村/社区科协",
                f["village_branches"],
                "，覆盖率",
                f["village_rate"],
                "。",
            ),
        ),
        Sentence(
            "three-heads",
            "三长",
            ("“三长”", f["three_heads_people"], "进入", f["three_heads_branches"], "基层科协组织。"),
        ),
        Sentence(
            "members",
            "会员",
            ("科技社团和基层科协共有个人会员", f["members_individual"], "、团体会员", f["members_group"], "。"),
        ),
    ]


def _english(report: ReportData, lead_months: int) -> list[Sentence]:
    f = report.figures
    return [
        Sentence(
            "societies", "Societies", (f"On {report.today.isoformat()}, ", f["societies"], " societies on the books.")
        ),
        Sentence(
            "stars",
            "Star ratings",
            (f["stars_rated"], " star-rated societies (rated within 3 years), ", f["stars_share"], "."),
        ),
        Sentence(
            "party",
            "Party coverage",
            (
                "Organisation coverage ",
                f["org_covered"],
                " (",
                f["org_rate"],
                "); work coverage ",
                f["work_covered"],
                " (",
                f["work_rate"],
                ").",
            ),
        ),
        Sentence(
            "elections",
            "Elections",
            (
                f["elections_completed"],
                f" elections held in {report.year} (societies ",
                f["elections_society"],
                ", branches ",
                f["elections_branch"],
                ", party cells ",
                f["elections_party"],
                "); ",
                f["terms_overdue"],
                " overdue, ",
                f["terms_due"],
                f" due within {lead_months} months.",
            ),
        ),
        Sentence(
            "inspections",
            "Inspections",
            (
                f"{report.report_year} inspections: pass ",
                f["inspection_pass"],
                ", basic pass ",
                f["inspection_basic"],
                ", fail ",
                f["inspection_fail"],
                ", submitted ",
                f["inspection_submitted"],
                ", missing ",
                f["inspection_missing"],
                ", no entry ",
                f["inspection_none"],
                "; pass rate ",
                f["inspection_rate"],
                ", reporting rate ",
                f["inspection_report_rate"],
                ".",
            ),
        ),
        Sentence(
            "grassroots",
            "Grassroots coverage",
            (
                "Township branches ",
                f["township_branches"],
                " (",
                f["township_rate"],
                "); village branches ",
                f["village_branches"],
                " (",
                f["village_rate"],
                ").",
            ),
        ),
        Sentence(
            "three-heads",
            "Three heads",
            (f["three_heads_people"], " of the three heads sit in ", f["three_heads_branches"], " branches."),
        ),
        Sentence(
            "members", "Members", (f["members_individual"], " individual and ", f["members_group"], " group members.")
        ),
    ]


def value_text(figure: Figure, lang: str) -> str:
    value = figure.value
    if value is None:
        return "—"
    if figure.spec.rate:
        return percent(value)
    unit = "" if lang == "en" else figure.spec.unit
    return f"{value}{unit}"


def change_text(figure: Figure, lang: str) -> str:
    """``（增加3家）`` / ``（下降1.2个百分点）`` / ``（持平）``; empty without a comparison.

    A rate's change is computed from the two exact shares and rounded once (``share.points``).
    """
    delta = figure.change
    if delta is None:
        return ""
    if figure.spec.rate:
        moved = points(figure.value, figure.previous)
        if lang == "en":
            return f" ({moved:+} pp)" if moved else " (unchanged)"
        if not moved:
            return "（持平）"
        return f"（{'提高' if moved > 0 else '下降'}{abs(moved)}个百分点）"
    if lang == "en":
        return f" ({delta:+d})" if delta else " (unchanged)"
    if not delta:
        return "（持平）"
    word = "增加" if delta > 0 else "减少"
    return f"（{word}{abs(delta)}{figure.spec.unit}）"


def plain(sentence: Sentence, lang: str) -> str:
    return "".join(p if isinstance(p, str) else value_text(p, lang) + change_text(p, lang) for p in sentence.pieces)
