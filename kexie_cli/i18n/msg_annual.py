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
}
