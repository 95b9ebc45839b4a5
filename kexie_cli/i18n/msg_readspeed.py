"""Messages of the reading commands' fast path (issue 27: records from the door's data packs)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "door.changed": (
        "{file} 在本次运行读取记录时被修改，请重新运行",
        "{file} changed while this run was reading the records; run the command again",
    ),
}
