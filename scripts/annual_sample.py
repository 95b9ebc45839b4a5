"""Write the sample registry's annual records (issue 21): 2023–2025 for every organisation under records/.

Run once and commit the result (``python -m scripts.annual_sample [--root .]``); the numbers are
fictional and fixed by a seed, so running it again writes the same files. Each organisation gets a
base level of work drawn from its kind (a 学会 holds conferences, a 街道科协 科普 events, a 党支部 its
三会一课), and each year moves it by a little (×0.85–1.25). For the latest year a few 年报 are not in
yet: two organisations have no record, three a 未报 draft with no figures, one was returned for
correction; one figure is far off the year before (K411, 请核实) so that the tour can show it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from kexie_cli.kinds import KINDS

YEARS = (2023, 2024, 2025)
SEED = 21
KIND_FOLDERS = {k.folder: k.code for k in KINDS if k.organisation}  # every organisation kind
ACADEMIC_BRANCHES = {"university", "hospital", "institution", "enterprise", "park"}
LOCAL_BRANCHES = {"district", "township", "village", "school"}
MISSING, DRAFT, RETURNED, OUTLIER = 2, 3, 1, 1


def _orgs(root: Path) -> list[dict[str, Any]]:
    yaml = YAML(typ="safe", pure=True)
    out = []
    for folder, kind in KIND_FOLDERS.items():
        for path in sorted((root / "records" / folder).glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                out.append({**data, "kind": kind})
    return out


def _founded(org: dict[str, Any]) -> dt.date:
    value = org.get("founded")
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _grow(rng: random.Random, value: int) -> int:
    return max(0, round(value * rng.uniform(0.85, 1.25)))


def _base(org: dict[str, Any], rng: random.Random) -> dict[str, int]:
    """An organisation's level of work in the first year."""
    kind, kind_of_branch = org["kind"], org.get("type")
    members = org.get("members")
    found = members.get("individual") if isinstance(members, dict) else None
    individual: int = found if isinstance(found, int) else 0
    base: dict[str, int] = {}
    if kind in ("society", "subunit", "alliance", "institute") or kind_of_branch in ACADEMIC_BRANCHES:
        events = rng.randint(3, 24)
        base |= {"academic.events": events, "academic.participants": events * rng.randint(60, 260)}
        base |= {"academic.papers": rng.randint(0, 12) * events}
    if kind not in ("society", "branch", "party-cell", "subunit"):  # 科普基地, 志愿服务队, 工作站 ...
        popular = rng.randint(6, 30)
        base |= {"popular.events": popular, "popular.audience": popular * rng.randint(50, 300)}
    if kind in ("society", "branch"):
        popular = rng.randint(4, 40) if kind_of_branch != "enterprise" else rng.randint(1, 8)
        base |= {"popular.events": popular, "popular.audience": popular * rng.randint(80, 600)}
        base |= {"popular.volunteers": rng.randint(10, 150)}
    if individual:
        base |= {"members.individual": individual, "members.new": max(1, individual // rng.randint(10, 25))}
    if kind == "society":
        base |= {
            "members.dues": individual * rng.choice((50, 100, 120, 200)),
            "funding.cast_grant": rng.randint(2, 12) * 10000,
        }
        if rng.random() < 0.5:
            base |= {"think_tank.proposals": rng.randint(1, 6), "think_tank.reports": rng.randint(0, 3)}
        if rng.random() < 0.3:
            base |= {"evaluations": rng.randint(1, 8)}
        if rng.random() < 0.3:
            base |= {"funding.projects": rng.randint(1, 3)}
            base["funding.project_amount"] = base["funding.projects"] * rng.randint(5, 30) * 10000
        if rng.random() < 0.15:
            base |= {"standards": rng.randint(1, 3)}
        if rng.random() < 0.1:
            base |= {"journals": 1}
    if kind == "branch" and kind_of_branch in ("district", "township"):
        base |= {"popular.volunteer_teams": rng.randint(1, 6), "popular.venues": rng.randint(0, 2)}
    if kind == "party-cell":
        base |= {"party.meetings": rng.randint(12, 30), "party.new_members": rng.randint(0, 2)}
    return base


def _figures(base: dict[str, int], rng: random.Random, year: int) -> dict[str, int]:
    out = {key: _grow(rng, value) for key, value in base.items()}
    if "academic.events" in out:
        events = out["academic.events"]
        out["academic.international"] = min(events, rng.randint(0, 1))
        out["academic.national"] = min(events - out["academic.international"], rng.randint(0, 3))
        out["academic.regional"] = events - out["academic.international"] - out["academic.national"]
    if "popular.events" in out:
        out["popular.science_day_events"] = min(out["popular.events"], rng.randint(1, 4))
    if "members.individual" in out:
        out["members.individual"] = base["members.individual"] + (year - YEARS[0]) * rng.randint(0, 20)
        out["members.new"] = min(out["members.new"], out["members.individual"])
    if "think_tank.proposals" in out:
        out["think_tank.adopted"] = rng.randint(0, out["think_tank.proposals"] + out.get("think_tank.reports", 0))
    return out


def _nest(figures: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in figures.items():
        section, _, name = key.partition(".")
        if name:
            out.setdefault(section, {})[name] = value
        else:
            out[section] = value
    return out


def _events(org: dict[str, Any], rng: random.Random, year: int, figures: dict[str, int]) -> list[dict[str, Any]]:
    name = str(org.get("short_name") or org.get("name"))
    brands = [b for b in org.get("brand_events") or [] if isinstance(b, str)]
    out: list[dict[str, Any]] = []
    if figures.get("academic.events"):
        day = dt.date(year, rng.randint(4, 11), rng.randint(1, 28))
        event: dict[str, Any] = {"date": day, "title": f"{name}{year}年学术年会", "category": "academic"}
        event |= {"level": "municipal", "participants": rng.randint(80, 400)}
        if brands:
            event["brand"] = brands[0]
        out.append(event)
    if figures.get("popular.science_day_events"):
        day = dt.date(year, 9, rng.randint(15, 25))
        level = "district" if org.get("type") in LOCAL_BRANCHES else "municipal"
        out.append({"date": day, "title": f"{name}全国科普日活动", "category": "popular", "level": level})
    return out


AWARDS = (
    ("示例市自然科学优秀学术论文", "municipal"),
    ("示例市科学技术进步奖", "municipal"),
    ("省科学技术奖", "provincial"),
)
NOMINATIONS = (("青年人才托举工程", "national"), ("省青年科技奖", "provincial"), ("示例市优秀科技工作者", "municipal"))
SERVICES = (
    ("科技成果评价", "示例市科学技术局"),
    ("职称评审", "示例市人力资源和社会保障局"),
    ("团体标准编制", "示例市市场监督管理局"),
)


def _lists(org: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Awards, nominations and government-purchased services of a society's year (some years, some societies)."""
    out: dict[str, Any] = {}
    if org["kind"] != "society":
        return out
    if rng.random() < 0.3:
        name, level = rng.choice(AWARDS)
        out["awards"] = [{"name": name, "level": level, "count": rng.randint(1, 4)}]
    if rng.random() < 0.2:
        name, level = rng.choice(NOMINATIONS)
        out["nominations"] = [{"name": name, "level": level, "count": rng.randint(1, 2)}]
    if rng.random() < 0.15:
        function, buyer = rng.choice(SERVICES)
        service = {"function": function, "from": buyer, "amount": rng.randint(5, 40) * 10000, "transferred": True}
        out["funding"] = {"services": [service]}
    return out


def _report(year: int, rng: random.Random, state: str) -> dict[str, Any]:
    submitted = dt.date(year + 1, 3, rng.randint(1, 28))
    if state == "draft":
        return {"status": "draft"}
    if state == "returned":
        return {
            "status": "returned",
            "submitted": submitted,
            "returned": submitted + dt.timedelta(days=6),
            "reason": "会员数与上年年报不符，请核对后重报",
        }
    if state == "submitted":
        return {"status": "submitted", "submitted": submitted}
    return {"status": "approved", "submitted": submitted, "approved": submitted + dt.timedelta(days=rng.randint(3, 20))}


def _dump(record: dict[str, Any]) -> str:
    yaml = YAML()
    out = io.StringIO()
    yaml.dump(record, out)
    return out.getvalue()


def write(root: Path) -> int:
    rng = random.Random(SEED)
    orgs = [o for o in _orgs(root) if _founded(o) <= dt.date(YEARS[-1], 12, 31)]
    latest = [o for o in orgs if o.get("status") == "active"]
    picked = rng.sample(latest, MISSING + DRAFT + RETURNED)
    missing = {o["id"] for o in picked[:MISSING]}
    draft = {o["id"] for o in picked[MISSING : MISSING + DRAFT]}
    returned = {o["id"] for o in picked[MISSING + DRAFT :]}
    societies = [o for o in latest if o["kind"] == "society" and o["id"] not in missing | draft | returned]
    outlier = {o["id"] for o in rng.sample(societies, OUTLIER)}
    written = 0
    for org in orgs:
        base = _base(org, rng)
        for year in YEARS:
            if _founded(org) > dt.date(year, 12, 31) or (year == YEARS[-1] and org["id"] in missing):
                continue
            latest_year = year == YEARS[-1]
            state = "approved" if not latest_year else rng.choice(("approved", "approved", "submitted"))
            state = "draft" if latest_year and org["id"] in draft else state
            state = "returned" if latest_year and org["id"] in returned else state
            record: dict[str, Any] = {"id": f"{org['id']}-{year}", "kind": "annual", "org": org["id"], "year": year}
            record["report"] = _report(year, rng, state)
            if state != "draft":
                figures = _figures(base, rng, year)
                if latest_year and org["id"] in outlier and "popular.events" in figures:
                    figures["popular.events"] *= 4
                    figures["popular.audience"] *= 4
                record |= _nest(figures)
                for key, value in _lists(org, rng).items():
                    if isinstance(value, dict):
                        record.setdefault(key, {}).update(value)
                    else:
                        record[key] = value
                events = _events(org, rng, year, figures)
                if events:
                    record["events"] = events
            folder = root / "records" / "annual" / str(year)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{record['id']}.yaml").write_text(_dump(record), encoding="utf-8")
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path())
    args = parser.parse_args()
    print(f"{write(args.root)} annual records written; run `kexie fmt` to put them in canonical form")


if __name__ == "__main__":
    main()
