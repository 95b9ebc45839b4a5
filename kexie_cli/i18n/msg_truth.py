"""Messages of issue 23 (one truth): find by abbreviation, the report's basis and headlines."""

MESSAGES: dict[str, tuple[str, str]] = {
    "find.how.abbreviation": ("简称互换（科协/科学技术协会等）", "abbreviation (科协 = 科学技术协会 ...)"),
    "report.source_commit": (
        "数据为 {day} 或之前最后一次提交（{rev}）时的台账。",
        "Figures describe the registry as committed on or before {day} ({rev}).",
    ),
    "report.source_today": (
        "台账没有 {year} 年末以前的 Git 历史，按当前记录统计（{year} 年以后成立的组织不计入；状态、会员数等为当前记录）。",
        "No Git history reaches back to the end of {year}: today's records were used (organisations founded later"
        " are left out; status, members and the like are as recorded today).",
    ),
}
