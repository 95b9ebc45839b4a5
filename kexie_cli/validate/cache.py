"""The content-hash cache of per-file outcomes: ``.kexie/cache/`` at the registry root.

One pack file per *fingerprint*: everything besides a file's own bytes that
its outcome depends on (kexie's version and source code, the schemas, the
settings, the rule set, the language, the as-of date, the Python version).
Inside a pack, an outcome is keyed by a hash of the file's path and bytes.
So an entry can never be stale: a change to any input is a different key or
a different pack. Only per-file work is cached (loading, schema, record
rules that look at no other record); cross-record rules always run.

Writes are atomic (a temporary file renamed over the pack), so two runs that
overlap never leave a torn pack: the last one to finish wins, and at worst
some entries are missing (computed again next time). A pack that cannot be
read is ignored. ``.kexie/`` carries its own ``.gitignore`` (``*``); a
``.kexie`` or ``.kexie/cache`` that is a link or not the user's is not used
(one warning, the run goes on without the cache: :mod:`kexie_cli.registry.state`).

A pack is signed with a key kept outside the registry (in the user's cache
folder, ``$XDG_CACHE_HOME/kexie/cache-key``), so a pack that came from
elsewhere (committed by mistake or on purpose, copied from another machine)
fails the check and is ignored: it cannot make ``kexie check`` pass.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Generic, TypeVar

import kexie_cli
from kexie_cli.records.bulk import gc_paused, pure
from kexie_cli.registry import state
from kexie_cli.registry.load import Registry
from kexie_cli.registry.readfile import read_bounded
from kexie_cli.rules.base import Rule
from kexie_cli.validate.options import CheckOptions
from kexie_cli.validate.statindex import StatIndex, index_path

# One file's outcome, in plain types (marshal-able for the cache):
# (data, problems, findings, deferred rule codes); the cache keeps the record's facts
# (validate/cached_records.py) in place of its data
ProblemRow = tuple[str, int, int, str, tuple[tuple[str, str], ...]]
Outcome = tuple[
    dict[str, Any] | None,
    list[ProblemRow],
    list[tuple[str, str, str, int, int, str | None, str, str]],
    list[str],
]

CACHE_DIR = ".kexie/cache"  # relative to the registry root
FORMAT = 4  # 2: finding rows carry the anchor (data path); 3: facts instead of data; 4: shards
KEEP_PACKS = 4  # packs of other fingerprints kept (other as-of dates, languages ...)
KEEP_MEMOS = 8  # run results kept per fingerprint (different options)
MAX_PACK_BYTES = 256 * 1024 * 1024  # a larger pack (or a link, a FIFO) is not read: a miss (issue 28)
T = TypeVar("T")
SHARDS = 16  # the per-file pack is split by key, so one changed file rewrites one or two sixteenths

_xxhash: Any
try:
    import xxhash as _xxhash
except ImportError:  # pragma: no cover - the hashlib fallback is tested directly
    _xxhash = None

_CODE_FINGERPRINT: str | None = None


def content_key(relpath: str, raw: bytes, use_xxhash: bool = True) -> str:
    """Hash of a file's path and bytes (xxh3-128 when available, else BLAKE2b-128)."""
    head = relpath.encode("utf-8") + b"\0"
    digest = _xxhash.xxh3_128(head) if use_xxhash and _xxhash is not None else hashlib.blake2b(head, digest_size=16)
    digest.update(raw)
    return ("x" if use_xxhash and _xxhash is not None else "b") + str(digest.hexdigest())


def code_fingerprint() -> str:
    """Hash of kexie's own source files (an edited rule must not be served from the cache)."""
    global _CODE_FINGERPRINT  # noqa: PLW0603 - computed once per process
    if _CODE_FINGERPRINT is None:
        package = Path(kexie_cli.__file__).parent
        digest = hashlib.blake2b(digest_size=16)
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
        _CODE_FINGERPRINT = digest.hexdigest()
    return _CODE_FINGERPRINT


def fingerprint(registry: Registry, options: CheckOptions, rules: dict[str, Rule]) -> str:
    """Everything besides a file's bytes that a per-file outcome depends on."""
    parts = [
        # which loader and validator ran: the fast and the pure path must agree, but a cache
        # filled by one must never answer for the other (that would hide a disagreement)
        f"path={'pure' if pure() else 'fast'}",
        f"format={FORMAT}",
        f"kexie={kexie_cli.__version__}",
        f"code={code_fingerprint()}",
        f"python={sys.version_info[:2]} marshal={marshal.version}",
        f"schemas={registry.schemas.fingerprint()}",
        f"settings={registry.settings.fingerprint()}",
        "rules=" + ",".join(f"{r.code}:{r.severity}:{r.scope}:{r.check is not None}" for r in rules.values()),
        f"lang={options.lang}",
        f"today={options.today.isoformat()}",
    ]
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


