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
        "表头写了多个年度（{years}），但这些列没有写年度：{columns}；请在表头写明年度，或用 --year 只导入一年",
        "the headers name several years ({years}) but these columns name none: {columns}; "
        "name the year in their headers, or give --year",
    ),
    "annual.import_year_absent": (
        "工作表“{sheet}”是 {years} 年的数字，不是 {year} 年的；请去掉 --year 或改用该年度",
        "the sheet '{sheet}' holds the figures of {years}, not {year}; leave out --year or give that year",
    ),
    "annual.import_sheet_years": (
        "工作簿中有多个年度的工作表（{sheets}），请用 --year 逐年导入",
        "the workbook has sheets of several years ({sheets}); import one year at a time with --year",
    ),
    "annual.import.no_year": ("本行没有年度", "no year in this row"),
    "annual.import.year_differs": (
        "本行年度为 {row_year}，而这些数字是 {year} 年的（表头、工作表名称或 --year），未导入",
        "the row says {row_year} but its figures are of {year} (headers, sheet title or --year); not imported",
    ),
    "annual.import.no_org": (
        "台账中没有名称或统一社会信用代码为「{name}」的组织",
        "no organisation named '{name}' (or with that USCC) in the registry",
    ),
    # kexie show: the relation of an annual record and its organisation (query/show.py)
    "show.org": ("所属组织", "Organisation"),
    "show.org_of": ("年度工作记录", "Annual record"),
}
