"""Generate a synthetic registry of N records for the benchmark.

Usage: ``python bench/gen.py N DIR [--seed S] [--defects PCT]``

The generator copies the sample registry shipped in this repository (societies,
branches and Party cells in its proportions: about 45 %, 33 % and 22 %) as many
times as needed for N records. Each copy gets its own ids (a ``-c<k>`` suffix,
references rewritten), its own names (示例 becomes 示例<k>) and new
统一社会信用代码 with valid check digits, so the result is valid per SPEC apart
from the findings the sample itself has and the planted defects: a few percent
of the files (``--defects``, default 3) get one defect each, from syntax errors
(K002–K004) to schema errors (K101–K105) and broken references (K202). N is a
record count; the last copy is cut short, which may leave a few references
dangling (more K202).
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


def generate(count: int, out: Path, seed: int = 1, defect_percent: float = 3.0) -> int:
    """Write a registry of ``count`` records into ``out`` (replaced); returns the number of defects planted."""
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
            if rng.random() * 100 < defect_percent:
                body = rng.choice(defects)(body)
                planted += 1
            (out / "records" / folder / f"{record_id}-c{k}.yaml").write_text(body, encoding="utf-8")
            written += 1
    return planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic kexie registry for benchmarks.")
    parser.add_argument("count", type=int, help="number of records")
    parser.add_argument("dir", type=Path, help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defects", type=float, default=3.0, help="percent of files with a planted defect")
    args = parser.parse_args(argv)
    planted = generate(args.count, args.dir, args.seed, args.defects)
    print(f"{args.count} records, {planted} planted defects -> {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
