"""What a check is asked: the as-of date, the language and the options of ``kexie check``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CheckOptions:
    today: dt.date
    lang: str = "zh"
    strict: bool | None = None  # None: take settings rules.strict
    select: frozenset[str] | None = None  # codes or prefixes ("K3")
    ignore: frozenset[str] = frozenset()
    paths: tuple[str, ...] | None = None  # registry-relative files or folders to report on
    cache: bool = True  # use and update the registry's .kexie/cache/
    jobs: int | None = None  # worker processes for loading; None: by registry size and cores
