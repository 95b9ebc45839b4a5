"""``kexie summary`` tables of the organisations: levels, stars, NPO grades, Party coverage, grassroots
branches, the three heads and members (counted as ``summary_base.Summary`` says).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kexie_cli.numerals import chinese_number
from kexie_cli.party.cover import count_cover, cover_of
from kexie_cli.query.derived import district_of, latest_stars, npo_expiry, npo_grade_in_force, stars_in_force
from kexie_cli.query.summary_base import Summary, kind_label
from kexie_cli.query.summary_districts import city_societies, left_out
from kexie_cli.records.model import entries, integer, text
from kexie_cli.share import percent as pct
from kexie_cli.share import share
from kexie_cli.tables import Column, TableData


def levels(data: Summary) -> TableData:
    societies = data.live("society")
    levels = list(data.labels("society", ("level",)))
    disciplines = list(data.labels("society", ("discipline",)))
    counts = Counter((text(r.get("level")) or "", text(r.get("discipline")) or "") for r in societies)
    level_codes = [*levels, *sorted({lv for lv, _ in counts if lv not in levels})]
    disc_codes = [*disciplines, *sorted({d for _, d in counts if d not in disciplines})]
    disc_labels = data.labels("society", ("discipline",)) | {"": "未填"}
    rows = []
    for level in level_codes:
        row: dict[str, Any] = {"level": level}
        row |= {d: counts[(level, d)] for d in disc_codes}
        row["total"] = sum(counts[(level, d)] for d in disc_codes)
        rows.append(row)
    footer = {"level": "total"} | {d: sum(counts[(lv, d)] for lv in level_codes) for d in disc_codes}
    footer["total"] = len(societies)
    columns = [data.enum_column("level", "级别", "Level", "society", ("level",))]
    columns += [data.count_col(d or "none", disc_labels.get(d, d), d or "(none)") for d in disc_codes]
    columns.append(data.count_col("total", "合计", "Total"))
    for row in [*rows, footer]:
        if "" in row:
            row["none"] = row.pop("")
    counted = [(data.label("society", ("level",), r["level"]), r["total"]) for r in rows if r["total"] and r["level"]]
    parts = [f"{label} {n}" for label, n in counted]
    headline = data.t(
        f"在册科技社团{len(societies)}家：" + "，".join(f"{label}{n}家" for label, n in counted),
        f"{len(societies)} societies on the books: " + ", ".join(parts),
    )
    return TableData(
        data.t("科技社团：级别 × 学科类别", "Societies by level and discipline"), columns, rows, headline, footer
    )


def stars(data: Summary) -> TableData:
    societies = city_societies(data)
    in_force = Counter(stars_in_force(r, data.qctx.today) for r in societies)
    stale = sum(1 for r in societies if latest_stars(r) is not None and stars_in_force(r, data.qctx.today) is None)
    rows: list[dict[str, Any]] = [
        {"stars": s, "count": in_force[s], "share": share(in_force[s], len(societies))} for s in (5, 4, 3, 2, 1)
    ]
    rated = sum(in_force[s] for s in (1, 2, 3, 4, 5))
    four_up = in_force[4] + in_force[5]
    rows.insert(2, {"stars": "4+", "count": four_up, "share": share(four_up, len(societies))})
    footer = {"stars": "total", "count": rated, "share": share(rated, len(societies))}
    columns = [
        Column("stars", "星级", "Stars", show=_stars_label),
        data.count_col("count", "学会数", "Societies"),
        data.share_col(),
    ]
    besides = left_out(data)
    headline = data.t(
        f"星级学会{rated}家，占比 {pct(share(rated, len(societies)))}（在册科技社团{len(societies)}家{besides}），"
        f"其中四星级及以上{four_up}家",
        f"{rated} star-rated societies, {pct(share(rated, len(societies)))} of {len(societies)}{besides}; "
        f"{four_up} with four stars or more",
    )
    if stale:
        headline += data.t(f"；另有{stale}家评定已超过 3 年，未计入", f"; {stale} more rated over 3 years ago")
    return TableData(
        data.t("星级学会（3年内评定）", "Star-rated societies (rated within 3 years)"),
        columns,
        rows,
        headline,
        footer,
    )


def _stars_label(value: Any, lang: str) -> str:
    if value == "total":
        return "Total" if lang == "en" else "合计"
    if value == "4+":
        return "4 stars or more" if lang == "en" else "四星级及以上"
    if lang == "en":
        return f"{value} stars"
    return f"{chinese_number(value)}星级" if isinstance(value, int) else str(value)


def npo(data: Summary) -> TableData:
    societies = city_societies(data)
    grades = list(reversed(list(data.labels("society", ("npo_grade", "grade")))))
    in_force = Counter(npo_grade_in_force(r, data.qctx.today) for r in societies)
    expired = sum(
        1
        for r in societies
        if text(r.get("npo_grade", "grade"))
        and npo_grade_in_force(r, data.qctx.today) is None
        and npo_expiry(r) is not None
    )
    rows = [{"grade": g, "count": in_force[g], "share": share(in_force[g], len(societies))} for g in grades]
    valid = sum(in_force[g] for g in grades)
    footer = {"grade": "total", "count": valid, "share": share(valid, len(societies))}
    high = sum(in_force[g] for g in grades if g[:1].isdigit() and int(g[0]) >= 3)
    columns = [
        data.enum_column("grade", "评估等级", "Grade", "society", ("npo_grade", "grade")),
        data.count_col("count", "学会数", "Societies"),
        data.share_col(),
    ]
    headline = data.t(
        f"社会组织评估等级在有效期内{valid}家（3A 及以上{high}家），已过期{expired}家",
        f"{valid} societies hold a valid NPO grade ({high} at 3A or above); {expired} expired",
    )
    return TableData(data.t("社会组织评估等级（有效期内）", "NPO grades in force"), columns, rows, headline, footer)


def party(data: Summary) -> TableData:
    """两个覆盖 by ``party.cover`` (docs/party.md): the numbers of ``kexie party`` and rule K501."""
    rows: list[dict[str, Any]] = []
    counts = {}
    for kind in ("society", "branch"):
        records = data.live(kind)  # every society on the books, district-level too: K501 and `kexie party` count so
        found = count_cover(cover_of(r, data.qctx.index) for r in records)
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
    # no 合计 row: societies and branches are covered against different denominators, and a sum
    # would add societies to the 区县科协 and other branches (docs/figures.md)
    columns = [
        Column("kind", "类别", "Kind", show=kind_label),
        data.count_col("total", "在册数", "On the books"),
        data.count_col("organisation", "党的组织覆盖", "Organisation covered"),
        data.share_col("organisation_rate", "组织覆盖率", "Organisation rate"),
        data.count_col("work", "党的工作覆盖", "Work covered"),
        data.share_col("work_rate", "工作覆盖率", "Work rate"),
        data.count_col("liaison", "有党建联络员/指导员", "With a liaison"),
        data.count_col("uncovered", "未覆盖", "Not covered"),
    ]
    soc = rows[0]
    people = counts["society"].liaison_people
    headline = data.t(
        f"科技社团党的组织覆盖率 {pct(soc['organisation_rate'])}，党的工作覆盖率 {pct(soc['work_rate'])}；"
        f"党建联络员/指导员{people}名，覆盖{soc['liaison']}家",
        f"Societies: organisation coverage {pct(soc['organisation_rate'])}, work coverage {pct(soc['work_rate'])}; "
        f"{people} liaisons or instructors for {soc['liaison']} societies",
    )
    return TableData(data.t("党的组织和工作覆盖（两个覆盖）", "Party coverage"), columns, rows, headline)


def grassroots(data: Summary) -> TableData:
    branches = data.live("branch")
    counts = Counter(text(r.get("type")) for r in branches)
    rows: list[dict[str, Any]] = []
    coverage = data.qctx.settings.coverage
    # 区县科协 coverage only when its denominator is set (a 市/省 registry); 街道/村 always, as before
    for kind in ("district", "township", "village") if "district" in coverage else ("township", "village"):
        whole = coverage.get(kind)
        count = counts[kind]
        rows.append({"type": kind, "count": count, "total": whole, "rate": share(count, whole) if whole else None})
    columns = [
        data.enum_column("type", "类别", "Type", "branch", ("type",)),
        data.count_col("count", "已建科协", "With a branch"),
        data.count_col("total", "应建数（按台账设置）", "Total (settings coverage)"),
        data.share_col("rate", "覆盖率", "Coverage"),
    ]
    parts = []
    for row in rows:
        label = data.label("branch", ("type",), row["type"])
        denominator = row["total"] if row["total"] is not None else "?"
        parts.append(f"{label} {row['count']}/{denominator}（{pct(row['rate'])}）")
    headline = data.t("基层科协覆盖：" + "，".join(parts), "Grassroots coverage: " + ", ".join(parts))
    return TableData(data.t("街道/乡镇和村/社区科协覆盖率", "Township and village coverage"), columns, rows, headline)


DISTRICT_KEY = "district_branch"


def branches(data: Summary) -> TableData:
    """Branches by district × type. A 区县科协 is counted in its own row (column 区县科协, key
    ``district_branch``), so the total is every branch on the books, as in every other table."""
    branches = data.live("branch")
    types = list(data.labels("branch", ("type",)))
    key_of = {t: DISTRICT_KEY if t == "district" else t for t in types}  # "district" is the row's id
    districts = sorted(
        (r for r in branches if r.get("type") == "district"),
        key=lambda r: r.name,
    )
    by: Counter[tuple[str, str]] = Counter()
    for record in branches:
        kind = text(record.get("type")) or ""
        place = record.id if kind == "district" else district_of(record, data.qctx.index) or ""
        by[(place, kind)] += 1
    keys = [(d.id, d.name) for d in districts] + [("", data.t("市直", "Directly under the registry"))]
    rows = []
    for key, name in keys:
        row: dict[str, Any] = {"district": key or None, "name": name}
        row |= {key_of[t]: by[(key, t)] for t in types}
        row["total"] = sum(by[(key, t)] for t in types)
        rows.append(row)
    footer: dict[str, Any] = {"district": None, "name": data.t("合计", "Total")}
    footer |= {key_of[t]: sum(r[key_of[t]] for r in rows) for t in types}
    footer["total"] = sum(r["total"] for r in rows)
    names = data.labels("branch", ("type",))
    columns = [Column("name", "区县", "District", name=True, min_width=8)]
    # a narrow terminal: short headers (街道, 企业 ...), and the rarer types go first (other formats keep all)
    common = ("district", "township", "village", "enterprise", "university")
    columns += [
        Column(
            key_of[t],
            names.get(t, t),
            t,
            align="right",
            short_zh=names.get(t, t).split("/")[0].removesuffix("科协"),
            optional=t not in common,
        )
        for t in types
    ]
    columns.append(data.count_col("total", "合计", "Total"))
    picked = ("enterprise", "university", "agency")
    headline = data.t(
        f"基层科协{footer['total']}个（含区县科协{footer[DISTRICT_KEY]}个），"
        + "，".join(f"{names.get(t, t)}{footer[t]}家" for t in picked),
        f"{footer['total']} branches ({footer[DISTRICT_KEY]} district); "
        + ", ".join(f"{t} {footer[t]}" for t in picked),
    )
    return TableData(data.t("基层科协：区县 × 类型", "Branches by district and type"), columns, rows, headline, footer)


def three_heads(data: Summary) -> TableData:
    branches = data.live("branch")
    roles = list(data.labels("branch", ("three_heads", 0, "role")))
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
        data.enum_column("role", "三长身份", "Role", "branch", ("three_heads", 0, "role")),
        data.count_col("people", "人数", "People"),
        data.count_col("branches", "所在基层科协数", "Branches"),
    ]
    headline = data.t(
        f"三长{footer['people']}人进入{footer['branches']}个基层科协",
        f"{footer['people']} of the three heads sit in {footer['branches']} branches",
    )
    return TableData(data.t("三长进入科协组织", "Three heads in post"), columns, rows, headline, footer)


def members(data: Summary) -> TableData:
    keys = ("individual", "group", "student", "senior", "fellow")
    rows = []
    for kind in ("society", "branch"):
        records = data.live(kind)
        row: dict[str, Any] = {"kind": kind}
        for key in keys:
            values = [integer(r.get("members", key)) for r in records]
            known = [v for v in values if v is not None]
            row[key] = sum(known) if known else None
        rows.append(row)
    footer: dict[str, Any] = {"kind": "total"}
    footer |= {k: sum(r[k] or 0 for r in rows) for k in keys}
    columns = [
        Column("kind", "类别", "Kind", show=kind_label),
        data.count_col("individual", "个人会员", "Individual"),
        data.count_col("group", "团体会员", "Group"),
        data.count_col("student", "学生会员", "Student"),
        data.count_col("senior", "高级会员", "Senior"),
        data.count_col("fellow", "会士", "Fellows"),
    ]
    headline = data.t(
        f"个人会员{footer['individual']}人，团体会员{footer['group']}个",
        f"{footer['individual']} individual and {footer['group']} group members",
    )
    return TableData(data.t("会员人数", "Members"), columns, rows, headline, footer)
