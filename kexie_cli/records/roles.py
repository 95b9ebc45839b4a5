"""Leader roles read with the right word for the record's kind (docs/party.md).

The schema's ``x-labels`` of ``leader_role`` are generic (理事长/主席); every display of a role goes
through :func:`role_label`, so a society shows 理事长, a branch 主席, a party cell 书记 or 组长.
"""

from __future__ import annotations

from kexie_cli import kinds

#: the words of each kind (``Kind.roles`` in kinds.py); a kind without its own words uses GENERIC
ROLE_LABELS: dict[str, dict[str, str]] = {k.code: dict(k.roles) for k in kinds.KINDS if k.roles}
GENERIC = {
    "chair": "理事长/主席",
    "vice-chair": "副理事长/副主席",
    "secretary-general": "秘书长",
    "deputy-secretary-general": "副秘书长",
    "supervisor": "监事/监事长",
    "legal-representative": "法定代表人",
    "secretary": "书记",
    "deputy-secretary": "副书记",
    "committee-member": "委员",
    "group-leader": "组长",
}


def role_labels(kind: str | None) -> dict[str, str]:
    """Role code -> Chinese word for records of ``kind`` (the generic words for an unknown kind)."""
    return GENERIC | ROLE_LABELS.get(kind or "", {})


def role_label(role: object, kind: str | None, lang: str = "zh") -> str:
    """The word for ``role`` on a record of ``kind``: 理事长 (society), 主席 (branch), 书记/组长 (party cell).

    In English the role code itself, as every enum is shown in English.
    """
    if role is None:
        return ""
    code = str(role)
    if lang == "en":
        return code
    return role_labels(kind).get(code, code)


def role_words() -> dict[str, str]:
    """Role code -> every word any kind uses for it, ``/``-joined (what an import reads back: 主席 or 理事长)."""
    words: dict[str, list[str]] = {}
    for table in (*ROLE_LABELS.values(), GENERIC):
        for code, label in table.items():
            for word in label.split("/"):
                if word not in words.setdefault(code, []):
                    words[code].append(word)
    return {code: "/".join(found) for code, found in words.items()}
