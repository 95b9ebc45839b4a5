"""Generate a synthetic registry of N records for the benchmark.

Usage: ``python bench/gen.py N DIR [--seed S] [--defects PCT]``

The generator copies the sample registry shipped in this repository (societies,
branches and Party cells in its proportions: about 45 %, 33 % and 22 %) as many
times as needed for N records. Each copy gets its own ids (a ``-c<k>`` suffix,
references rewritten), its own names (示例 becomes 示例<k>) and new
统一社会信用代码 with valid check digits, so the result is valid per the schemas and rules apart
from the findings the sample itself has and the planted defects: a few percent
of the files (``--defects``, default 3) get one defect each, from syntax errors
(K002–K004) to schema errors (K101–K105) and broken references (K202). N is a
record count; the last copy is cut short, which may leave a few references
dangling (more K202).

By default the corpus is *realistic* (``--clean`` turns this off): about 60 %
of the records get the free text real registries have, without changing what
is valid: folded (``>-``) and literal (``|``) notes, quoted notes with
escapes; percentages, URLs with ``?&=``, e-mail addresses, both kinds of
quotes and full-width punctuation in the text; source titles and URLs in
quotes; ``#`` comments between keys and at line ends; quoted keys; lists
switched between flow and block style; and about 10 % of all files are
written with CRLF line ends.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "records"
SETTINGS = REPO / "kexie.yaml"
FOLDERS = ("societies", "branches", "party-cells")
_USCC = re.compile(r"(uscc: *[\"']?)([0-9A-Z]{18})")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_digit(body: str) -> str:
    """GB 32100 check character of the first 17 characters."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def templates() -> list[tuple[str, str, str]]:
    """(folder, id, text) of every sample record, in a stable order."""
    out = []
    for folder in FOLDERS:
        for path in sorted((SAMPLE / folder).glob("*.yaml")):
            out.append((folder, path.name.removesuffix(".yaml"), path.read_text(encoding="utf-8")))
    return out


def _id_pattern(ids: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9-])({alternatives})(?![a-z0-9-])")


def _copy(text: str, k: int, ids: re.Pattern[str], rng: random.Random) -> str:
    text = ids.sub(lambda m: f"{m.group(1)}-c{k}", text)
    text = text.replace("示例", f"示例{k}")

    def uscc(match: re.Match[str]) -> str:
        old = match.group(2)
        body = old[:8] + "MJ" + "".join(rng.choice("0123456789") for _ in range(7))
        return match.group(1) + body + uscc_check_digit(body)

    return _USCC.sub(uscc, text)


def _defects() -> list[Callable[[str], str]]:
    """Each function plants one defect into a record's text."""

    def replace_first(pattern: str, repl: str) -> Callable[[str], str]:
        compiled = re.compile(pattern, re.MULTILINE)
        return lambda text: compiled.sub(repl, text, count=1)

    return [
        replace_first(r"^founded: .*$", "founded: 2010-13-01"),  # K104
        replace_first(r"^status: .*$", "status: 正常"),  # K103
        replace_first(r"^name: (.*)$", r"name: \1\nname: \1"),  # K003
        replace_first(r"^founded: (.*)$", r"fonded: \1"),  # K105 + K101
        replace_first(r"^kind: (.*)$", r"kind: \1\nextra: {open: [1, 2}"),  # K002
        replace_first(r"^founded: (.*)$", r"founded: &f \1\nnotes: *f"),  # K004
        replace_first(r"^id: (.*)$", r"id: \1\nparent: no-such-record"),  # K202 (or K105)
        replace_first(r"^  members: .*$", "  members: 三十"),  # K102
        replace_first(r"^id: (.*)$", r"id: \1-x"),  # K005
    ]


NOTE_LINES = [
    "2025 年会员单位较上年增长 12.5%，其中企业会员占 38%；",
    "换届材料见 https://kx.example.gov.cn/notice?id=2024-118&type=hj ，联系邮箱 msc@xuehui-example.org.cn。",
    "理事会决议：“继续承办学术年会”；另议‘青年论坛’是否并入年会？",
    "（注：#3 号文件已作废，以〔2025〕7 号为准）",
    "年检意见：基本合格 & 整改中——须于 6 月底前补报财务审计报告！",
    "会费标准：个人会员 200 元/年；团体会员 2,000 元/年 <不含> 赞助。",
    "Q&A: 'Is the council quorate?' - yes, 31/45 = 68.9% present.",
    "* 本条据秘书处电话核实，待书面材料；",
    "学会网站 http://www.example.org/index.php?m=content&c=index&a=lists&catid=9 已停止更新。",
    "联系电话 0571-8888 6666 转 8012；传真同。",
    '上级意见："同意"。附件：《章程（修订稿）》｜《选举办法》',
    "100% 的理事单位已确认；key: value 样式的文字、| 和 > 也会出现在备注里。",
    "!重要：监事会报告 > 理事会报告时，以监事会意见为准 [见第 12 条]。",
]
SOURCE_TITLES = [
    '"关于同意示例市{name}换届的批复（示例科协〔2024〕12号）"',
    "'关于“{name}”年度检查结果的通知'",
    '"{name}理事会会议纪要 #3（2025-03-18）"',
]
SOURCE_URLS = [
    "'https://www.example.gov.cn/zwgk/tzgg/202410/t20241011_123.html?from=kx&share=1'",
    '"https://kx.example.gov.cn/doc?id=88&sign=a%3Db"',
    "https://www.example.org.cn/p?q=%E5%AD%A6%E4%BC%9A&page=2",
]
LINE_COMMENTS = ["# 2025 年换届后更新", "# 据秘书处 2026-03 报送", "# TODO: 核对 & 补充", "# 见附件 3（扫描件）"]


