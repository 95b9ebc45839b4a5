"""Line and column (1-based) of every node of a loaded document, by data path."""

from __future__ import annotations

from collections.abc import Iterable

PathKey = tuple[str | int, ...]
LineCol = tuple[int, int]


class Positions:
    """Where each value (and each mapping key) of a document stands in its file."""

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.values: dict[PathKey, LineCol] = {}
        self.keys: dict[PathKey, LineCol] = {}

    def of(self, path: Iterable[str | int]) -> LineCol:
        """Position of the value at ``path``, or of its nearest known ancestor."""
        key = tuple(path)
        while key:
            found = self.values.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: Iterable[str | int]) -> LineCol:
        """Position of the mapping key that names ``path`` (falls back to :meth:`of`)."""
        key = tuple(path)
        found = self.keys.get(key)
        return found if found is not None else self.of(key)
