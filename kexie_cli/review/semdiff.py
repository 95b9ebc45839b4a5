"""Semantic diff of records: what changed in a record's meaning, in the registry's own words.

Lists that have a natural key are compared by that key (inspections and stars by
year, past terms by number, meetings by date and type); leaders are compared by
role (the current holders of each role: 理事长：张三 → 李四) and then person by
person; everything else field by field, labelled with the schema titles and
enum labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds
from kexie_cli.i18n import tr
from kexie_cli.numerals import chinese_number
from kexie_cli.registry.layout import FOLDER_KINDS
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.review.semdiff_terms import election_changes, moved_election, past_terms_changes
from kexie_cli.validate.door import record_data

Path_ = tuple[str | int, ...]
RENAME_SIMILARITY = 0.6


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # stable English path: "term.number", "leaders.chair", "inspections.2025"
    label: str
    old: str | None
    new: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "label": self.label, "old": self.old, "new": self.new}


@dataclass(slots=True)
class RecordChange:
    change: str  # added | removed | renamed | modified | unreadable (the new side cannot be read)
    id: str
    kind: str | None
    name: str
    file: str
    old_file: str | None = None
    changes: list[FieldChange] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "file": self.file,
            "old_file": self.old_file,
            "changes": [c.as_dict() for c in self.changes],
        }


@dataclass(slots=True)
class _Side:
    path: str
    raw: bytes
    data: dict[str, Any] | None

    @property
    def kind(self) -> str | None:
        parts = self.path.split("/")
        return FOLDER_KINDS.get(parts[1]) if len(parts) == 3 and parts[2].endswith(".yaml") else None

    @property
    def id(self) -> str:
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) and value else self.path.rsplit("/", 1)[-1].removesuffix(".yaml")

    @property
    def name(self) -> str:
        value = self.data.get("name") if self.data else None
        return value if isinstance(value, str) else ""


def _side(path: str, raw: bytes) -> _Side:
    return _Side(path, raw, record_data(raw))


def diff_snapshots(
    old: dict[str, bytes | None], new: dict[str, bytes | None], schemas: SchemaSet, lang: str = "zh"
) -> list[RecordChange]:
    """Records added, removed, renamed and modified between two snapshots (path → bytes).

    A file that cannot be read (None: not readable, not a regular file, or over the size
    limit) on the new side is reported as ``unreadable``, never as removed; on the old side
    it counts as a file whose data is unknown.
    """
    out: list[RecordChange] = []
    for path in sorted(p for p, raw in new.items() if raw is None):
        side = _Side(path, b"", None)
        out.append(RecordChange("unreadable", side.id, side.kind, "", path))
    fresh = {p: raw for p, raw in new.items() if raw is not None}
    before = {p: b"" if raw is None else raw for p, raw in old.items() if new.get(p, b"") is not None}
    for path in sorted(set(before) & set(fresh)):
        if before[path] == fresh[path]:
            continue
        a, b = _side(path, before[path]), _side(path, fresh[path])
        changes = diff_records(b.kind or a.kind, a.data, b.data, schemas, lang)
        if changes:
            out.append(RecordChange("modified", b.id, b.kind, b.name or a.name, path, None, changes))
    gone = [_side(p, before[p]) for p in sorted(set(before) - set(fresh))]
    came = [_side(p, fresh[p]) for p in sorted(set(fresh) - set(before))]
    for a, b in _pair_renames(gone, came):
        gone.remove(a)
        came.remove(b)
        changes = diff_records(b.kind, a.data, b.data, schemas, lang)
        out.append(RecordChange("renamed", b.id, b.kind, b.name, b.path, a.path, changes))
    out.extend(RecordChange("removed", a.id, a.kind, a.name, a.path) for a in gone)
    out.extend(RecordChange("added", b.id, b.kind, b.name, b.path) for b in came)
    order = {"unreadable": -1, "removed": 0, "renamed": 1, "added": 2, "modified": 3}
    out.sort(key=lambda c: (order[c.change], c.file))
    return out


def _pair_renames(gone: list[_Side], came: list[_Side]) -> list[tuple[_Side, _Side]]:
    """Removed/added files of one kind whose data are mostly the same are one record renamed."""
    scored = []
    for a in gone:
        for b in came:
            if a.kind == b.kind and a.data is not None and b.data is not None:
                score = _similarity(a.data, b.data)
                if score >= RENAME_SIMILARITY:
                    scored.append((score, a.path, b.path, a, b))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    pairs: list[tuple[_Side, _Side]] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    for _, pa, pb, a, b in scored:
        if pa not in used_a and pb not in used_b:
            used_a.add(pa)
            used_b.add(pb)
            pairs.append((a, b))
    return pairs


def _similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    keys = (set(a) | set(b)) - {"id"}
    if not keys:
        return 0.0
    return sum(1 for k in keys if a.get(k) == b.get(k)) / len(keys)


# --- one record ------------------------------------------------------------------------


def diff_records(
    kind: str | None, old: dict[str, Any] | None, new: dict[str, Any] | None, schemas: SchemaSet, lang: str = "zh"
) -> list[FieldChange]:
    """The field changes between two versions of a record's data."""
    if old is None or new is None:
        if old is new:
            return []
        unreadable = tr("diff.unreadable", lang)
        return [
            FieldChange(
                "", unreadable, None if old is not None else unreadable, None if new is not None else unreadable
            )
        ]
    return _Differ(kind, schemas, lang).record(old, new)


