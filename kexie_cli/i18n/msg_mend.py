"""Messages of the round-4 mending: an export's sheets of other kinds, captions, interrupts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "import.other_kind_sheets": (
        "kexie 导出的其他类别工作表（未并入，可另行导入）：{sheets}",
        "a kexie export's sheets of other kinds (not joined; import them on their own): {sheets}",
    ),
    "import.other_kind_sheet": (
        "{sheet}（--kind {kind}）",
        "{sheet} (--kind {kind})",
    ),
    "table.dropped_caption": (
        "另有{count}列未显示（{columns}），请加宽终端或用 --format plain、csv 查看全部列",
        "{count} more columns not shown ({columns}): widen the terminal, or use --format plain or csv to see them all",
    ),
}
