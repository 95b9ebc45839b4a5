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
}