def _note(rng: random.Random) -> str:
    lines = rng.sample(NOTE_LINES, rng.randint(2, 4))
    style = rng.randrange(5)
    if style <= 1:
        return "notes: >-\n" + "".join(f"  {line}\n" for line in lines)
    if style == 2:
        return "notes: |\n" + "".join(f"  {line}\n" for line in lines)
    if style == 3:
        body = "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
        return f'notes: "{body}\\t（完）"\n'
    return "notes: '" + " ".join(line.replace("'", "''") for line in lines) + "'\n"


def _realistic(text: str, rng: random.Random) -> str:
    """Free text, comments and quoting as real records have them (the record stays as valid as it was)."""
    lines = [line for line in text.splitlines() if not line.startswith("notes:")]
    name = next((line[6:].strip() for line in lines if line.startswith("name: ")), "学会")
    top = [i for i, line in enumerate(lines) if line[:1].isalpha() and ":" in line and i > 0]
    if top and rng.random() < 0.7:  # a comment line between keys
        at = rng.choice(top)
        lines.insert(at, rng.choice(LINE_COMMENTS))
    scalar_lines = [i for i, line in enumerate(lines) if re.match(r"^ *[a-z_]+: [^|>'\"#\[{]+$", line)]
    if scalar_lines and rng.random() < 0.6:  # a comment at a line end
        at = rng.choice(scalar_lines)
        lines[at] += "  " + rng.choice(LINE_COMMENTS)
    if rng.random() < 0.3:  # a quoted key
        quote = rng.choice(["'", '"'])
        lines = [re.sub(r"^(short_name|supervisors|level)(?=:)", rf"{quote}\1{quote}", line) for line in lines]
    if "sources:" in lines and rng.random() < 0.7:  # quoted titles and URLs with query strings
        at = lines.index("sources:")
        lines[at + 1 : at + 1] = [
            "  - title: " + rng.choice(SOURCE_TITLES).format(name=name),
            "    date: 2024-10-11",
            "    url: " + rng.choice(SOURCE_URLS),
        ]
    out = "\n".join(lines) + "\n"
    out = _switch_lists(out, rng)
    return out + _note(rng)


def _switch_lists(text: str, rng: random.Random) -> str:
    """Flow lists to block style and back, so both (and mixes) occur."""
    if rng.random() < 0.5:
        # brand_events: [a, b] -> block list
        def to_block(match: re.Match[str]) -> str:
            items = [i.strip() for i in match.group(1).split(",") if i.strip()]
            return "brand_events:\n" + "".join(f"  - {item}\n" for item in items)

        text = re.sub(r"^brand_events: \[(.*)\]\n", to_block, text, flags=re.MULTILINE)
    else:
        text = re.sub(
            r"^  - \{year: (\d+), result: ([a-z-]+)\}$",
            lambda m: f"  - year: {m.group(1)}\n    result: {m.group(2)}",
            text,
            count=1,
            flags=re.MULTILINE,
        )
    return text


FORUMS = ("青年科技论坛", "科技成果交流会", "学科发展研讨会")
ANNUAL_LAST = 2025  # the latest year of the annual records (--annual-years N: ANNUAL_LAST-N+1 .. ANNUAL_LAST)


#: the share of annual records with one figure far off the year before (K411): statistical review flags a few
ANNUAL_OUTLIERS = 0.01


