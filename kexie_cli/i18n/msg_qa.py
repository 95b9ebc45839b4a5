"""Messages added by the QA pass (robustness fixes across commands)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "sql.read_only": (
        "kexie sql 只执行只读查询（SELECT、WITH）；不能修改数据、ATTACH 其他数据库或写文件",
        "kexie sql runs read-only queries (SELECT, WITH) only: no changes, no ATTACH, no files written",
    ),
}
MESSAGES.update(
    {
        "output.unwritable": ("无法写入 {file}：{reason}", "cannot write {file}: {reason}"),
        "output.no_folder": ("所在文件夹不存在且无法创建", "its folder does not exist and cannot be created"),
        "output.denied": ("没有写入权限", "permission denied"),
        "output.read_only": ("文件系统只读", "read-only file system"),
        "output.is_dir": ("这是一个文件夹，请给出文件名", "it is a folder; give a file name"),
        "output.not_dir": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
        "output.exists": ("已有同名文件，不是文件夹", "a file of that name exists where a folder is needed"),
        "output.no_space": ("磁盘空间不足", "no space left on the device"),
    }
)
MESSAGES.update(
    {
        "fmt.load_problem": (
            "无法加载（{code}，第 {line} 行：{detail}），请先用 kexie check 修正",
            "cannot be loaded: line {line}: {detail} ({code}); fix it first (kexie check)",
        ),
    }
)
MESSAGES.update(
    {
        "registry.path_missing": ("路径不存在：{path}", "no such file or folder: {path}"),
        "fmt.summary_check_failed": (
            "{count} 个文件不是规范格式，{failed} 个文件无法加载（共检查 {files} 个）",
            "{count} of {files} files are not canonical, {failed} cannot be loaded",
        ),
        "fmt.summary_write_failed": (
            "已整理 {count} 个文件，{failed} 个文件无法加载、未整理（共 {files} 个）",
            "reformatted {count} of {files} files; {failed} cannot be loaded and were left as they are",
        ),
    }
)
MESSAGES.update(
    {
        "show.unloadable": (
            "{file} 无法加载（{code}，第 {line} 行：{detail}），请先用 kexie check 修正",
            "{file} cannot be loaded ({code}, line {line}: {detail}); fix it first (kexie check)",
        ),
    }
)
MESSAGES.update(
    {
        "K506.year": ("近12个月没有{type}", "三会一课 gap: no {type} in the last 12 months"),
        "party.last_12_months": ("近12个月", "last 12 months"),
    }
)
