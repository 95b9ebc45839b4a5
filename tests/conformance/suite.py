"""The official YAML test suite, read the way the conformance tests need it.

Each case is a folder under ``yaml-test-suite/data`` (vendored from the
suite's data branch, MIT License, see ``yaml-test-suite/License``) with the
input ``in.yaml``, the expected parser events ``test.event`` and, for
invalid YAML, an ``error`` marker. The expected data of a valid case is
built from its events (``in.json`` is missing for many cases and cannot
hold null keys): plain scalars resolved with the YAML 1.2 core schema like
kexie's loader, keys kept as written (kexie keeps record keys as text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kexie_cli.records import fastload
from kexie_cli.records.loader import Loaded, load_bytes, resolve_plain
from kexie_cli.records.locate import same

DATA = Path(__file__).parent / "yaml-test-suite" / "data"

_ESCAPES = {"\\": "\\", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "0": "\0"}


class _Complex:
    """A key that is a collection (kexie refuses those: K004)."""

    def __hash__(self) -> int:
        return id(self)


@dataclass(frozen=True, slots=True)
class Case:
    name: str  # "4ABK" or "DK95/01"
    raw: bytes
    error: bool
    documents: tuple[Any, ...]  # expected data, one per document (valid cases only)

    @property
    def single_mapping(self) -> bool:
        return not self.error and len(self.documents) == 1 and isinstance(self.documents[0], dict)


def cases() -> Iterator[Case]:
    for event_file in sorted(DATA.glob("**/test.event")):
        folder = event_file.parent
        name = folder.relative_to(DATA).as_posix()
        raw = (folder / "in.yaml").read_bytes()
        error = (folder / "error").exists()
        documents = () if error else tuple(_documents(event_file.read_text(encoding="utf-8")))
        yield Case(name, raw, error, documents)


def _unescape(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _documents(events: str) -> Iterator[Any]:
    anchors: dict[str, Any] = {}
    stack: list[list[Any]] = []  # [container, pending key or marker]
    root: list[Any] = []
    missing = object()

    def place(value: Any, is_key_text: str | None) -> None:
        if not stack:
            root.append(value)
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif frame[1] is missing:
            frame[1] = is_key_text if is_key_text is not None else _Complex()
        else:
            container[frame[1]] = value
            frame[1] = missing

    for line in events.splitlines():
        parts = line.split(" ")
        head = parts[0]
        if head == "+DOC":
            root.clear()
        elif head == "-DOC":
            yield root[0] if root else None
        elif head in ("+MAP", "+SEQ"):
            anchor = next((p[1:] for p in parts[1:] if p.startswith("&")), None)
            container: Any = {} if head == "+MAP" else []
            place(container, None)
            stack.append([container, missing])
            if anchor:
                anchors[anchor] = container
        elif head in ("-MAP", "-SEQ"):
            stack.pop()
        elif head == "=ALI":
            place(anchors.get(parts[1][1:]), None)
        elif head == "=VAL":
            rest = line[5:]
            anchor = None
            tagged = False
            while rest[:1] in ("&", "<"):
                token, _, rest = rest.partition(" ")
                if token.startswith("&"):
                    anchor = token[1:]
                else:
                    tagged = True
            style, text = rest[:1], _unescape(rest[1:])
            value = resolve_plain(text) if style == ":" and not tagged else text
            place(value, text)
            if anchor:
                anchors[anchor] = value


def outcome(case: Case, loaded: Loaded) -> str:
    """``correct``, ``refused`` (with a finding) or ``wrong`` (silently accepted, or different data)."""
    if loaded.problems:
        return "refused"
    if case.error or not case.single_mapping:
        return "wrong"
    return "correct" if same(loaded.data, case.documents[0]) else "wrong"


def tally(load: Callable[[bytes], Loaded]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"correct": [], "refused": [], "wrong": []}
    for case in cases():
        out[outcome(case, load(case.raw))].append(case.name)
    return out


def main() -> None:
    """Print the conformance counts: ``python -m tests.conformance.suite``."""

    def bulk(raw: bytes) -> Loaded:
        fast = fastload.load(raw)
        return fast if fast is not None else load_bytes(raw)

    total = sum(1 for _ in cases())
    for name, load in (("strict loader", load_bytes), ("bulk path", bulk)):
        found = tally(load)
        print(
            f"{name}: {total} cases, {len(found['correct'])} accepted with the right data, "
            f"{len(found['refused'])} refused with a finding, {len(found['wrong'])} wrong {found['wrong']}"
        )


if __name__ == "__main__":
    main()
