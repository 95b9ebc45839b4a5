"""Generate ``kexie_cli/query/_strokes.py`` from Unicode's Unihan ``kTotalStrokes``.

Run ``python -m scripts.strokes_gen /usr/share/unicode/Unihan_IRGSources.txt.bz2``
(the file comes with Debian's ``unicode-data`` package; Unihan.zip from unicode.org
holds the same lines). Only the CJK Unified Ideographs block and Extension A are
kept: that is where names of people are written. Where Unihan gives two counts
the first (the one for the simplified, G-source glyph) is used.
"""

from __future__ import annotations

import bz2
import sys
from pathlib import Path

BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))
OFFSET = 0x30  # stroke count n is stored as chr(OFFSET + n)
TARGET = Path(__file__).resolve().parent.parent / "kexie_cli" / "query" / "_strokes.py"


def read_counts(source: Path) -> dict[int, int]:
    opener = bz2.open if source.suffix == ".bz2" else open
    counts: dict[int, int] = {}
    with opener(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTotalStrokes":
                counts[int(parts[0][2:], 16)] = int(parts[2].split()[0])
    return counts


def module_text(counts: dict[int, int]) -> str:
    out = [
        '"""Total strokes (Unihan kTotalStrokes) of CJK characters, by scripts/strokes_gen.py: do not edit."""',
        "",
        f"OFFSET = {OFFSET}",
        "BLOCKS: dict[int, str] = {",
    ]
    for first, last in BLOCKS:
        text = "".join(chr(OFFSET + counts.get(cp, 0)) for cp in range(first, last + 1))
        out.append(f"    0x{first:04X}: (")
        for i in range(0, len(text), 100):
            chunk = text[i : i + 100].replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'        "{chunk}"')
        out.append("    ),")
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    TARGET.write_text(module_text(read_counts(Path(argv[1]))), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
