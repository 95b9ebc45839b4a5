"""The headline sentences (公文 style), each a list of text pieces and figures.

A renderer walks the pieces: text as it is, a figure as its value and unit with its change
against the comparison (增加/减少/持平, rates in 个百分点).
"""

from __future__ import annotations

from dataclasses import dataclass

from kexie_cli import kinds
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
    """The headlines, without those turned off (settings ``report.omit``)."""
    made = _english(report, lead_months) if lang == "en" else _chinese(report, lead_months)
    made.append(kinds_sentence(report, lang))
    return [s for s in made if s.key not in report.omit]


def kinds_sentence(report: ReportData, lang: str) -> Sentence:
    """Every kind of the registry on the books, and those in preparation (summary table ``kinds``)."""
    f, en = report.figures, lang == "en"
    pieces: list[Piece] = ["On the books: " if en else "各类组织在册："]
    shown = [k for k in kinds.KINDS if f[f"kind_{k.code}"].value or f[f"kind_{k.code}"].previous]  # none: left out
    for i, kind in enumerate(shown or kinds.KINDS[:1]):
        pieces += [", " if en and i else "、" if i else "", *(() if en else (kind.zh,)), f[f"kind_{kind.code}"]]
        pieces += [f" {kind.en.lower()}"] if en else []
    preparing = [k for k in kinds.KINDS if f[f"kind_{k.code}_preparing"].value]
    if preparing:
        pieces.append("; in preparation: " if en else "；筹备中：")
        for i, kind in enumerate(preparing):
            pieces += [", " if en and i else "、" if i else "", *(() if en else (kind.zh,))]
            pieces += [f[f"kind_{kind.code}_preparing"], *((f" {kind.en.lower()}",) if en else ())]
    pieces.append("." if en else "。")
    return Sentence("kinds", "Organisations by kind" if en else "各类组织", tuple(pieces))


def _changes(report: ReportData, kind: str, lang: str) -> str:
    """``，新增2家（甲学会、乙学会），减少1家（丙学会，解除资格）``: the records behind a count's change."""
    changes = report.changes
    if changes is None:
        return ""
    added = changes.added.get(kind, [])
    removed = changes.removed.get(kind, [])
    en = lang == "en"
    words = {"revoked": ("解除资格", "revoked"), "dissolved": ("注销", "dissolved"), None: ("记录已删除", "removed")}
    parts = []
    if added:
        parts.append(f"{len(added)} new ({', '.join(added)})" if en else f"新增{len(added)}家（{'、'.join(added)}）")
    if removed:
        named = [
            f"{n}, {words.get(st, (st, st))[1]}" if en else f"{n}，{words.get(st, (st, st))[0]}" for n, st in removed
        ]
        parts.append(
            f"{len(removed)} left ({'; '.join(named)})" if en else f"减少{len(removed)}家（{'；'.join(named)}）"
        )
    if not parts:
        return ""
    return ("; " if en else "；") + ("; ".join(parts) if en else "，".join(parts))


def _verdicts(report: ReportData) -> bool:
    """Whether the year's 年检 has verdicts (合格/不合格); False in a 年报 regime (已报送/未报送 only)."""
    f = report.figures
    judged = sum(f[k].value or 0 for k in ("inspection_pass", "inspection_basic", "inspection_fail"))
    return bool(judged) or not f["inspection_submitted"].value


def _inspections_zh(report: ReportData) -> tuple[Piece, ...]:
    f = report.figures
    if not _verdicts(report):  # 年报 regime (广东: 已报送/未报送): no 合格率 to speak of
        return (
            f"{report.report_year}年度年报已报送",
            f["inspection_submitted"],
            "，未报送",
            f["inspection_missing"],
            "，未录入",
            f["inspection_none"],
            "；报送率",
            f["inspection_report_rate"],
            "。",
        )
    return (
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
        "，未录入",
        f["inspection_none"],
        "；合格率（合格、基本合格占有结论的）",
        f["inspection_rate"],
        "，报送率",
        f["inspection_report_rate"],
        "。",
    )


def _grassroots_zh(report: ReportData) -> tuple[Piece, ...]:
    f = report.figures
    district: tuple[Piece, ...] = ()
    if f["district_rate"].value is not None:  # settings coverage.district
        district = ("区县科协", f["district_branches"], "，覆盖率", f["district_rate"], "；")
    return (
        *district,
        "已建街道/乡镇科协",
        f["township_branches"],
        "，覆盖率",
        f["township_rate"],
        "；村/社区科协",
        f["village_branches"],
        "，覆盖率",
        f["village_rate"],
        "。",
    )


def _chinese(report: ReportData, lead_months: int) -> list[Sentence]:
    f = report.figures
    return [
        Sentence(
            "societies",
            "科技社团",
            (
                f"截至{_zh_date(report)}，{report.scope}在册科技社团",
                f["societies"],
                _changes(report, "society", "zh"),
                "。",
            ),
        ),
        Sentence(
            "stars",
            "星级学会",
            ("3年内评定的星级学会", f["stars_rated"], "，占在册科技社团（不含区县级）的", f["stars_share"], "。"),
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
        Sentence("inspections", "年检", _inspections_zh(report)),
        Sentence("grassroots", "基层组织覆盖", _grassroots_zh(report)),
        Sentence(
            "three-heads",
            "三长",
            ("“三长”", f["three_heads_people"], "进入", f["three_heads_branches"], "基层科协组织。"),
        ),
        Sentence(
            "members",
            "会员",
            (
                "科技社团个人会员",
                f["members_individual"],
                "、团体会员",
                f["members_group"],
                "；基层科协个人会员",
                f["branch_members_individual"],
                "（与学会会员分别统计，不相加）。",
            ),
        ),
    ]


def _english(report: ReportData, lead_months: int) -> list[Sentence]:
    f = report.figures
    return [
        Sentence(
            "societies",
            "Societies",
            (
                f"On {report.today.isoformat()}, ",
                f["societies"],
                " societies on the books",
                _changes(report, "society", "en"),
                ".",
            ),
        ),
        Sentence(
            "stars",
            "Star ratings",
            (
                f["stars_rated"],
                " star-rated societies (rated within 3 years), a share of those above district level of ",
                f["stars_share"],
                ".",
            ),
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
                f"{report.report_year} annual reports: submitted ",
                f["inspection_submitted"],
                ", not submitted ",
                f["inspection_missing"],
                ", no entry ",
                f["inspection_none"],
                "; reporting rate ",
                f["inspection_report_rate"],
                ".",
            )
            if not _verdicts(report)
            else (
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
            "members",
            "Members",
            (
                "Societies: ",
                f["members_individual"],
                " individual and ",
                f["members_group"],
                " group members; branches: ",
                f["branch_members_individual"],
                " individual members (counted apart).",
            ),
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
