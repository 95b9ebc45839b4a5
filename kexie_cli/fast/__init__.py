"""The bulk path: fast loading and validation, worker processes, the content-hash cache.

Every part has a pure-Python counterpart with identical results; ``KEXIE_PURE=1``
(or a missing yaml-rs / jsonschema-rs) selects it. See docs/performance.md.
"""

from __future__ import annotations

import os


def pure() -> bool:
    """True when the fast libraries must not be used (KEXIE_PURE=1, or they are missing)."""
    from kexie_cli.fast import fastload, validate

    if os.environ.get("KEXIE_PURE", "") not in ("", "0"):
        return True
    return not (fastload.available() and validate.available())
