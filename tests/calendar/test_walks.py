"""Whole 换届 walks, one per kind (issue 20), kept as an expected-output file.

Each walk takes one record of ``walk_records.py`` through its 换届 with the commands a secretariat
uses (``election``, ``elect``), and at each step records what ``due-elections``, ``check``,
``letters`` and the semantic diff (the library of ``kexie diff`` and ``kexie log``) say about it,
with the source of the step's deadline. ``tests/examples/calendar/walks/expected.md`` is the
result; ``KEXIE_UPDATE_EXAMPLES=1`` rewrites it, and the assertions below pin the points the issue
names so a rewrite cannot hide a change of meaning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from kexie_cli.records.loader import load_text
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.review.semdiff import diff_records
from tests.calendar.walk_records import FILES, SETTINGS
from tests.conftest import run_cli, write_registry

EXPECTED = Path(__file__).resolve().parent.parent / "examples" / "calendar" / "walks" / "expected.md"
KIND_OF = {"societies": "society", "branches": "branch", "party-cells": "party-cell"}


@dataclass(frozen=True)
class Step:
    day: str
    label: str
    commands: tuple[tuple[str, ...], ...]
    source: str


def election(ident: str, step: str, day: str, *extra: str) -> tuple[str, ...]:
    return ("election", ident, "--step", step, "--date", day, *extra)


S, D = "walk-xuehui", "walk-quxian-kexie"
SOCIETY_WALK = [
    Step("2025-09-30", "提醒期第一天（届满 2026-03-31）", (), "elections.society.lead_months 6；方案 5 个月前"),
    Step("2025-10-31", "方案期限当天", (), "plan_months_before 5（本地做法）"),
    Step("2025-11-01", "方案期限次日", (), "同上"),
    Step(
        "2025-11-01", "报送方案", (election(S, "plan_submitted", "2025-11-01", "--doc-no", "示步学〔2025〕8号"),), "—"
    ),
    Step(
        "2025-12-10",
        "前置审查、方案获批",
        (
            election(S, "party_review", "2025-11-20"),
            election(S, "approved", "2025-12-10", "--doc-no", "示科协学〔2025〕41号"),
        ),
        "业务主管单位审查",
    ),
    Step(
        "2026-01-05",
        "财务审计、报送大会请示（计划 2026-03-20）",
        (
            election(S, "audited", "2025-12-30"),
            election(S, "congress_requested", "2026-01-05", "--planned", "2026-03-20"),
        ),
        "条例：换届前财务审计；中国科协：大会前约 2 个月请示",
    ),
    Step("2026-02-10", "请示获批", (election(S, "congress_approved", "2026-02-10"),), "业务主管单位批复"),
    Step(
        "2026-03-20",
        "召开大会（elect）",
        (("elect", S, "--date", "2026-03-20", "--chair", "钱进", "--secretary-general", "赵敏"),),
        "章程",
    ),
    Step(
        "2026-05-07", "备案期限当天（30 个工作日，跨清明、劳动节）", (), "中国科协：30 个工作日（filing_working_days）"
    ),
    Step("2026-05-08", "备案期限次日", (), "同上"),
    Step("2026-05-08", "报科协备案", (election(S, "filed", "2026-05-08", "--doc-no", "示步学〔2026〕3号"),), "—"),
    Step(
        "2026-05-15",
        "审查同意",
        (election(S, "filing_approved", "2026-05-15", "--doc-no", "示科协学〔2026〕12号"),),
        "业务主管单位审查同意",
    ),
    Step("2026-06-14", "变更登记期限当天（审查同意后 30 日）", (), "条例第十八条（registration_days 30）"),
    Step("2026-06-15", "变更登记期限次日", (), "同上"),
    Step("2026-06-15", "民政变更登记", (election(S, "registered", "2026-06-15"),), "—"),
]
DISTRICT_WALK = [
    Step("2025-12-30", "提醒期第一天（届满 2026-06-30）", (), "elections.branch.lead_months 6；方案 4 个月前"),
    Step("2026-02-28", "方案期限当天", (), "plan_months_before 4（本地做法）"),
    Step("2026-03-01", "方案期限次日", (), "同上"),
    Step("2026-03-01", "方案报同级党委", (election(D, "plan_submitted", "2026-03-01"),), "—"),
    Step("2026-04-10", "同级党委批复", (election(D, "approved", "2026-04-10"),), "同级党委审定"),
    Step("2026-06-20", "召开代表大会（elect）", (("elect", D, "--date", "2026-06-20", "--chair", "郑和"),), "科协章程"),
    Step("2026-07-20", "备案期限当天（30 日）", (), "elections.branch.filing_days_after 30（本地做法）"),
    Step("2026-07-21", "备案期限次日", (), "同上"),
    Step("2026-07-21", "报上级科协备案", (election(D, "registered", "2026-07-21"),), "—"),
]


def party_walk(ident: str, elect: tuple[str, ...]) -> list[Step]:
    return [
        Step("2025-12-30", "提醒期第一天（届满 2026-06-30）", (), "elections.party.lead_months 6；请示 2 个月前"),
        Step("2026-04-30", "请示期限当天", (), "request_months_before 2（届满前 1 至 2 个月）"),
        Step("2026-05-01", "请示期限次日", (), "同上"),
        Step("2026-05-01", "报送换届请示", (election(ident, "plan_submitted", "2026-05-01"),), "基层组织选举工作条例"),
        Step(
            "2026-05-20",
            "上级党组织批复、候选人预备人选审查",
            (election(ident, "approved", "2026-05-15"), election(ident, "candidates", "2026-05-20")),
            "同上",
        ),
        Step("2026-06-26", "召开党员大会（elect）", (("elect", ident, "--date", "2026-06-26", *elect),), "党章"),
        Step("2026-07-11", "报批期限当天（15 日）", (), "result_days_after 15（本地做法）"),
        Step("2026-07-12", "报批期限次日", (), "同上"),
        Step("2026-07-12", "选举结果报批", (election(ident, "registered", "2026-07-12"),), "基层组织选举工作条例"),
    ]


WALKS = {
    "科技社团 walk-xuehui": (S, SOCIETY_WALK),
    "区县科协 walk-quxian-kexie": (D, DISTRICT_WALK),
    "党支部（5 名正式党员，不设支委会）walk-zhibu-xiao": (
        "walk-zhibu-xiao",
        party_walk("walk-zhibu-xiao", ("--secretary", "周文华", "--deputy-secretary", "钱敏")),
    ),
    "党支部（9 名正式党员，设支委会）walk-zhibu-da": (
        "walk-zhibu-da",
        party_walk("walk-zhibu-da", ("--secretary", "周文华", "--member", "孙立", "--member", "冯涛")),
    ),
    "党总支 walk-zongzhi": (
        "walk-zongzhi",
        party_walk("walk-zongzhi", ("--secretary", "周文华", "--member", "孙立", "--member", "韩梅")),
    ),
    "B 类党支部 walk-b-zhibu": (
        "walk-b-zhibu",
        party_walk("walk-b-zhibu", ("--secretary", "周文华", "--member", "孙立")),
    ),
}


def _file(root: Path, ident: str) -> Path:
    return next(p for p in (root / "records").glob(f"*/{ident}.yaml"))


def _state(root: Path, ident: str, day: str) -> str:
    rows = run_cli(["due-elections", "--as-of", day, "--format", "json"], root).json()
    row = next((r for r in rows if r["id"] == ident), None)
    if row is None:
        return "不列出"
    step = row["next_step"]
    if step is None:
        return str(row["state"])
    mark = "（上级）" if step["upper"] else "（已逾期）" if step["late"] else ""
    return f"{row['state']}；下一步 {step['step']} {step['date']}{mark}"


def _findings(root: Path, ident: str, day: str) -> str:
    found = run_cli(["check", "--as-of", day, "--format", "json"], root).json()
    return "；".join(f"{f['code']} {f['message']}" for f in found if f["id"] == ident) or "—"


def _letter(root: Path, ident: str, day: str, out: Path) -> str:
    run = run_cli(["letters", "elections", "--as-of", day, "--id", ident, "-o", str(out)], root)
    if run.exit_code != 0:
        return "—"
    text = next(out.glob("*.md")).read_text(encoding="utf-8")  # one letter per folder (--id)
    lines = [line for line in text.splitlines() if line.strip()]
    title = lines[0].removeprefix("# ")
    first = next((line for line in lines if line[:2] in ("一、", "二、")), "")
    return f"{title}<br>{first}" if first else title


def _diff(kind: str, before: str, after: str) -> str:
    if before == after:
        return "—"
    old, new = load_text(before).data, load_text(after).data
    changes = diff_records(kind, old, new, SchemaSet(None))
    return "；".join(f"{c.label}：{c.old or '未录入'} → {c.new or '未录入'}" for c in changes) or "（仅格式）"


def walk(root: Path, ident: str, steps: list[Step], out: Path) -> list[str]:
    kind = KIND_OF[_file(root, ident).parent.name]
    rows = ["| 步骤 | 日期 | due-elections | 检查 | 函件 | diff | 依据 |", "|---|---|---|---|---|---|---|"]
    for number, step in enumerate(steps, 1):
        before = _file(root, ident).read_text(encoding="utf-8")
        for command in step.commands:
            run = run_cli([*command, "--as-of", step.day], root)
            assert run.exit_code == 0, (command, run.stderr)
        after = _file(root, ident).read_text(encoding="utf-8")
        cells = [
            step.label,
            step.day,
            _state(root, ident, step.day),
            _findings(root, ident, step.day),
            _letter(root, ident, step.day, out / f"{ident}-{number}"),
            _diff(kind, before, after),
            step.source,
        ]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return rows


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("walks")
    parts = ["# 换届全过程（tests/calendar/test_walks.py 生成，KEXIE_UPDATE_EXAMPLES=1 重写）", ""]
    for title, (ident, steps) in WALKS.items():
        root = write_registry(base / ident, dict(FILES), SETTINGS)
        parts += [f"## {title}", "", *walk(root, ident, steps, base / "letters"), ""]
    text = "\n".join(parts)
    if os.environ.get("KEXIE_UPDATE_EXAMPLES"):
        EXPECTED.write_text(text, encoding="utf-8")
    return text


def test_walks_match_the_expected_file(walked: str) -> None:
    assert walked == EXPECTED.read_text(encoding="utf-8")


def section(walked: str, ident: str) -> list[str]:
    part = walked.split(ident, 1)[1].split("\n## ", 1)[0]
    return [line for line in part.splitlines() if line.startswith("| ") and not line.startswith("| 步骤")]


def test_the_first_reminder_has_nothing_overdue(walked: str) -> None:
    for _, (ident, _steps) in WALKS.items():
        first = section(walked, ident)[0]
        assert "已逾期" not in first and "请尽快" not in first, first
        assert "due；下一步 plan" in first, first


def test_each_deadline_on_its_day_and_the_day_after(walked: str) -> None:
    rows = section(walked, "walk-xuehui")
    assert "K309" not in rows[8] and "K309" in rows[9] and "按周一至周五" not in rows[9]  # 2026 has holiday data
    assert "K312" not in rows[12] and "K312" in rows[13]
    assert "不列出" in rows[14]  # the last step done: the record leaves due-elections
    assert "follow-up" in rows[7]  # after elect it stays listed with its next step
    district = section(walked, "walk-quxian-kexie")
    assert "K309" not in district[6] and "K309" in district[7]
    assert all("会员（代表）大会" not in r and "基层科协工作考核" not in r and "报请批准" not in r for r in district)


def test_party_words(walked: str) -> None:
    small = "\n".join(section(walked, "walk-zhibu-xiao"))
    assert "支部委员会任期" not in small and "书记、副书记" in small and "K512" not in small
    big = "\n".join(section(walked, "walk-zhibu-da"))
    assert "新一届支部委员会" in big or "支部委员会任期" in big
    assert "的通知" in big  # a 党委 writes to its 支部 a 通知
    b_cell = "\n".join(section(walked, "walk-b-zhibu"))
    assert "的通知" not in b_cell  # not from the 社团党委: it does not hold the B 类 cell's 组织关系
    for ident in ("walk-zhibu-xiao", "walk-zhibu-da", "walk-zongzhi", "walk-b-zhibu"):
        rows = section(walked, ident)
        assert "K309" not in rows[6] and "K309" in rows[7], ident
        assert "不列出" in rows[8], ident
