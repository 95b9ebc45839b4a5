"""Diff of ``past_terms`` and ``election`` (issue 20): changes inside a past term are shown, and the
move of a 换届's progress into ``past_terms`` at ``kexie elect`` reads as a move, not as an erasure.
"""

from __future__ import annotations

from typing import Any, Protocol

from kexie_cli.i18n import tr
from kexie_cli.numerals import chinese_number

Path_ = tuple[str | int, ...]


class Differ(Protocol):
    lang: str

    def title(self, path: Path_) -> str: ...

    def show(self, path: Path_, value: Any) -> str | None: ...

    def add(self, key: str, label: str, old: str | None, new: str | None) -> None: ...


def _by_number(entries: Any) -> dict[Any, dict[str, Any]]:
    out: dict[Any, dict[str, Any]] = {}
    for item in entries or []:
        if isinstance(item, dict):
            number = item.get("number")
            out[str(number) if isinstance(number, (list, dict)) else number] = item
    return out


def steps_text(differ: Differ, node: Any) -> str | None:
    """``报送换届方案 2026-06-10（示地学〔2026〕5号）；召开换届大会 2026-11-20``: the recorded steps."""
    if not isinstance(node, dict) or not node:
        return None
    parts = []
    for key, value in node.items():
        title = differ.title(("election", key))
        if isinstance(value, dict):
            doc_no = value.get("doc_no")
            shown = f"{title} {value.get('date', '?')}" + (f"（{doc_no}）" if doc_no else "")
            if value.get("planned"):
                shown += f"，{differ.title(('election', key, 'planned'))} {value['planned']}"
        else:
            shown = f"{title} {value}"
        parts.append(shown)
    return ("；" if differ.lang != "en" else "; ").join(parts)


def moved_election(old: dict[str, Any], new: dict[str, Any]) -> Any:
    """The number of the past term the old ``election`` moved into (``kexie elect``), or None."""
    before, after = old.get("election"), new.get("election")
    if not isinstance(before, dict) or after == before:
        return None
    old_terms = _by_number(old.get("past_terms"))
    for number, entry in _by_number(new.get("past_terms")).items():
        moved = entry.get("election")
        if number in old_terms or not isinstance(moved, dict):
            continue
        if all(moved.get(k) == v for k, v in before.items()):
            return number
    return None


def past_term_label(differ: Differ, number: Any) -> str:
    shown = chinese_number(number) if differ.lang != "en" and isinstance(number, int) else number
    return tr("diff.past_term", differ.lang, n=shown)


def election_changes(differ: Differ, a: Any, b: Any, moved_to: Any) -> None:
    """The current ``election``: step by step, or one line when it moved into ``past_terms``."""
    label = differ.title(("election",))
    if moved_to is not None:
        target = tr("diff.moved_to", differ.lang, where=past_term_label(differ, moved_to))
        differ.add("election", label, steps_text(differ, a), target)
        return
    _steps(differ, "election", label, a, b)


def _steps(differ: Differ, key: str, label: str, a: Any, b: Any) -> None:
    a = a if isinstance(a, dict) else {}
    b = b if isinstance(b, dict) else {}
    for step in dict.fromkeys([*a, *b]):
        if a.get(step) != b.get(step):
            one = steps_text(differ, {step: a[step]}) if step in a else None
            two = steps_text(differ, {step: b[step]}) if step in b else None
            differ.add(f"{key}.{step}", f"{label}·{differ.title(('election', step))}", one, two)


def past_terms_changes(differ: Differ, a: Any, b: Any) -> None:
    """Past terms by number: a new one with its span and its 换届 steps, and every change inside one."""
    before, after = _by_number(a), _by_number(b)
    for number in sorted(set(before) | set(after), key=str):
        x, y = before.get(number), after.get(number)
        if x == y:
            continue
        label = past_term_label(differ, number)
        if x is None or y is None:
            entry = x or y or {}
            span = f"{entry.get('started', '?')} – {entry.get('ended') or entry.get('extended_to') or '?'}"
            differ.add(f"past_terms.{number}", label, None if x is None else span, None if y is None else span)
            steps = steps_text(differ, entry.get("election"))
            if steps:
                elabel = f"{label}·{differ.title(('election',))}"
                key = f"past_terms.{number}.election"
                differ.add(key, elabel, None if x is None else steps, None if y is None else steps)
            continue
        for field in dict.fromkeys([*x, *y]):
            if x.get(field) == y.get(field):
                continue
            if field == "election":
                elabel = f"{label}·{differ.title(('election',))}"
                _steps(differ, f"past_terms.{number}.election", elabel, x.get(field), y.get(field))
            else:
                path: Path_ = ("past_terms", 0, field)
                differ.add(
                    f"past_terms.{number}.{field}",
                    f"{label}·{differ.title(path)}",
                    differ.show(path, x.get(field)),
                    differ.show(path, y.get(field)),
                )
