"""Cross-record index: ids, kinds, references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kexie_cli.records.model import Record, text


class Index:
    """Every record of a registry by id, plus the ids of files that failed to load."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records: list[Record] = []
        self.by_id: dict[str, list[Record]] = defaultdict(list)
        # id -> kind for every known id, including files that could not be loaded
        self.kinds: dict[str, str | None] = {}
        self.unloaded: set[str] = set()
        for record in records:
            if record.kind is None:
                continue
            if record.loaded:
                self.records.append(record)
                self.by_id[record.id].append(record)
                self.kinds.setdefault(record.id, record.kind)
            else:
                self.unloaded.add(record.file.stem_id)
                self.kinds.setdefault(record.file.stem_id, record.kind)
        self._covering: dict[str, list[Record]] | None = None
        self._children: dict[str, list[Record]] | None = None

    def get(self, record_id: str) -> Record | None:
        found = self.by_id.get(record_id)
        return found[0] if found else None

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records if r.kind == kind]

    @property
    def covering(self) -> dict[str, list[Record]]:
        """Record id -> party cells whose ``covers`` lists it."""
        if self._covering is None:
            out: dict[str, list[Record]] = defaultdict(list)
            for cell in self.of_kind("party-cell"):
                covers = cell.get("covers")
                for target in covers if isinstance(covers, list) else []:
                    if isinstance(target, str):
                        out[target].append(cell)
            self._covering = out
        return self._covering

    @property
    def children(self) -> dict[str, list[Record]]:
        """Parent id -> records naming it as ``parent``."""
        if self._children is None:
            out: dict[str, list[Record]] = defaultdict(list)
            for record in self.records:
                parent = text(record.get("parent"))
                if parent:
                    out[parent].append(record)
            self._children = out
        return self._children
