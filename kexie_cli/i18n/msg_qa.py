"""Messages added by the QA pass (robustness fixes across commands)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "sql.read_only": (
        "kexie sql 只执行只读查询（SELECT、WITH）；不能修改数据、ATTACH 其他数据库或写文件",
        "kexie sql runs read-only queries (SELECT, WITH) only: no changes, no ATTACH, no files written",
    ),
}
