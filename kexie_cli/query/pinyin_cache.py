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
import marshal
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from kexie_cli.query import names
from kexie_cli.registry import state
from kexie_cli.validate.cache import CACHE_DIR, _secret, code_fingerprint, read_pack, write_pack

FORMAT = 1
MAX_TEXTS = 1 << 18  # texts kept (a 50,000-record registry has some 60,000 names)


def pinyin_fingerprint() -> str:
    try:
        version = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:  # pragma: no cover - pypinyin is a dependency
        version = "?"
    parts = [
        f"format={FORMAT}",
        f"pypinyin={version}",
        f"code={code_fingerprint()}",
        f"python={sys.version_info[:2]} marshal={marshal.version}",
    ]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


class PinyinCache:
    """The remembered pinyin of one registry's cache folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.fp = pinyin_fingerprint()
        self.path = self.folder / f"pinyin-{self.fp}.bin"
        self.secret = _secret() if state.usable(root, "cache") else None
        self.known: dict[str, Any] = {}

    def load(self) -> None:
        """Hand the remembered pinyin to :mod:`kexie_cli.query.names`."""
        self.known = read_pack(self.secret, self.path)
        names.remember(self.known)

    def save(self) -> None:
        """Keep what this run added (nothing is written when nothing is new); errors are ignored."""
        new = {text: found for text, found in names.made().items() if text not in self.known}
        if self.secret is None or not new:
            return
        kept = {**self.known, **new} if len(self.known) + len(new) <= MAX_TEXTS else new
        try:
            if state.ensure(self.root, "cache") != self.folder:
                return
            write_pack(self.secret, self.path, kept)
            self.known = kept
            for old in self.folder.glob("pinyin-*.bin"):
                if old.name != self.path.name:
                    with contextlib.suppress(OSError):
                        old.unlink()
        except (OSError, state.UnsafeState):
            return


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
