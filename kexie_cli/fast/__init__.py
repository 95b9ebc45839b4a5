"""The bulk path: fast loading and validation, worker processes, the content-hash cache.

Every part has a pure-Python counterpart with identical results; ``KEXIE_PURE=1``
(or a missing yaml-rs / jsonschema-rs) selects it. See docs/performance.md.
"""

from __future__ import annotations

import importlib.util
import os


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
