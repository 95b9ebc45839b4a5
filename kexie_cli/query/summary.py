"""``kexie summary``: the statistics tables leadership asks for.

Every table counts records *on the books* (在册: status active, dormant or
suspended; revoked and dissolved ones are history) as of ``qctx.today``, with
the same logic as the rules: 星级 in force = latest rating at most 3 years old
(K602), 评估等级 in force = not expired (K601), coverage = a live party cell
covers the record (K501), term state with the lead time of the settings
(K301/K302), the report year of the inspections deadline (K401).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds
from kexie_cli.calendar.numerals import chinese_number
from kexie_cli.errors import KexieError
from kexie_cli.party.cover import count_cover, cover_of
from kexie_cli.query.fields import (
    TERM_STATE_LABELS,
    QueryContext,
    district_of,
    latest_stars,
    npo_expiry,
    npo_grade_in_force,
    stars_in_force,
)
from kexie_cli.query.scope import Scope, make_scope
from kexie_cli.records.model import Record, date, entries, integer, term_of, text
from kexie_cli.rules.inspections import inspection_years, pass_rate, report_rate
from kexie_cli.tables import Column, TableData
from kexie_cli.terms import inspection_exempt, quarter_of, term_state

KIND_ZH = kinds.LABELS


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def show_share(value: Any, lang: str) -> str:
    return "" if value is None else f"{value:.1%}"


@dataclass(slots=True)
class Summary:
    records: list[Record]
    qctx: QueryContext
    scope: Scope = field(default_factory=Scope)

    @property
    def zh(self) -> bool:
        return self.qctx.lang != "en"

    def t(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def live(self, kind: str) -> list[Record]:
        """Records of ``kind`` on the books (在册) within the ``--where`` scope."""
        return [r for r in self.qctx.index.records if r.kind == kind and r.live and self.scope.holds(r, self.qctx)]

    def label(self, kind: str, path: tuple[str | int, ...], code: str) -> str:
        return self.qctx.schemas.label(kind, path, code, self.qctx.lang)

    def labels(self, kind: str, path: tuple[str | int, ...]) -> dict[str, str]:
        return self.qctx.schemas.labels(kind, path)

    def enum_column(self, key: str, zh: str, en: str, kind: str, path: tuple[str | int, ...]) -> Column:
        names = self.labels(kind, path)
        extra = {"": "未填", "total": "合计"}

        def show(value: Any, lang: str) -> str:
            if lang == "en":
                return "Total" if value == "total" else ("(none)" if value == "" else str(value))
            return extra.get(str(value)) or names.get(str(value), str(value))

        return Column(key, zh, en, show=show)

    def count_col(self, key: str, zh: str, en: str) -> Column:
        return Column(key, zh, en, align="right")

    def share_col(self, key: str = "share", zh: str = "占比", en: str = "Share") -> Column:
        return Column(key, zh, en, show=show_share, align="right", percent=True)

    # --- tables ---------------------------------------------------------------------------------------

    def levels(self) -> TableData:
        societies = self.live("society")
        levels = list(self.labels("society", ("level",)))
        disciplines = list(self.labels("society", ("discipline",)))
        counts = Counter((text(r.get("level")) or "", text(r.get("discipline")) or "") for r in societies)
        level_codes = [*levels, *sorted({lv for lv, _ in counts if lv not in levels})]
        disc_codes = [*disciplines, *sorted({d for _, d in counts if d not in disciplines})]
        disc_labels = self.labels("society", ("discipline",)) | {"": "未填"}
        rows = []
        for level in level_codes:
            row: dict[str, Any] = {"level": level}
            row |= {d: counts[(level, d)] for d in disc_codes}
            row["total"] = sum(counts[(level, d)] for d in disc_codes)
            rows.append(row)
        footer = {"level": "total"} | {d: sum(counts[(lv, d)] for lv in level_codes) for d in disc_codes}
        footer["total"] = len(societies)
        columns = [self.enum_column("level", "级别", "Level", "society", ("level",))]
        columns += [self.count_col(d or "none", disc_labels.get(d, d), d or "(none)") for d in disc_codes]
        columns.append(self.count_col("total", "合计", "Total"))
        for row in [*rows, footer]:
            if "" in row:
                row["none"] = row.pop("")
        parts = [
            f"{self.label('society', ('level',), r['level'])} {r['total']}" for r in rows if r["total"] and r["level"]
        ]
        headline = self.t(
            f"在册科技社团 {len(societies)} 家：" + "，".join(f"{p} 家" for p in parts),
            f"{len(societies)} societies on the books: " + ", ".join(parts),
        )
        return TableData(
            self.t("科技社团：级别 × 学科类别", "Societies by level and discipline"), columns, rows, headline, footer
        )

    def stars(self) -> TableData:
        societies = self.live("society")
        in_force = Counter(stars_in_force(r, self.qctx.today) for r in societies)
        stale = sum(1 for r in societies if latest_stars(r) is not None and stars_in_force(r, self.qctx.today) is None)
        rows: list[dict[str, Any]] = [
            {"stars": s, "count": in_force[s], "share": share(in_force[s], len(societies))} for s in (5, 4, 3, 2, 1)
        ]
        rated = sum(in_force[s] for s in (1, 2, 3, 4, 5))
        four_up = in_force[4] + in_force[5]
        rows.insert(2, {"stars": "4+", "count": four_up, "share": share(four_up, len(societies))})
        footer = {"stars": "total", "count": rated, "share": share(rated, len(societies))}
        columns = [
            Column("stars", "星级", "Stars", show=self._stars_label),
            self.count_col("count", "学会数", "Societies"),
            self.share_col(),
        ]
        headline = self.t(
            f"星级学会 {rated} 家，占比 {pct(share(rated, len(societies)))}（在册科技社团 {len(societies)} 家），"
            f"其中四星级及以上 {four_up} 家",
            f"{rated} star-rated societies, {pct(share(rated, len(societies)))} of {len(societies)}; "
            f"{four_up} with four stars or more",
        )
        if stale:
            headline += self.t(f"；另有 {stale} 家评定已超过 3 年，未计入", f"; {stale} more rated over 3 years ago")
        return TableData(
            self.t("星级学会（3年内评定）", "Star-rated societies (rated within 3 years)"),
            columns,
            rows,
            headline,
            footer,
        )

    def _stars_label(self, value: Any, lang: str) -> str:
        if value == "total":
            return "Total" if lang == "en" else "合计"
        if value == "4+":
            return "4 stars or more" if lang == "en" else "四星级及以上"
        if lang == "en":
            return f"{value} stars"
        return f"{chinese_number(value)}星级" if isinstance(value, int) else str(value)

    def npo(self) -> TableData:
        societies = self.live("society")
        grades = list(reversed(list(self.labels("society", ("npo_grade", "grade")))))
        in_force = Counter(npo_grade_in_force(r, self.qctx.today) for r in societies)
        expired = sum(
            1
            for r in societies
            if text(r.get("npo_grade", "grade"))
            and npo_grade_in_force(r, self.qctx.today) is None
            and npo_expiry(r) is not None
        )
        rows = [{"grade": g, "count": in_force[g], "share": share(in_force[g], len(societies))} for g in grades]
        valid = sum(in_force[g] for g in grades)
        footer = {"grade": "total", "count": valid, "share": share(valid, len(societies))}
        high = sum(in_force[g] for g in grades if g[:1].isdigit() and int(g[0]) >= 3)
        columns = [
            self.enum_column("grade", "评估等级", "Grade", "society", ("npo_grade", "grade")),
            self.count_col("count", "学会数", "Societies"),
            self.share_col(),
        ]
        headline = self.t(
            f"社会组织评估等级在有效期内 {valid} 家（3A 及以上 {high} 家），已过期 {expired} 家",
            f"{valid} societies hold a valid NPO grade ({high} at 3A or above); {expired} expired",
        )
        return TableData(self.t("社会组织评估等级（有效期内）", "NPO grades in force"), columns, rows, headline, footer)

    def party(self) -> TableData:
        """两个覆盖 by ``party.cover`` (docs/party.md): the numbers of ``kexie party`` and rule K501."""
        rows: list[dict[str, Any]] = []
        counts = {}
        for kind in ("society", "branch"):
            records = self.live(kind)
            found = count_cover(cover_of(r, self.qctx.index) for r in records)
            counts[kind] = found
            rows.append(
                {
                    "kind": kind,
                    "total": found.total,
                    "organisation": found.organisation,
                    "organisation_rate": found.share(found.organisation),
                    "work": found.work,
                    "work_rate": found.share(found.work),
                    "liaison": found.by_form["liaison"],
                    "uncovered": found.uncovered,
                }
            )
        footer: dict[str, Any] = {"kind": "total"}
        for key in ("total", "organisation", "work", "liaison", "uncovered"):
            footer[key] = sum(r[key] for r in rows)
        footer["organisation_rate"] = share(footer["organisation"], footer["total"])
        footer["work_rate"] = share(footer["work"], footer["total"])
        columns = [
            Column("kind", "类别", "Kind", show=self._kind_label),
            self.count_col("total", "在册数", "On the books"),
            self.count_col("organisation", "党的组织覆盖", "Organisation covered"),
            self.share_col("organisation_rate", "组织覆盖率", "Organisation rate"),
            self.count_col("work", "党的工作覆盖", "Work covered"),
            self.share_col("work_rate", "工作覆盖率", "Work rate"),
            self.count_col("liaison", "有党建联络员/指导员", "With a liaison"),
            self.count_col("uncovered", "未覆盖", "Not covered"),
        ]
        soc = rows[0]
        people = counts["society"].liaison_people
        headline = self.t(
            f"科技社团党的组织覆盖率 {pct(soc['organisation_rate'])}，党的工作覆盖率 {pct(soc['work_rate'])}；"
            f"党建联络员/指导员 {people} 名，覆盖 {soc['liaison']} 家",
            f"Societies: organisation coverage {pct(soc['organisation_rate'])}, work coverage {pct(soc['work_rate'])}; "
            f"{people} liaisons or instructors for {soc['liaison']} societies",
        )
        return TableData(self.t("党的组织和工作覆盖（两个覆盖）", "Party coverage"), columns, rows, headline, footer)

    def _kind_label(self, value: Any, lang: str) -> str:
        if value == "total":
            return "Total" if lang == "en" else "合计"
        zh, en = KIND_ZH.get(str(value), (str(value), str(value)))
        return en if lang == "en" else zh

    def grassroots(self) -> TableData:
        branches = self.live("branch")
        counts = Counter(text(r.get("type")) for r in branches)
        rows: list[dict[str, Any]] = []
        for kind in ("township", "village"):
            whole = self.qctx.settings.coverage.get(kind)
            count = counts[kind]
            rows.append({"type": kind, "count": count, "total": whole, "rate": share(count, whole) if whole else None})
        columns = [
            self.enum_column("type", "类别", "Type", "branch", ("type",)),
            self.count_col("count", "已建科协", "With a branch"),
            self.count_col("total", "应建数（设置 coverage）", "Total (settings coverage)"),
            self.share_col("rate", "覆盖率", "Coverage"),
        ]
        parts = []
        for row in rows:
            label = self.label("branch", ("type",), row["type"])
            denominator = row["total"] if row["total"] is not None else "?"
            parts.append(f"{label} {row['count']}/{denominator}（{pct(row['rate'])}）")
        headline = self.t("基层科协覆盖：" + "，".join(parts), "Grassroots coverage: " + ", ".join(parts))
        return TableData(
            self.t("街道/乡镇和村/社区科协覆盖率", "Township and village coverage"), columns, rows, headline
        )

    def branches(self) -> TableData:
        branches = self.live("branch")
        types = [t for t in self.labels("branch", ("type",)) if t != "district"]
        districts = sorted(
            (r for r in branches if r.get("type") == "district"),
            key=lambda r: r.name,
        )
        by: Counter[tuple[str, str]] = Counter()
        for record in branches:
            kind = text(record.get("type")) or ""
            if kind == "district":
                continue
            by[(district_of(record, self.qctx.index) or "", kind)] += 1
        keys = [(d.id, d.name) for d in districts] + [("", self.t("市直", "Directly under the registry"))]
        rows = []
        for key, name in keys:
            row: dict[str, Any] = {"district": key or None, "name": name}
            row |= {t: by[(key, t)] for t in types}
            row["total"] = sum(by[(key, t)] for t in types)
            rows.append(row)
        footer: dict[str, Any] = {"district": None, "name": self.t("合计", "Total")}
        footer |= {t: sum(r[t] for r in rows) for t in types}
        footer["total"] = sum(r["total"] for r in rows)
        names = self.labels("branch", ("type",))
        columns = [Column("name", "区县", "District", name=True, min_width=12)]
        columns += [self.count_col(t, names.get(t, t), t) for t in types]
        columns.append(self.count_col("total", "合计", "Total"))
        picked = ("enterprise", "university", "agency")
        headline = self.t(
            "，".join(f"{names.get(t, t)} {footer[t]} 家" for t in picked),
            ", ".join(f"{t} {footer[t]}" for t in picked),
        )
        return TableData(
            self.t("基层科协：区县 × 类型", "Branches by district and type"), columns, rows, headline, footer
        )

    def three_heads(self) -> TableData:
        branches = self.live("branch")
        roles = list(self.labels("branch", ("three_heads", 0, "role")))
        people: Counter[str] = Counter()
        orgs: dict[str, set[str]] = {r: set() for r in roles}
        for record in branches:
            for _, entry in entries(record.get("three_heads")):
                role = text(entry.get("role"))
                if role is None or not text(entry.get("name")):
                    continue
                people[role] += 1
                orgs.setdefault(role, set()).add(record.id)
        rows = [{"role": r, "people": people[r], "branches": len(orgs.get(r, ()))} for r in roles]
        with_any = {i for s in orgs.values() for i in s}
        footer = {"role": "total", "people": sum(people.values()), "branches": len(with_any)}
        columns = [
            self.enum_column("role", "三长身份", "Role", "branch", ("three_heads", 0, "role")),
            self.count_col("people", "人数", "People"),
            self.count_col("branches", "所在基层科协数", "Branches"),
        ]
        headline = self.t(
            f"三长 {footer['people']} 人进入 {footer['branches']} 个基层科协",
            f"{footer['people']} of the three heads sit in {footer['branches']} branches",
        )
        return TableData(self.t("三长进入科协组织", "Three heads in post"), columns, rows, headline, footer)

    def members(self) -> TableData:
        keys = ("individual", "group", "student", "senior", "fellow")
        rows = []
        for kind in ("society", "branch"):
            records = self.live(kind)
            row: dict[str, Any] = {"kind": kind}
            for key in keys:
                values = [integer(r.get("members", key)) for r in records]
                known = [v for v in values if v is not None]
                row[key] = sum(known) if known else None
            rows.append(row)
        footer: dict[str, Any] = {"kind": "total"}
        footer |= {k: sum(r[k] or 0 for r in rows) for k in keys}
        columns = [
            Column("kind", "类别", "Kind", show=self._kind_label),
            self.count_col("individual", "个人会员", "Individual"),
            self.count_col("group", "团体会员", "Group"),
            self.count_col("student", "学生会员", "Student"),
            self.count_col("senior", "高级会员", "Senior"),
            self.count_col("fellow", "会士", "Fellows"),
        ]
        headline = self.t(
            f"个人会员 {footer['individual']} 人，团体会员 {footer['group']} 个",
            f"{footer['individual']} individual and {footer['group']} group members",
        )
        return TableData(self.t("会员人数", "Members"), columns, rows, headline, footer)

    def terms(self) -> TableData:
        states = ("current", "due", "overdue", "none")
        rows: list[dict[str, Any]] = []
        for kind in kinds.CODES:
            counts: Counter[str] = Counter()
            for record in self.live(kind):
                term = term_of(record.data)
                state = (
                    "none"
                    if term is None
                    else str(term_state(term.end, self.qctx.today, self.qctx.settings.lead_months))
                )
                counts[state] += 1
            rows.append({"kind": kind} | {s: counts[s] for s in states} | {"total": sum(counts.values())})
        footer: dict[str, Any] = {"kind": "total"} | {k: sum(r[k] for r in rows) for k in (*states, "total")}
        columns = [Column("kind", "类别", "Kind", show=self._kind_label)]
        columns += [self.count_col(s, TERM_STATE_LABELS.get(s, "未登记当届"), s) for s in states]
        columns.append(self.count_col("total", "合计", "Total"))
        months = self.qctx.settings.lead_months
        headline = self.t(
            f"逾期未换届 {footer['overdue']} 个，{months} 个月内届满 {footer['due']} 个",
            f"{footer['overdue']} overdue, {footer['due']} due within {months} months",
        )
        return TableData(self.t("换届状态", "Term states"), columns, rows, headline, footer)

    def elections(self) -> TableData:
        """换届 by calendar quarter of this year and the next: terms ending (effective end) and 换届 completed."""
        year = self.qctx.today.year
        codes = kinds.CODES
        ends: Counter[tuple[int, int, str]] = Counter()
        done: Counter[tuple[int, int, str]] = Counter()
        for kind in codes:
            for record in self.live(kind):
                term = term_of(record.data)
                if term is None:
                    continue
                ends[(*quarter_of(term.end), kind)] += 1
                renewed = (term.number or 0) >= 2 or bool(entries(record.get("past_terms")))
                if renewed and term.started <= self.qctx.today:
                    done[(*quarter_of(term.started), kind)] += 1
        rows: list[dict[str, Any]] = []
        for y in (year, year + 1):
            for q in (1, 2, 3, 4):
                row: dict[str, Any] = {"quarter": f"{y}Q{q}"}
                row |= {f"ends_{k}": ends[(y, q, k)] for k in codes}
                row["ends"] = sum(ends[(y, q, k)] for k in codes)
                row["completed"] = sum(done[(y, q, k)] for k in codes)
                rows.append(row)
        this_year = [r for r in rows if r["quarter"].startswith(str(year))]
        footer: dict[str, Any] = {"quarter": "total"}
        footer |= {k: sum(r[k] for r in rows) for k in rows[0] if k != "quarter"}
        completed = {k: sum(done[(year, q, k)] for q in (1, 2, 3, 4)) for k in codes}
        footer["completed_this_year"] = sum(completed.values())
        footer |= {f"completed_{k}": n for k, n in completed.items()}

        def show(value: Any, lang: str) -> str:
            return ("Total" if lang == "en" else "合计") if value == "total" else str(value)

        columns = [
            Column("quarter", "季度", "Quarter", show=show),
            self.count_col("ends_society", "科技社团届满", "Societies ending"),
            self.count_col("ends_branch", "基层科协届满", "Branches ending"),
            self.count_col("ends_party-cell", "党组织届满", "Party cells ending"),
            self.count_col("ends", "届满合计", "Terms ending"),
            self.count_col("completed", "完成换届", "Elections held"),
        ]
        headline = self.t(
            f"{year} 年完成换届 {footer['completed_this_year']} 个（科技社团 {completed['society']} 个、"
            f"基层科协 {completed['branch']} 个、党组织 {completed['party-cell']} 个），"
            f"本年内届满 {sum(r['ends'] for r in this_year)} 个",
            f"{footer['completed_this_year']} elections held in {year}; "
            f"{sum(r['ends'] for r in this_year)} terms end in {year}",
        )
        return TableData(
            self.t(f"换届：{year}—{year + 1} 年各季度届满与完成", f"Elections by quarter, {year}-{year + 1}"),
            columns,
            rows,
            headline,
            footer,
        )

    def inspection_counts(self, year: int) -> Counter[str]:
        """年检 results of the societies on the books for ``year``: a result code, ``none`` or ``exempt``."""
        counts: Counter[str] = Counter()
        for record in self.live("society"):
            found = inspection_years(record).get(year)
            founded = date(record.get("founded"))
            if found is not None:
                counts[found[1] or "none"] += 1
            elif founded is not None and inspection_exempt(founded, year):
                counts["exempt"] += 1
            else:
                counts["none"] += 1
        return counts

    def inspection_history(self) -> TableData:
        """年检 results of the last five report years, for the societies now on the books."""
        last = self.qctx.report_year
        results = [*self.labels("society", ("inspections", 0, "result")), "none", "exempt"]
        names = self.labels("society", ("inspections", 0, "result")) | {"none": "无记录", "exempt": "当年成立免检"}
        rows = []
        for year in range(last - 4, last + 1):
            counts = self.inspection_counts(year)
            rows.append({"year": year} | {r: counts[r] for r in results} | {"total": sum(counts.values())})
        columns = [Column("year", "年度", "Year")]
        columns += [self.count_col(r, names.get(r, r), r) for r in results]
        columns.append(self.count_col("total", "合计", "Total"))
        latest = rows[-1]
        headline = self.t(
            f"近五个年度年检：{last - 4}—{last} 年度，{last} 年度合格 {latest.get('pass', 0)} 家",
            f"Inspections {last - 4}-{last}: {latest.get('pass', 0)} passed in {last}",
        )
        return TableData(self.t("历年年检/年报结果", "Inspections by year"), columns, rows, headline)

    def inspections(self) -> TableData:
        year = self.qctx.report_year
        societies = self.live("society")
        results = list(self.labels("society", ("inspections", 0, "result")))
        counts = self.inspection_counts(year)
        keys = [*results, "none", "exempt"]
        rows = [{"result": k, "count": counts[k], "share": share(counts[k], len(societies))} for k in keys]
        footer = {"result": "total", "count": len(societies), "share": share(len(societies), len(societies))}
        # 合格率 and 报送率: one definition each, shared with `kexie inspections` (rules/inspections.py)
        footer["pass_rate"] = pass_rate(counts)
        footer["report_rate"] = report_rate(counts, len(societies) - counts["exempt"])
        names = self.labels("society", ("inspections", 0, "result")) | {"none": "无记录", "exempt": "当年成立免检"}

        def show(value: Any, lang: str) -> str:
            if value == "total":
                return "Total" if lang == "en" else "合计"
            return str(value) if lang == "en" else names.get(str(value), str(value))

        columns = [
            Column("result", "结论", "Result", show=show),
            self.count_col("count", "学会数", "Societies"),
            self.share_col(),
        ]
        shown = [f"{show(k, self.qctx.lang)} {counts[k]}" for k in keys if counts[k]]
        headline = self.t(
            f"{year} 年度年检：" + "，".join(f"{s} 家" for s in shown), f"{year} inspections: " + ", ".join(shown)
        )
        return TableData(
            self.t(f"{year} 年度年检/年报结果", f"Inspections for {year}"), columns, rows, headline, footer
        )


TABLES: dict[str, Callable[[Summary], TableData]] = {
    "levels": Summary.levels,
    "stars": Summary.stars,
    "npo": Summary.npo,
    "party": Summary.party,
    "grassroots": Summary.grassroots,
    "branches": Summary.branches,
    "three-heads": Summary.three_heads,
    "members": Summary.members,
    "terms": Summary.terms,
    "inspections": Summary.inspections,
    "elections": Summary.elections,
    "inspection-history": Summary.inspection_history,
}


def summary(
    records: list[Record], qctx: QueryContext, names: list[str] | None = None, where: Sequence[str] = ()
) -> list[tuple[str, TableData]]:
    """The requested tables (all by default), in catalogue order; ``where``: ``--where`` expressions
    restricting the records counted (``query/scope.py``)."""

    wanted = names or list(TABLES)
    unknown = [n for n in wanted if n not in TABLES]
    if unknown:
        raise KexieError("summary.unknown", table=unknown[0], tables=", ".join(TABLES))
    data = Summary(records, qctx, make_scope(where, qctx))
    tables = [(name, TABLES[name](data)) for name in wanted]
    if data.scope:
        for _, table in tables:
            table.title += scope_note(data.scope, qctx.lang)
    return tables


def scope_note(scope: Scope, lang: str) -> str:
    """What a scoped table's title adds: the ``--where`` expressions."""
    return f" (where {'; '.join(scope.where)})" if lang == "en" else f"（筛选：{'；'.join(scope.where)}）"
