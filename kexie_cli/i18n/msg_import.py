"""Messages of ``kexie import``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "import.xls": (
        "{file} 是旧版 Excel 97-2003 (.xls) 文件，kexie 不读取。请在 Excel 或 WPS 中打开，"
        "“另存为”选择“Excel 工作簿 (*.xlsx)”或“CSV UTF-8 (逗号分隔)”后再导入",
        "{file} is an old Excel 97-2003 (.xls) workbook, which kexie does not read. Open it in Excel or WPS, "
        "“Save as” an “Excel Workbook (*.xlsx)” or “CSV UTF-8”, and import that file",
    ),
    "import.bad_suffix": (
        "{file}：只能导入 .xlsx 或 .csv 文件",
        "{file}: only .xlsx and .csv files can be imported",
    ),
    "import.unreadable": ("无法读取 {file}：{detail}", "cannot read {file}: {detail}"),
    "import.bad_xlsx": (
        "{file} 不是有效的 .xlsx 文件（{detail}）",
        "{file} is not a valid .xlsx file ({detail})",
    ),
    "import.bad_csv": ("{file} 不是有效的 CSV 文件：{detail}", "{file} is not a valid CSV file: {detail}"),
    "import.encoding": (
        "{file} 既不是 UTF-8 也不是 GBK 编码，请另存为“CSV UTF-8”后再导入",
        "{file} is neither UTF-8 nor GBK; save it as “CSV UTF-8” and import that",
    ),
    "import.too_large": ("{file} 超过 {limit} 行，不予导入", "{file} has more than {limit} rows; not imported"),
    "import.no_header": (
        "工作表 {sheet} 中找不到表头行（需有“名称”列及至少一个可识别的列）；可用 --map 指定列对应关系",
        "no header row found in sheet {sheet} (a name column and at least one other known column); "
        "use --map to name the columns",
    ),
    "import.no_sheet": ("没有名为 {sheet} 的工作表（有：{sheets}）", "no sheet named {sheet} (sheets: {sheets})"),
    "import.map_unreadable": ("无法读取列映射文件 {file}：{detail}", "cannot read the map file {file}: {detail}"),
    "import.map_invalid": (
        "列映射文件 {file} 格式不对（{detail}）：应为 columns: {{表头: 字段}}，可另给 sheet、header_row",
        "the map file {file} is not valid ({detail}): expected columns: {{header: field}}, "
        "optionally sheet and header_row",
    ),
    "import.map_target": (
        "列映射文件 {file}：表头 {header} 对应的字段 {target} 不存在（应为字段路径，如 registration.uscc、"
        "leaders.chair，或 null 表示忽略该列）",
        "map file {file}: header {header} maps to {target}, which is not a field (use a path such as "
        "registration.uscc or leaders.chair, or null to ignore the column)",
    ),
    # the report
    "import.head": (
        "{mode}导入 {file}：工作表“{sheet}”，第 {row} 行为表头，类别 {kind}",
        "{mode}import of {file}: sheet “{sheet}”, header in row {row}, kind {kind}",
    ),
    "import.dry_run": ("（试运行，不写入）", "(dry run, nothing written) "),
    "import.columns": ("列对应：{columns}", "columns: {columns}"),
    "import.unknown_columns": (
        "未识别的列（已忽略，可用 --map 指定）：{columns}",
        "columns not recognised (ignored; name them with --map): {columns}",
    ),
    "import.duplicate_columns": (
        "重复的列（只取第一列）：{columns}",
        "duplicate columns (the first one is used): {columns}",
    ),
    "import.details": (
        "按 kexie export 的明细表导入：{tables}",
        "detail sheets of a kexie export used: {tables}",
    ),
    "import.default_status": (
        "表中没有“状态”列：新建记录的状态均记为“正常”（active）",
        "no status column: new records are recorded as active",
    ),
    "import.row.created": ("第 {row} 行：新建 {file}（{name}）", "row {row}: created {file} ({name})"),
    "import.row.updated": (
        "第 {row} 行：更新 {file}（{name}），字段：{fields}",
        "row {row}: updated {file} ({name}), fields: {fields}",
    ),
    "import.row.unchanged": ("第 {row} 行：无变化 {file}（{name}）", "row {row}: unchanged {file} ({name})"),
    "import.row.skipped": ("第 {row} 行：跳过，{reason}", "row {row}: skipped: {reason}"),
    "import.row.errors": (
        "  导入后该记录有 {count} 个错误：{codes}（用 kexie check 查看并补录）",
        "  the record has {count} errors after the import: {codes} (see kexie check)",
    ),
    "import.skip.no_name": ("缺少名称", "no name"),
    "import.skip.duplicate": (
        "与第 {other} 行是同一组织（统一社会信用代码或名称相同）",
        "the same organisation as row {other} (same USCC or name)",
    ),
    "import.skip.unloadable": (
        "对应的记录 {file} 无法加载，请先用 kexie check 修正",
        "the matching record {file} cannot be loaded; fix it first (kexie check)",
    ),
    "import.skip.no_id": ("无法由名称生成标识符", "no id can be derived from the name"),
    "import.ignored.total": ("第 {row} 行：合计行，已忽略", "row {row}: a total row, ignored"),
    "import.notes_head": (
        "未能读取的值（未写入，请核对后补录）：",
        "values not read (not written; check and enter them):",
    ),
    "import.assumed_head": ("按约定换算的值：", "values read by convention:"),
    "import.note": ("  第 {row} 行“{column}”列的值「{value}」：{reason}", "  row {row} “{column}” {value}: {reason}"),
    "import.value.empty": ("为空", "empty"),
    "import.value.control": ("含有控制字符", "contains control characters"),
    "import.value.not_date": ("不是可识别的日期", "not a date kexie can read"),
    "import.value.bad_year": ("年份不在 1900—2100 之间", "the year is outside 1900–2100"),
    "import.value.month_ambiguous": (
        "数字单元格中的 {value} 可能是 1 月也可能是 10 月，请把单元格设为文本后写明月份（如 1980.01 或 1980.10）",
        "{value} in a number cell may be January or October; store it as text",
    ),
    "import.value.not_int": ("不是非负整数", "not a non-negative whole number"),
    "import.value.not_bool": ("应为“是”或“否”", "expected 是 (yes) or 否 (no)"),
    "import.value.not_enum": ("不是可选值（可选：{choices}）", "not an allowed value (allowed: {choices})"),
    "import.value.not_uscc": ("不是 18 位统一社会信用代码", "not an 18-character USCC"),
    "import.value.bad_id": (
        "不是有效的标识符（小写字母、数字、连字符），改由名称生成",
        "not a valid id (lowercase letters, digits, hyphens); one is derived from the name",
    ),
    "import.value.unknown_ref": (
        "台账中没有此名称或标识符的组织",
        "no record of that name or id in the registry",
    ),
    "import.note.month_only": ("只到月份，记为当月 1 日（{date}）", "month only: recorded as the 1st ({date})"),
    "import.note.year_only": ("只有年份，记为当年 1 月 1 日（{date}）", "year only: recorded as 1 January ({date})"),
    "import.note.leader_changed": (
        "与记录中的现任 {current} 不同，未改动；换届请用 kexie elect",
        "differs from the current holder {current} in the record; not changed (use kexie elect for a 换届)",
    ),
    "import.note.uscc_changed": (
        "与记录中的统一社会信用代码 {old} 不同；按名称匹配，已改为表中的代码，请核对",
        "differs from the record's USCC {old}; matched by name and updated to the sheet's: please check",
    ),
    "import.note.leader_no_since": (
        "表中没有本届换届时间，任职起始日期（since）未填，请补录",
        "no term start in the sheet: the leader's since date is missing; enter it",
    ),
    "import.total": (
        "新建 {created} 条，更新 {updated} 条，无变化 {unchanged} 条，跳过 {skipped} 条",
        "{created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped",
    ),
}
