"""Messages of robustness: unreadable records in reports, bounds of options, full disks (zh, en)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # records that could not be loaded, in every report that lists or counts records
    "unreadable.file": (
        "警告：{file} 无法读取（{code} {detail}），未计入结果",
        "warning: {file} cannot be read ({code} {detail}); left out",
    ),
    "unreadable.total": (
        "以上 {count} 个文件无法读取，未计入结果（kexie check 可查看详情）",
        "the {count} files above could not be read and are left out (kexie check shows why)",
    ),
    "unreadable.more": (
        "共 {count} 个文件无法读取，以上列出前 {shown} 个（kexie check 可查看全部），本记录的关联信息可能不全",
        "{count} files could not be read, the first {shown} listed above (kexie check lists all); "
        "this record's relations may be incomplete",
    ),
    "unreadable.note": ("；另有 {count} 个文件无法读取，未计入", "; {count} files could not be read, left out"),
    # options out of range
    "date.range": (
        "日期 {value} 超出可用范围（{low} 至 {high}）",
        "date {value} is out of range ({low} to {high})",
    ),
    "edit.bad_index": (
        "路径 {path} 中的 {index} 不是有效的列表序号（应为从 0 开始的整数）",
        "{index} in {path} is not a valid list index (a whole number from 0)",
    ),
    "edit.no_space": (
        "磁盘空间不足，{file} 未修改：{detail}",
        "No space left on the disk; {file} is unchanged: {detail}",
    ),
    "edit.write_failed": (
        "无法写入 {file}，文件未修改：{detail}",
        "Cannot write {file}; it is unchanged: {detail}",
    ),
    "edit.symlink": (
        "{file} 是符号链接（指向 {target}）；kexie 不修改链接的记录，请直接编辑目标文件或把链接换成普通文件",
        "{file} is a symbolic link (to {target}); kexie does not edit linked records: "
        "edit the target, or replace the link with a regular file",
    ),
    "edit.symlink_short": (
        "是符号链接（指向 {target}），kexie 不修改链接的记录",
        "a symbolic link (to {target}): kexie does not edit linked records",
    ),
    "edit.too_large": (
        "{file} 过大：{size} 字节，超过上限 {limit} 字节（设置 limits.max_file_bytes）",
        "{file} is too large: {size} bytes, limit {limit} (settings limits.max_file_bytes)",
    ),
    # kexie diff
    "diff.cannot_read": ("无法读取", "cannot be read"),
    "diff.summary_unreadable": ("，无法读取 {unreadable}", ", {unreadable} cannot be read"),
}
