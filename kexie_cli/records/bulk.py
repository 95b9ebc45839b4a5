"""Loading many records: the choice of the fast or the pure loader, and the collector paused while records are built.

The fast loader (yaml-rs, :mod:`kexie_cli.records.fastload`) and the schema
pre-validator (jsonschema-rs, :mod:`kexie_cli.registry.prevalidate`) each have
a pure-Python counterpart with identical results; ``KEXIE_PURE=1`` (or a
missing yaml-rs / jsonschema-rs) selects it. See docs/performance.md.
"""

from __future__ import annotations

import gc
import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager


def pure() -> bool:
    """True when the fast libraries must not be used (KEXIE_PURE=1, or they are missing).

    Asks whether yaml-rs and jsonschema-rs are installed without importing them
    (jsonschema-rs alone takes 10 ms to import, and a check answered from the
    run memo needs neither). Should one be installed but fail to import, the
    fast path falls back to the pure one file by file, with the same results.
    """
    if os.environ.get("KEXIE_PURE", "") not in ("", "0"):
        return True
    return not all(_installed(name) for name in ("yaml_rs", "jsonschema_rs"))


def _installed(name: str) -> bool:
    if name not in _INSTALLED:
        _INSTALLED[name] = importlib.util.find_spec(name) is not None
    return _INSTALLED[name]


_INSTALLED: dict[str, bool] = {}


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are made, then set them aside.

    Reading the cache and rebuilding 10,000 records makes some 10^5 dicts,
    tuples and records, none in a cycle. The collector, triggered again and
    again by the allocations, would walk the growing heap each time for
    nothing; afterwards every full collection would walk it again. So these
    steps pause it, and what exists at their end is frozen (``gc.freeze``:
    left out of later collections, still freed by reference counting) until
    :func:`gc_thawed` ends the check. Parsing, which may make cyclic garbage,
    never runs inside.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@contextmanager
def gc_thawed() -> Iterator[None]:
    """Around a whole check: objects frozen by :func:`gc_paused` return to the collector at its end."""
    try:
        yield
    finally:
        gc.unfreeze()
