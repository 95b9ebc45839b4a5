"""Pinyin of names kept between runs: ``.kexie/cache/pinyin-<fingerprint>.bin``.

Sorting in pinyin order (the default of ``list``, ``find`` ...) reads every name with pypinyin,
which segments the text into words (重庆 reads chóng): about half of a ``kexie list`` of 10,000
societies. The pinyin of a text depends on the text and on pypinyin alone, so it is remembered
by text, in a pack whose fingerprint holds pypinyin's version, kexie's code and the Python and
marshal versions. The pack is signed and written atomically like the other packs
(:mod:`kexie_cli.validate.cache`); one that does not check out is ignored. It keeps the texts of
the last runs, up to :data:`MAX_TEXTS` (then it starts again from this run's).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kexie_cli.query import names, simplified
from kexie_cli.registry import state
from kexie_cli.validate.cache import CACHE_DIR, _secret, code_fingerprint, read_pack, write_pack

FORMAT = 2  # 2: {"pinyin": ..., "simplified": ...}: find's simplified forms kept too (query/simplified.py)
MAX_TEXTS = 1 << 18  # texts kept of each (a 50,000-record registry has some 60,000 names)
PINYIN, SIMPLIFIED = "pinyin", "simplified"  # the pack's two parts


def pinyin_fingerprint() -> str:
    parts = [
        f"format={FORMAT}",
        f"pypinyin={_version('pypinyin', 'pypinyin')}",
        f"opencc={_version('opencc', 'opencc-python-reimplemented')}",
        f"code={code_fingerprint()}",
        f"python={sys.version_info[:2]} marshal={marshal.version}",
    ]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def _version(module: str, dist: str) -> str:
    """The installed version of distribution ``dist`` (which holds ``module``): from the name of its
    ``<dist>-<version>.dist-info`` folder beside the module, else from importlib.metadata, which takes
    longer to import than a whole warm ``kexie list`` spends sorting."""
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent.parent
        prefix = dist.replace("-", "_") + "-"
        try:
            found = [p.name for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(".dist-info")]
        except OSError:
            found = []
        if len(found) == 1:
            return found[0][len(prefix) : -len(".dist-info")]
    from importlib import metadata  # noqa: PLC0415 - only where no dist-info folder says it

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return "?"


class PinyinCache:
    """The remembered pinyin of one registry's cache folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.fp = pinyin_fingerprint()
        self.path = self.folder / f"pinyin-{self.fp}.bin"
        self.secret = _secret() if state.usable(root, "cache") else None
        self.known: dict[str, dict[str, Any]] = {PINYIN: {}, SIMPLIFIED: {}}

    def load(self) -> None:
        """Hand the remembered pinyin to :mod:`kexie_cli.query.names`, the simplified forms to
        :mod:`kexie_cli.query.simplified`."""
        found = read_pack(self.secret, self.path)
        self.known = {part: _part(found, part) for part in (PINYIN, SIMPLIFIED)}
        names.remember(self.known[PINYIN])
        simplified.remember(self.known[SIMPLIFIED])

    def save(self) -> None:
        """Keep what this run added (nothing is written when nothing is new); errors are ignored."""
        made: dict[str, dict[str, Any]] = {PINYIN: names.made(), SIMPLIFIED: simplified.made()}
        new = {part: {t: f for t, f in made[part].items() if t not in self.known[part]} for part in made}
        if self.secret is None or not any(new.values()):
            return
        kept: dict[str, dict[str, Any]] = {}
        for part, added in new.items():
            known = self.known[part]
            kept[part] = {**known, **added} if len(known) + len(added) <= MAX_TEXTS else added
        try:
            if state.ensure(self.root, "cache") != self.folder:
                return
            write_pack(self.secret, self.path, dict(kept))
            self.known = kept
            for old in self.folder.glob("pinyin-*.bin"):
                if old.name != self.path.name:
                    with contextlib.suppress(OSError):
                        old.unlink()
        except (OSError, state.UnsafeState):
            return


def _part(pack: dict[str, Any], part: str) -> dict[str, Any]:
    found = pack.get(part)
    return found if isinstance(found, dict) else {}


@contextlib.contextmanager
def kept_pinyin(root: Path | None) -> Iterator[None]:
    """Pinyin remembered from earlier runs in the registry at ``root`` while the block sorts; what it made is kept."""
    if root is None:
        yield
        return
    cache = PinyinCache(root)
    cache.load()
    yield
    cache.save()