class Shards(Generic[T]):
    """Entries keyed by content key, in :data:`SHARDS` signed packs ``<prefix>-<0…f>.bin`` by the key's
    last hex digit: read whole on first use, and on save only the shards that changed are written.

    The one implementation of sharded packs: the per-file outcomes (:class:`Cache`) and the
    parsed record data (:class:`kexie_cli.validate.datacache.DataCache`) are both ``Shards``.
    """

    def __init__(self, folder: Path, prefix: str, secret: bytes | None) -> None:
        self.folder = folder
        self.paths = [folder / f"{prefix}-{shard:x}.bin" for shard in range(SHARDS)]
        self.secret = secret
        self._entries: dict[str, T] | None = None
        self._loaded = [0] * SHARDS  # entries read from each shard
        self._dirty = [False] * SHARDS  # shards with new entries
        self.used: set[str] = set()

    @property
    def entries(self) -> dict[str, T]:
        if self._entries is None:
            entries: dict[str, Any] = {}
            with gc_paused():
                for shard, path in enumerate(self.paths):
                    found = read_pack(self.secret, path)
                    self._loaded[shard] = len(found)
                    entries.update(found)
            self._entries = entries
        return self._entries

    def get(self, key: str) -> T | None:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, value: T) -> None:
        self.entries[key] = value
        self.used.add(key)
        self._dirty[_shard(key)] = True

    def save_shards(self) -> None:
        """Write the shards with new entries, or with entries this run did not use (dropped)."""
        if self.secret is None or self._entries is None:
            return
        keep: list[dict[str, T]] = [{} for _ in range(SHARDS)]
        for key, value in self._entries.items():
            if key in self.used:
                keep[_shard(key)][key] = value
        for shard, kept in enumerate(keep):
            if self._dirty[shard] or len(kept) != self._loaded[shard]:
                write_pack(self.secret, self.paths[shard], kept)
                self._loaded[shard] = len(kept)
                self._dirty[shard] = False


class Cache(Shards[Outcome]):
    """The packs of one fingerprint, read on first use and written at the end if they changed.

    ``check-<fp>.bin`` holds per-file outcomes (with each record's facts, not
    its data: :mod:`kexie_cli.validate.cached_records`); ``run-<fp>-<memo key>.bin`` holds
    the final findings of one recent run, by *memo key* (the hash of every
    file's path and content key plus the options that shape the result), so
    a run where nothing changed reads neither the per-file pack nor any record.
    """

    def __init__(self, folder: Path, fp: str) -> None:
        super().__init__(folder, f"check-{fp}", _secret())
        self.fp = fp
        self._new_memos: dict[str, Any] = {}
        self.root: Path | None = None  # set by open(): the folder is checked before each use
        self._stats: StatIndex | None = None

    @classmethod
    def open(cls, registry: Registry, options: CheckOptions, rules: dict[str, Rule]) -> Cache:
        store = cls(registry.root / CACHE_DIR, fingerprint(registry, options, rules))
        store.root = registry.root
        if not state.usable(registry.root, "cache"):  # a link or someone else's folder: no cache
            store.secret = None
        return store

    @property
    def stats(self) -> StatIndex:
        """The stat data of the files the last run read (:mod:`kexie_cli.validate.statindex`)."""
        if self._stats is None:
            self._stats = StatIndex(read_pack(self.secret, index_path(self.folder)))
        return self._stats

    def key(self, relpath: str, raw: bytes) -> str:
        return content_key(relpath, raw)

    # --- positions of files with findings ----------------------------------------------
    # Kept apart from the outcomes (and under their own key prefix) so the two can change
    # independently. Positions depend on a file's text alone, so the content key is enough.

    def get_positions(self, key: str) -> Any:
        """The remembered (values, keys) position maps of the file with content key ``key``, if any."""
        return self.get("p" + key)

    def put_positions(self, key: str, maps: Any) -> None:
        self.put("p" + key, maps)

    # --- run memo -------------------------------------------------------------------
    # One small file per remembered run (``run-<fp>-<memo key>.bin``): a run where nothing
    # changed reads one file, and a run where something did costs one ``stat``.

    def memo_key(self, parts: list[str], options_text: str) -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{self.fp}\n{options_text}\n".encode())
        digest.update("\n".join(parts).encode("utf-8"))
        return digest.hexdigest()

    def memo_file(self, key: str) -> Path:
        return self.folder / f"run-{self.fp}-{key}.bin"

    def memo_keys(self) -> list[str]:
        """The keys of the runs remembered under this fingerprint."""
        prefix = f"run-{self.fp}-"
        return [p.name[len(prefix) : -4] for p in self.folder.glob(f"{prefix}*.bin")]

    def memo_get(self, key: str) -> Any:
        if key in self._new_memos:
            return self._new_memos[key]
        found = read_pack(self.secret, self.memo_file(key))
        return found.get("memo") if found else None

    def memo_put(self, key: str, value: Any) -> None:
        self._new_memos[key] = value

    def save(self) -> None:
        """Write what changed atomically (per-file pack: only entries used by this run); errors are ignored."""
        if self.secret is None:
            return
        try:
            if self.root is None:  # made directly (not by open): the caller chose the folder
                self.folder.mkdir(parents=True, exist_ok=True)
            elif state.ensure(self.root, "cache") != self.folder:
                return
            self.save_shards()
            for key, value in self._new_memos.items():
                self._write(self.memo_file(key), {"memo": value})
            if self._stats is not None and self._stats.changed():
                self._write(index_path(self.folder), self._stats.content())
            self._new_memos.clear()
            self._prune()
        except (OSError, state.UnsafeState):
            return

    def _write(self, path: Path, content: dict[str, Any]) -> None:
        assert self.secret is not None
        write_pack(self.secret, path, content)

    def _prune(self) -> None:
        """Keep the packs of this and the last few other fingerprints, and the last few runs of this one."""
        newest: dict[str, float] = {}
        for path in self.folder.glob("check-*.bin"):
            fp = _fingerprint_of(path.name, "check-")
            newest[fp] = max(newest.get(fp, 0.0), _mtime(path))
        others = sorted((fp for fp in newest if fp != self.fp), key=newest.__getitem__, reverse=True)
        kept = {*others[:KEEP_PACKS], self.fp}
        for old in self.folder.glob("check-*.bin"):
            if _fingerprint_of(old.name, "check-") not in kept:
                with contextlib.suppress(OSError):
                    old.unlink()
        mine = f"run-{self.fp}-"
        memos = sorted(self.folder.glob(f"{mine}*.bin"), key=_mtime, reverse=True)
        stale = memos[KEEP_MEMOS:] + [
            p for p in self.folder.glob("run-*.bin") if _fingerprint_of(p.name, "run-") not in kept
        ]
        for old in stale:
            with contextlib.suppress(OSError):
                old.unlink()