def _annual_base(rng: random.Random) -> dict[str, int]:
    """An organisation's level of work in its first year (as ``scripts/annual_sample.py`` draws it)."""
    events = rng.randint(3, 24)
    popular = rng.randint(4, 40)
    individual = rng.randint(200, 3000)
    return {
        "events": events,
        "participants": events * rng.randint(60, 260),
        "popular": popular,
        "audience": popular * rng.randint(80, 600),
        "individual": individual,
        "new": max(1, individual // rng.randint(10, 25)),
    }


def _next_year(level: dict[str, int], rng: random.Random) -> dict[str, int]:
    """The year after: each figure moves by a little (x0.85-1.25, as the sample's records do); in
    :data:`ANNUAL_OUTLIERS` of the records one figure is four times last year's (K411)."""
    moved = {key: max(1, round(n * rng.uniform(0.85, 1.25))) for key, n in level.items()}
    if rng.random() < ANNUAL_OUTLIERS:
        key = rng.choice(("participants", "audience"))
        moved[key] = level[key] * 4
    return moved


def _annual(record_id: str, year: int, level: dict[str, int], rng: random.Random) -> str:
    """One organisation's year (records/annual/<year>/<id>-<year>.yaml), as the sample's script writes them."""
    events = level["events"]
    split = (min(1, events), min(2, events - 1))
    return (
        "# yaml-language-server: $schema=../../../schemas/annual.schema.json\n"
        f"id: {record_id}-{year}\nkind: annual\norg: {record_id}\nyear: {year}\n"
        f"report:\n  status: approved\n  submitted: {year + 1}-03-{rng.randint(10, 28)}\n  approved: {year + 1}-04-02\n"
        f"academic:\n  events: {events}\n  participants: {level['participants']}\n"
        f"  international: {split[0]}\n  national: {split[1]}\n  regional: {events - sum(split)}\n"
        f"popular:\n  events: {level['popular']}\n  audience: {level['audience']}\n"
        f"members:\n  individual: {level['individual']}\n  new: {level['new']}\n"
        "events:\n"
        f"  - date: {year}-0{rng.randint(4, 9)}-1{rng.randint(0, 9)}\n"
        f"    title: 第{rng.randint(2, 30)}届学术年会暨{rng.choice(FORUMS)}\n"
        f"    category: academic\n    level: municipal\n    participants: {rng.randint(80, 400)}\n"
        "notes: 据年报填报；活动名称以年报所附工作总结为准。\n"
    )


def generate(
    count: int,
    out: Path,
    seed: int = 1,
    defect_percent: float = 3.0,
    realistic: bool = True,
    annual_years: int = 0,
) -> int:
    """Write a registry of ``count`` records into ``out`` (replaced); returns the number of defects planted.

    ``annual_years``: also that many years of annual records for every organisation (issue 21); the
    organisation records are the same as without them (their random draws come first)."""
    rng = random.Random(seed)
    items = templates()
    ids = _id_pattern([i for _, i, _ in items])
    if out.exists():
        shutil.rmtree(out)
    for folder in FOLDERS:
        (out / "records" / folder).mkdir(parents=True)
    shutil.copyfile(SETTINGS, out / "kexie.yaml")
    (out / ".gitignore").write_text(".kexie/\n", encoding="utf-8")
    defects = _defects()
    planted = 0
    written = 0
    k = 0
    while written < count:
        k += 1
        for folder, record_id, text in items:
            if written >= count:
                break
            body = _copy(text, k, ids, rng)
            if realistic and rng.random() < 0.6:
                body = _realistic(body, rng)
            if rng.random() * 100 < defect_percent:
                body = rng.choice(defects)(body)
                planted += 1
            if realistic and rng.random() < 0.1:
                body = body.replace("\n", "\r\n")
            (out / "records" / folder / f"{record_id}-c{k}.yaml").write_bytes(body.encode("utf-8"))
            written += 1
    if annual_years:
        _annual_records(out, annual_years, random.Random(seed + 1))
    return planted


def _annual_records(out: Path, years: int, rng: random.Random) -> None:
    ids = sorted(p.stem for folder in FOLDERS for p in (out / "records" / folder).glob("*.yaml"))
    levels = {record_id: _annual_base(rng) for record_id in ids}
    for year in range(ANNUAL_LAST - years + 1, ANNUAL_LAST + 1):
        folder = out / "records" / "annual" / str(year)
        folder.mkdir(parents=True)
        for record_id in ids:
            text = _annual(record_id, year, levels[record_id], rng)
            (folder / f"{record_id}-{year}.yaml").write_bytes(text.encode("utf-8"))
            levels[record_id] = _next_year(levels[record_id], rng)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic kexie registry for benchmarks.")
    parser.add_argument("count", type=int, help="number of records")
    parser.add_argument("dir", type=Path, help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defects", type=float, default=3.0, help="percent of files with a planted defect")
    parser.add_argument("--clean", action="store_true", help="no free text, comments, quoting or CRLF")
    parser.add_argument("--annual-years", type=int, default=0, help="years of annual records per organisation")
    args = parser.parse_args(argv)
    planted = generate(
        args.count, args.dir, args.seed, args.defects, realistic=not args.clean, annual_years=args.annual_years
    )
    print(f"{args.count} records, {planted} planted defects -> {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
