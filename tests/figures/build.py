"""Small registries written from plain dicts, for the figure tests (one truth across commands)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import write_registry

FOLDERS = {"society": "societies", "branch": "branches", "party-cell": "party-cells"}


def society(sid: str, founded: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "kind": "society",
        "name": extra.pop("name", f"测试市{sid}学会"),
        "status": extra.pop("status", "active"),
        "founded": founded,
        "level": "municipal",
        "discipline": "science",
        **extra,
    }


def branch(bid: str, founded: str, btype: str, **extra: Any) -> dict[str, Any]:
    name = extra.pop("name", f"测试市{bid}科协")
    return {"id": bid, "kind": "branch", "name": name, "status": "active", "founded": founded, "type": btype, **extra}


def cell(cid: str, founded: str, form: str, covers: list[str], **extra: Any) -> dict[str, Any]:
    name = extra.pop("name", f"测试市{cid}党支部")
    base = {"id": cid, "kind": "party-cell", "name": name, "status": "active", "founded": founded, "form": form}
    return base | {"covers": covers, **extra}


def files(records: list[dict[str, Any]]) -> dict[str, str | bytes]:
    """One YAML file per record (JSON is YAML 1.2: no quoting surprises)."""
    return {f"records/{FOLDERS[r['kind']]}/{r['id']}.yaml": json.dumps(r, ensure_ascii=False) + "\n" for r in records}


def registry(root: Path, records: list[dict[str, Any]], settings: str = "registry: 测试市科学技术协会\n") -> Path:
    return write_registry(root, files(records), settings)