class _Differ:
    def __init__(self, kind: str | None, schemas: SchemaSet, lang: str) -> None:
        self.kind = kind
        self.schemas = schemas
        self.lang = lang
        self.out: list[FieldChange] = []
        self.moved: Any = None  # the past term the current ``election`` moved into (kexie elect)

    # labels and values

    def title(self, path: Path_) -> str:
        if self.lang == "en" or self.kind is None:
            return str(path[-1])
        schema_path = tuple(0 if isinstance(p, int) else p for p in path)
        return self.schemas.title(self.kind, schema_path) or str(path[-1])

    def label(self, path: Path_) -> str:
        if self.lang == "en" or self.kind is None:
            return "·".join(str(p) for p in path if not isinstance(p, int))
        return self.schemas.path_label(self.kind, path)

    def show(self, path: Path_, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            return ("是" if value else "否") if self.lang != "en" else str(value).lower()
        if isinstance(value, list):
            return (
                "、".join(filter(None, (self.show((*path, 0), v) for v in value)))
                if self.lang != "en"
                else ", ".join(filter(None, (self.show((*path, 0), v) for v in value)))
            )
        if isinstance(value, dict):
            return ", ".join(f"{k}: {self.show((*path, k), v)}" for k, v in value.items())
        if isinstance(value, str) and self.kind is not None and self.lang != "en":
            schema_path = tuple(0 if isinstance(p, int) else p for p in path)
            return self.schemas.label(self.kind, schema_path, value, self.lang)
        return str(value)

    def add(self, key: str, label: str, old: str | None, new: str | None) -> None:
        if old != new:
            self.out.append(FieldChange(key, label, old, new))

    # the walk

    def record(self, old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
        self.moved = moved_election(old, new)
        order = self.schemas.key_order(self.kind, ()) if self.kind else []
        keys = [k for k in order if k in old or k in new]
        keys += [k for k in list(old) + list(new) if k not in keys and k not in order]
        for key in dict.fromkeys(keys):
            a, b = old.get(key), new.get(key)
            if a == b:
                continue
            handler = getattr(self, f"_{key}", None)
            if (
                handler is not None
                and (a is None or isinstance(a, (list, dict)))
                and (b is None or isinstance(b, (list, dict)))
            ):
                handler(a, b)
            else:
                self.generic((key,), a, b)
        return self.out

    def generic(self, path: Path_, a: Any, b: Any) -> None:
        if (isinstance(a, dict) and b is None) or (a is None and isinstance(b, dict)):
            a, b = a or {}, b or {}  # a mapping added or removed: field by field, with their titles
        if isinstance(a, dict) and isinstance(b, dict):
            for key in dict.fromkeys([*a, *b]):
                if a.get(key) != b.get(key):
                    self.generic((*path, key), a.get(key), b.get(key))
            return
        if isinstance(a, list) and isinstance(b, list) and any(isinstance(x, dict) for x in a + b):
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else None
                y = b[i] if i < len(b) else None
                if x != y:
                    self.entry(path, i, x, y)
            return
        self.add(_key(path), self.label(path), self.show(path, a), self.show(path, b))

    def entry(self, path: Path_, index: int, a: Any, b: Any) -> None:
        label = f"{self.label(path)} {index + 1}"
        if isinstance(a, dict) and isinstance(b, dict):
            for key in dict.fromkeys([*a, *b]):
                if a.get(key) != b.get(key):
                    sub = (*path, index, key)
                    self.add(
                        _key(sub), f"{label}·{self.title(sub)}", self.show(sub, a.get(key)), self.show(sub, b.get(key))
                    )
            return
        self.add(_key((*path, index)), label, self.show((*path, index), a), self.show((*path, index), b))

    # keyed lists and special fields

    def _term(self, a: Any, b: Any) -> None:
        a, b = a or {}, b or {}
        if not isinstance(a, dict) or not isinstance(b, dict):
            self.generic(("term",), a, b)
            return
        label = tr("diff.term", self.lang)
        self.add("term.number", label, self._number(a.get("number")), self._number(b.get("number")))
        for key in dict.fromkeys([*a, *b]):
            if key != "number" and a.get(key) != b.get(key):
                path = ("term", key)
                self.add(_key(path), self.label(path), self.show(path, a.get(key)), self.show(path, b.get(key)))

    def _number(self, value: Any) -> str | None:
        if value is None:
            return None
        shown = chinese_number(value) if self.lang != "en" else str(value)
        return tr("diff.term_number", self.lang, n=shown)

    def _leaders(self, a: Any, b: Any) -> None:
        a = [x for x in (a or []) if isinstance(x, dict)]
        b = [x for x in (b or []) if isinstance(x, dict)]
        roles = list(dict.fromkeys(str(x.get("role")) for x in a + b))
        sep = "、" if self.lang != "en" else ", "
        for role in roles:
            before = [str(x.get("name")) for x in a if x.get("role") == role and x.get("until") is None]
            after = [str(x.get("name")) for x in b if x.get("role") == role and x.get("until") is None]
            role_label = self.role(role)
            self.add(f"leaders.{role}", role_label, sep.join(before) or None, sep.join(after) or None)
        old_people = {(_hashable(x.get("role")), _hashable(x.get("name"))): x for x in a}
        for person in b:
            key = (_hashable(person.get("role")), _hashable(person.get("name")))
            before_person = old_people.get(key)
            if before_person is None or before_person == person:
                continue
            role_label = self.role(person.get("role"))
            for name in dict.fromkeys([*before_person, *person]):
                if before_person.get(name) != person.get(name):
                    path = ("leaders", 0, name)
                    self.add(
                        f"leaders.{key[0]}.{key[1]}.{name}",
                        f"{role_label} {key[1]}·{self.title(path)}",
                        self.show(path, before_person.get(name)),
                        self.show(path, person.get(name)),
                    )

    def role(self, code: Any) -> str:
        """The kind's word for the role: 理事长 (society), 主席 (branch), 主任委员 (subunit) (``Kind.roles``)."""
        label = self.show(("leaders", 0, "role"), code) or str(code)
        return kinds.role_words(self.kind).get(str(code), label) if self.lang != "en" else label

    def _keyed(self, name: str, a: Any, b: Any, key: Any, label: Any, value: Any) -> None:
        before = {_hashable(key(x)): x for x in (a or []) if isinstance(x, dict)}
        after = {_hashable(key(x)): x for x in (b or []) if isinstance(x, dict)}
        for k in sorted(set(before) | set(after), key=str):
            x, y = before.get(k), after.get(k)
            if x != y:
                self.add(f"{name}.{k}", label(k), value(x) if x else None, value(y) if y else None)

    def _inspections(self, a: Any, b: Any) -> None:
        def value(entry: dict[str, Any]) -> str:
            shown = self.show(("inspections", 0, "result"), entry.get("result")) or "-"
            if entry.get("submitted") is not None:
                submitted = self.title(("inspections", 0, "submitted"))
                shown += (
                    f"（{submitted} {entry['submitted']}）"
                    if self.lang != "en"
                    else f" (submitted {entry['submitted']})"
                )
            return shown

        self._keyed(
            "inspections", a, b, lambda x: x.get("year"), lambda y: tr("diff.inspection", self.lang, year=y), value
        )

    def _stars(self, a: Any, b: Any) -> None:
        self._keyed(
            "stars",
            a,
            b,
            lambda x: x.get("year"),
            lambda y: tr("diff.star", self.lang, year=y),
            lambda x: tr("diff.stars_value", self.lang, n=x.get("stars")),
        )

    def _past_terms(self, a: Any, b: Any) -> None:
        past_terms_changes(self, a, b)

    def _election(self, a: Any, b: Any) -> None:
        election_changes(self, a, b, self.moved)

    def _meetings(self, a: Any, b: Any) -> None:
        self._keyed(
            "meetings",
            a,
            b,
            lambda x: f"{x.get('date')} {x.get('type')}",
            lambda k: tr("diff.meeting", self.lang, date=k.split(" ")[0]),
            lambda x: self.show(("meetings", 0, "type"), x.get("type")) or "-",
        )


def _hashable(value: Any) -> Any:
    """``value`` usable as a dict key: a list or mapping (a wrong type in a record) becomes its text."""
    return str(value) if isinstance(value, (list, dict)) else value


def _key(path: Path_) -> str:
    return ".".join(str(p) for p in path)
