"""Messages of the annual records (issue 21): their placement, rules K410–K419, figures and import."""

MESSAGES: dict[str, tuple[str, str]] = {
    "annual.bad_id": (
        "年度记录的 id「{id}」应以年度结尾，如 shiyan-zhiwu-xuehui-2026",
        "an annual record's id '{id}' must end in its year, e.g. shiyan-zhiwu-xuehui-2026",
    ),
    "K005.year": (
        "年度 {year} 与所在文件夹 records/annual/{folder}/ 不符",
        "year {year} does not match the folder records/annual/{folder}/",
    ),
    "K005.org_year": (
        "id「{id}」应为「{expected}」（组织 id-年度）",
        "id '{id}' should be '{expected}' (organisation id-year)",
    ),
    # K411–K415 (kexie_cli/rules/annual.py)
    "K411.up": (
        "{figure}为 {now}，是上年（{year} 年 {before}）的 {factor} 倍以上，请核实",
        "{figure} is {now}, {factor} times last year's ({year}: {before}) or more; please verify",
    ),
    "K411.down": (
        "{figure}为 {now}，不到上年（{year} 年 {before}）的 1/{factor}，请核实",
        "{figure} is {now}, less than 1/{factor} of last year's ({year}: {before}); please verify",
    ),
    "K412.missing": (
        "{year} 年度年报未报（截止日 {deadline}），台账中没有该年度的年度记录",
        "no annual report for {year} (due {deadline}): no annual record of that year",
    ),
    "K412.draft": (
        "{year} 年度年报未报（截止日 {deadline}）",
        "the annual report for {year} has not been submitted (due {deadline})",
    ),
    "K412.returned": (
        "{year} 年度年报已退回修改，截止日 {deadline} 已过仍未重报",
        "the annual report for {year} was returned and not resubmitted by {deadline}",
    ),
    "K413.members": (
        "新发展会员 {part} 人多于个人会员 {whole} 人",
        "new members ({part}) exceed individual members ({whole})",
    ),
    "K413.academic": (
        "国际性、全国性、区域性学术活动合计 {part} 场，多于学术活动总场次 {whole}",
        "international, national and regional academic events add up to {part}, more than the {whole} in all",
    ),
    "K413.science_day": (
        "全国科普日活动 {part} 场，多于科普活动总场次 {whole}",
        "{part} Science Day events, more than the {whole} popularisation events in all",
    ),
    "K413.think_tank": (
        "被采纳或获批示 {part} 件，多于提交的建议和报告 {whole} 件",
        "{part} adopted, more than the {whole} proposals and reports submitted",
    ),
    "K413.listed_academic": (
        "events 列出学术活动 {part} 项，多于学术活动总场次 {whole}",
        "{part} academic events are listed, more than the total of {whole}",
    ),
    "K413.listed_popular": (
        "events 列出科普活动 {part} 项，多于科普活动总场次 {whole}",
        "{part} popularisation events are listed, more than the total of {whole}",
    ),
    "K414": ("活动日期 {date} 不在 {year} 年度内", "event date {date} is outside the year {year}"),
    "K415": ("年度 {year} 在未来（今天是 {today}）", "year {year} is in the future (today is {today})"),
    # kexie import --kind annual (kexie_cli/importer/annual.py)
    "annual.import_no_year": (
        "表中的数字是哪一年的？请用 --year 指定，或加“年度”列，或在表头写明年份（如 2025年学术活动场次）",
        "which year are the figures of? give --year, a 年度 column, or headers with the year (2025年学术活动场次)",
    ),
    "annual.import_years": (
        "表头写了不同的年度（{years}），请每年一张表，或用 --year 指定",
        "the headers name several years ({years}); use one sheet per year, or --year",
    ),
    "annual.import.no_year": ("本行没有年度", "no year in this row"),
    "annual.import.no_org": (
        "台账中没有名称或统一社会信用代码为「{name}」的组织",
        "no organisation named '{name}' (or with that USCC) in the registry",
    ),
}
