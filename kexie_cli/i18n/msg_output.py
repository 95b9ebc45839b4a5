"""Messages of terminal tables, xlsx sheets, interactive prompts and value parsing (issue 14)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # output files that cannot be written
    "output.unwritable": ("无法写入 {file}：{reason}", "cannot write {file}: {reason}"),
    "output.no_folder": ("所在文件夹不存在且无法创建", "its folder does not exist and cannot be created"),
    "output.denied": ("没有写入权限", "permission denied"),
    "output.read_only": ("文件系统只读", "read-only file system"),
    "output.is_dir": ("这是一个文件夹，请给出文件名", "it is a folder; give a file name"),
    "output.not_dir": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "output.exists": ("已有同名文件，不是文件夹", "a file of that name exists where a folder is needed"),
    "output.no_space": ("磁盘空间不足", "no space left on the device"),
    "elections.extended_mark": ("（已延期）", "(extended)"),
    "edit.value_type": ("值 {value!r} 不是{type_zh}", "value {value!r} is not of type {type_en}"),
    "new.choose": ("（输入序号、中文名称或代码）", " (a number, the code or the label)"),
    "new.not_a_choice": ("“{value}”不是可选值；可选：{choices}", "“{value}” is not one of the choices: {choices}"),
    "new.empty": ("{field}不能为空", "{field} must not be empty"),
    "new.bad_date": (
        "“{value}”不是日期，请按 YYYY-MM-DD 填写（如 2026-11-01）",
        "“{value}” is not a date: use YYYY-MM-DD (2026-11-01)",
    ),
    "new.bad_format": ("“{value}”不符合{field}的格式", "“{value}” does not have the format of {field}"),
    "new.prompt_parent.branch": (
        "上级科协（id 或全称；直属本级科协请直接回车）",
        "Parent branch (id or full name; Enter if it reports to the registry itself)",
    ),
    "new.prompt_parent.party-cell": (
        "上级党组织（id 或全称；没有请直接回车）",
        "Parent party cell (id or full name; Enter for none)",
    ),
    "new.unknown_parent": (
        "没有 id 或全称为“{value}”的同类记录",
        "no record of this kind has the id or full name “{value}”",
    ),
    "xlsx.as_of": ("（截至 {date}）", " (as of {date})"),
    "table.prefix_caption": ("（名称省略共同前缀“{prefix}”）", "(names shown without the shared prefix “{prefix}”)"),
}
