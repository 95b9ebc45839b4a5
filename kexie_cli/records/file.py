"""A file under ``records/``: where it is and the kind its folder implies."""

from __future__ import annotations

from pathlib import Path

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode: the data Git's index compares


class RecordFile:
    """A file under records/: where it is, and the kind its folder implies.

    Made for every file of every check, so the :class:`Path` is built only
    when asked for (``abspath`` is the plain string the readers use).
    ``regular``: the folder scan saw a regular file (not a link), so the
    reader may skip its own ``stat`` before opening (it still checks the
    opened file with ``fstat``).
    """

    __slots__ = ("_path", "abspath", "kind", "link", "regular", "relpath", "stat")

    def __init__(
        self,
        path: Path | str,
        relpath: str,
        kind: str | None,
        regular: bool = False,
        link: str | None = None,
        stat: Stat | None = None,
    ) -> None:
        self._path = path if isinstance(path, Path) else None
        self.abspath = str(path)
        self.relpath = relpath
        self.kind = kind  # None: outside the known folders or not .yaml (K006), or a linked folder (K007)
        self.regular = regular
        self.link = link  # a folder that is a symbolic link (to ``link``): never entered (K007)
        self.stat = stat  # the stat data the folder scan took of a regular file (None: not taken)

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self.abspath)
        return self._path

    @property
    def name(self) -> str:
        return self.relpath.rpartition("/")[2]

    @property
    def stem_id(self) -> str:
        return self.name.removesuffix(".yaml")

    def _key(self) -> tuple[str, str, str | None]:
        return (self.abspath, self.relpath, self.kind)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecordFile) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"RecordFile({self.abspath!r}, {self.relpath!r}, {self.kind!r})"
