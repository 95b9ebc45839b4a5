"""Messages of ``kexie report``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "report.future_year": (
        "--year {year} 晚于统计日期 {today}",
        "--year {year} is after the report date {today}",
    ),
    "report.since_after": (
        "--since {since} 不早于统计日期 {day}",
        "--since {since} is not before the report date {day}",
    ),
    "report.no_commit_before": (
        "Git 历史中没有 {date} 或更早的版本，无法对比",
        "no commit on or before {date} in the Git history to compare with",
    ),
    "report.compare_and_since": (
        "--compare 与 --since 只能给出一个",
        "give --compare or --since, not both",
    ),
    "report.unloaded": (
        "未能加载、未计入统计：{file}（用 kexie check 查看原因）",
        "not loaded, not counted: {file} (see kexie check)",
    ),
    "report.written": ("已写入 {file}", "written: {file}"),
}