def read_pack(secret: bytes | None, path: Path) -> dict[str, Any]:
    """A pack's content when its signature checks out, else nothing."""
    if secret is None:
        return {}
    try:  # kexie's own file, but in a folder of the registry: no link, no FIFO, nothing huge (issue 28)
        packed, _ = read_bounded(path, MAX_PACK_BYTES, follow=False)
    except OSError:
        return {}
    if packed is None:
        return {}
    if not hmac.compare_digest(packed[:32], _sign(secret, packed[32:])):
        return {}
    try:
        loaded = marshal.loads(packed[32:])
    except (ValueError, EOFError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_pack(secret: bytes, path: Path, content: dict[str, Any]) -> None:
    """Write a signed pack atomically (entries marshal cannot write are left out)."""
    try:
        payload = marshal.dumps(content)
    except ValueError:  # a value marshal cannot write: keep what can be written
        payload = marshal.dumps({k: v for k, v in content.items() if _marshallable(v)})
    _atomic_write(path, _sign(secret, payload), payload)  # no concatenated copy of a large pack


def _shard(key: str) -> int:
    """The shard of a content key, and of the ``p``/``x`` entries made from it (its last hex digit)."""
    last = key[-1:]
    return int(last, 16) if last and last in "0123456789abcdef" else 0


def _fingerprint_of(name: str, prefix: str) -> str:
    """``check-<fp>-<shard>.bin`` or ``run-<fp>-<key>.bin`` -> fp."""
    return name[len(prefix) :].split("-", maxsplit=1)[0].split(".", maxsplit=1)[0]


def _sign(secret: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, key=secret, digest_size=32).digest()


def secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kexie" / "cache-key"


def _secret() -> bytes | None:
    """This user's signing key (created on first use); None when it cannot be had."""
    path = secret_path()
    try:
        secret = read_bounded(path, 32, follow=False)[0] or b""
    except OSError:
        secret = b""
    if len(secret) == 32:
        return secret
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, os.urandom(32))
        secret = read_bounded(path, 32, follow=False)[0] or b""  # another run may have won the race: use what is there
    except OSError:
        return None
    return secret if len(secret) == 32 else None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _marshallable(value: Any) -> bool:
    try:
        marshal.dumps(value)
    except ValueError:
        return False
    return True


def _atomic_write(path: Path, *parts: bytes) -> None:
    """Write ``parts`` to a temporary file in the same folder, then rename it over ``path``."""
    handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                out.write(part)
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
