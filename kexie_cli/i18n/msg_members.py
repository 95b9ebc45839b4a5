"""Messages of a list of references read back by ``kexie import`` (an alliance's 成员学会, issue 22)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "import.value.unknown_member": (
        "工作表“{sheet}”的这一项在台账中找不到对应的{kinds}（按标识符、全称、简称或不带地名的名称查找），未写入",
        "sheet “{sheet}”: no record of a kind this column may name ({kinds}) has this id or name (full name,"
        " short name or without the place name); not written",
    ),
}
