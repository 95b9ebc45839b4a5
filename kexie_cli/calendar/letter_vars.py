"""The variables every letter shares: issuer, 文号, 附注, 抄送, and the words of each kind (docs/calendar.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kexie_cli import kinds
from kexie_cli.numerals import chinese_number, cn_date
from kexie_cli.party.forms import has_committee
from kexie_cli.records.model import Record, text
from kexie_cli.registry.settings import Settings
from kexie_cli.rules.process import grassroots

UNIT_WORD = {"society": "会", "branch": "科协", "party-cell": "党组织"}
COUNCIL_WORD = {"society": "理事会", "branch": "委员会", "party-cell": "委员会"}
# a Party cell is addressed by its form (你支部 / 你总支 / 你党委); a working group has no election
PARTY_ADDRESS = {
    "branch": "你支部",
    "joint-branch": "你支部",
    "functional-branch": "你支部",
    "general-branch": "你总支",
    "committee": "你党委",
}
PARTY_COMMITTEE = {
    "branch": "支部委员会",
    "joint-branch": "支部委员会",
    "functional-branch": "支部委员会",
    "general-branch": "总支部委员会",
    "committee": "委员会",
}
COUNT_WORDS = {2: "两"}
# a 上级党组织 that sends the letter itself names itself so in the steps (向我委报送请示, 报我委审批)
SELF_WORD = {"committee": "我委", "general-branch": "我总支"}


def count_word(n: int) -> str:
    """2 → 两, 3 → 三 (连续两年, 连续三年)."""
    return COUNT_WORDS.get(n) or chinese_number(n)


def common(record: Record, settings: Settings, today: dt.date, index: dict[str, Record]) -> dict[str, Any]:
    kind = record.kind or "society"
    party = kind == "party-cell"
    form = text(record.get("form")) or ""
    cfg = settings.letters
    issuer = _party_issuer(record, settings, index) if party else cfg.issuer or settings.registry
    prefix = cfg.party_doc_no_prefix if party else cfg.doc_no_prefix
    contact, phone = cfg.contact, cfg.phone
    if party and (cfg.party_contact or cfg.party_phone):  # Party letters' own contact line
        contact, phone = cfg.party_contact, cfg.party_phone
    return {
        "registry": settings.registry,
        "issuer": issuer,
        "id": record.id,
        "name": record.name,
        "short_name": text(record.get("short_name")) or record.name,
        "kind": kind,
        "process": kinds.process_of(kind),  # whose 换届 steps: society / branch / party (kinds.py)
        "form": form,
        "unit_word": UNIT_WORD.get(kind, "单位"),
        "council_word": PARTY_COMMITTEE.get(form, "委员会") if party else COUNCIL_WORD.get(kind, "委员会"),
        "address": PARTY_ADDRESS.get(form, "你支部") if party else "贵" + UNIT_WORD.get(kind, "单位"),
        "congress": "党员大会或党员代表大会" if form == "committee" else "党员大会",
        "today": today,
        "date_cn": cn_date(today),
        "doc_no_prefix": prefix or "",
        "doc_no": f"{prefix}〔{today.year}〕{DOC_NO_BLANK}号" if prefix else "",
        "contact": contact or "",
        "phone": phone or "",
        "category": text(record.get("category")) or "",
        "grassroots": grassroots(record.get("type")) if kind == "branch" else False,
        "letter_word": _letter_word(record, settings, index) if party else "函",
        "upper": _upper(record, index) if party else "",
        "has_committee": has_committee(record, settings) if party else True,
        "basis": cfg.basis or f"《{settings.registry}章程》",
        "cc": "、".join(_copies(record, index)),
    }


DOC_NO_BLANK = "\u3000\u3000"  # the serial number is filled in when the letter is registered (--number-from)


def _parent_cell(record: Record, index: dict[str, Record]) -> Record | None:
    """The cell's 上级党组织 record; none for a B 类 cell (its 组织关系 is in the host unit, not the 社团党委)."""
    if text(record.get("category")) == "B":
        return None
    parent = index.get(text(record.get("parent")) or "")
    if parent is not None and parent.kind == "party-cell" and parent.id != record.id:
        return parent
    return None


def _party_issuer(record: Record, settings: Settings, index: dict[str, Record]) -> str:
    """The 上级党组织: the cell's parent cell, else settings ``letters.party_issuer``, else 中共<registry>党组."""
    parent = _parent_cell(record, index)
    if parent is not None:
        return parent.name
    return settings.letters.party_issuer or f"中共{settings.registry}党组"


def _upper(record: Record, index: dict[str, Record]) -> str:
    """The 上级党组织 as the letter's steps name it: 我委 / 我总支 when that 党组织 sends the letter.

    The cell's parent cell sends it (``_party_issuer``): the 请示, the 候选人预备人选 and the 选举结果 go to
    the sender itself, and a letter does not send the cell to "the 上级党组织" in the third person.
    Sent by the 科协党组 or ``letters.party_issuer`` (no parent cell on record, or a B 类 cell whose
    组织关系 lies with its host unit), the letter says 上级党组织: the sender is not where they go.
    """
    parent = _parent_cell(record, index)
    return SELF_WORD.get(text(parent.get("form")) or "", "上级党组织") if parent is not None else "上级党组织"


def _letter_word(record: Record, settings: Settings, index: dict[str, Record]) -> str:
    """A 党委 writes to a cell under it a 通知 (settings ``letters.party_letter``); others write a 函."""
    parent = _parent_cell(record, index)
    return settings.letters.party_letter if parent is not None and parent.get("form") == "committee" else "函"


def host_party(record: Record, index: dict[str, Record]) -> str:
    """The 党组织 of a B 类 cell's host unit (its own ``host_unit``, else a covered society's 挂靠单位)."""
    host = text(record.get("host_unit"))
    covers = record.get("covers")
    for ref in covers if isinstance(covers, list) and not host else []:
        covered = index.get(ref) if isinstance(ref, str) else None
        if covered is not None:
            host = text(covered.get("supporting_unit")) or text(covered.get("host_unit"))
            if host:
                break
    return f"{host}党组织" if host else ""


def _copies(record: Record, index: dict[str, Record]) -> list[str]:
    """抄送: a society's supporting unit; a branch's parent 科协 and host unit; the records a cell covers."""
    out: list[str] = []
    if record.kind == "society":
        out.append(text(record.get("supporting_unit")) or "")
    elif record.kind == "branch":
        parent = index.get(text(record.get("parent")) or "")
        out += [parent.name if parent is not None else "", text(record.get("host_unit")) or ""]
    elif record.kind == "party-cell":
        if text(record.get("category")) == "B":  # copied to the 党组织 that holds its 组织关系
            out.append(host_party(record, index))
        covers = record.get("covers")
        for ref in covers if isinstance(covers, list) else []:
            covered = index.get(ref) if isinstance(ref, str) else None
            out.append(covered.name if covered is not None else "")
    else:  # any other kind: the records it belongs to (a 分支机构's or a 联络处's society; kinds.py ``refs``)
        for field in kinds.REFERENCES.get(record.kind or "", {}):
            parent = index.get(text(record.get(field)) or "")
            out.append(parent.name if parent is not None else "")
    return [name for name in dict.fromkeys(out) if name]
