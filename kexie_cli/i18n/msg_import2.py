"""Messages of ``kexie import`` (layouts, bounds, all-or-nothing writes) and ``kexie init``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # bounds (docs/import.md, "Limits")
    "import.file_too_large": (
        "{file} 有 {size} 字节，超过导入上限 {limit} 字节，不予导入",
        "{file} has {size} bytes, more than the import limit of {limit}; not imported",
    ),
    "import.map_too_large": (
        "列映射文件 {file} 有 {size} 字节，超过上限 {limit} 字节",
        "the map file {file} has {size} bytes, more than the limit of {limit}",
    ),
    "import.too_many_cells": (
        "{file} 中要读取的非空单元格超过 {limit} 个，不予导入；请只保留要导入的工作表和列",
        "{file} has more than {limit} filled cells to read; not imported (keep only the sheets and columns to import)",
    ),
    "import.too_many_strings": (
        "{file} 的共享字符串超过 {limit} 个，不予导入",
        "{file} holds more than {limit} shared strings; not imported",
    ),
    "import.part_too_large": (
        "{file} 不是有效的 .xlsx 文件（其中 {part} 解压后超过上限）",
        "{file} is not a valid .xlsx file ({part} unzips to more than the limit)",
    ),
    "import.csv_swallowed": (
        "{file} 第 {row} 行有一个字段跨越多行并包含分隔符（多半是少了或多了一个引号），"
        "文件无法可靠读取，未写入任何记录；请在 Excel 或 WPS 中核对该行后重新另存为 CSV",
        "{file}: a field in row {row} runs over line breaks and separators (most likely a stray quote); "
        "the file cannot be read reliably and nothing was written; check that row and save the CSV again",
    ),
    "import.bad_csv_row": (
        "{file} 第 {row} 行不是有效的 CSV（{detail}；多半是少了或多了一个引号），未写入任何记录",
        "{file}: row {row} is not valid CSV ({detail}; most likely a stray quote); nothing was written",
    ),
    "import.write_failed": (
        "写入 {file} 失败（{detail}）：本次导入未写入任何文件，台账保持原样",
        "writing {file} failed ({detail}): this import wrote nothing, the registry is as it was",
    ),
    # the report
    "import.stale_columns": (
        "标明上届/原/曾任的列不是现任，未读取：{columns}",
        "columns marked 上届/原/曾任 (former holders) are not the current holder; not read: {columns}",
    ),
    "import.hidden_columns": (
        "隐藏的列与可见的列对应同一字段，取可见的列：{columns}",
        "hidden columns for the same field as a visible one; the visible one is used: {columns}",
    ),
    "import.ignored.footnote": ("第 {row} 行：表注或填表说明，已忽略", "row {row}: a footnote, ignored"),
    "import.ignored.header": ("第 {row} 行：重复的表头行，已忽略", "row {row}: the header again, ignored"),
    "import.ignored.heading": ("第 {row} 行：分类标题行，已忽略", "row {row}: a section heading, ignored"),
    "import.skip.bad_status": (
        "状态“{value}”无法识别，未导入（不会按“正常”新建）；请改为 正常、停滞、暂停、解除资格 或 注销",
        "the status “{value}” cannot be read; not imported (never created as active): "
        "use 正常, 停滞, 暂停, 解除资格 or 注销",
    ),
    "import.note.role_note": (
        "姓名后的注记“{note}”不是姓名，已去掉",
        "the note “{note}” after the name is not part of it; dropped",
    ),
    "import.note.serial": (
        "按 Excel 日期序号读作 {date}",
        "read as an Excel date serial number: {date}",
    ),
    "import.note.span": (
        "任期起止：本届换届时间记为 {started}，任期 {years} 年",
        "a term span: term start {started}, {years} years",
    ),
    "import.note.total_only": (
        "党员人数为正式与预备党员之和，表中没有预备党员数，正式党员数未写入",
        "党员人数 counts full and probationary members; with no probationary count the full count is not written",
    ),
    "import.remarks_head": ("请核对：", "to check:"),
    "import.skip.refused": (
        "该行会给记录带来新的错误（{codes}），与 kexie set 一样不予写入，记录保持原样（表中字段：{fields}）",
        "the row would give the record new errors ({codes}); like kexie set, nothing is written "
        "and the record stays as it is (fields of the row: {fields})",
    ),
    "import.value.bad_uscc": (
        "统一社会信用代码校验位不对（或结构错误），与 kexie set 一样不予写入",
        "the USCC's check digit (or structure) is wrong; like kexie set, it is not written",
    ),
    "import.set_target": (
        "--set {item}：应为 字段=值，字段为本类别的一个字段路径（如 level=市级、registration.authority=示例市民政局）",
        "--set {item}: expected FIELD=VALUE with a field path of the kind (level=市级, registration.authority=…)",
    ),
    "import.set_value": (
        "--set {item}：值不能作为 {field} 读取（枚举可写代码或中文标签，如 level=市级）",
        "--set {item}: the value cannot be read as {field} (an enumeration takes its code or label: level=市级)",
    ),
    "import.constants": ("表中为空时每行填入：{values}", "filled in every row where the sheet has no value: {values}"),
    "import.missing_head": (
        "导入的记录仍缺必填字段（K101）：",
        "required fields the imported records still lack (K101):",
    ),
    "import.missing": (
        "  {label}：{count} 条；各行相同时用 {fill} 补齐，逐条用 kexie set <标识符> {field} <值>",
        "  {label}: {count} records; when it is the same for every row: {fill}; one by one: kexie set <id> {field} <value>",
    ),
    "import.missing_each": (
        "  {label}：{count} 条；逐条用 kexie set <标识符> {field} <值> 补齐",
        "  {label}: {count} records; fill one by one: kexie set <id> {field} <value>",
    ),
    "import.value.bad_stars": ("不是 1 至 5 星", "not a star rating from 1 to 5"),
    "import.skip.ambiguous": (
        "名称可能指多条记录（{ids}），未导入；请在表中写全称或加“标识符”列",
        "the name may mean several records ({ids}); not imported: write the full name or add an 标识符 column",
    ),
    "import.value.ambiguous_ref": (
        "可能指多条记录（{ids}），未写入；请写全称或标识符",
        "may mean several records ({ids}); not written: give the full name or the id",
    ),
    "import.note.matched_as": (
        "按记录“{name}”匹配，记录中的全称未改动",
        "matched to the record “{name}”, whose full name is kept",
    ),
    "import.joined_sheets": (
        "按统一社会信用代码或名称并入的工作表：{sheets}",
        "sheets joined by USCC or name: {sheets}",
    ),
    "import.note.join_unmatched": (
        "在工作表“{sheet}”中没有同一代码或名称的行，未并入",
        "no row with that code or name in the sheet “{sheet}”; not joined",
    ),
    "import.note.join_ambiguous": (
        "在工作表“{sheet}”中可能对应多行，未并入",
        "may match several rows of the sheet “{sheet}”; not joined",
    ),
    "import.stale_removed": (
        "已删除上次中断的写入留下的临时文件：{files}",
        "removed temporary files left by an interrupted write: {files}",
    ),
    "import.unread_sheets": (
        "未读取的工作表（表头不对应任何类别或明细）：{sheets}",
        "sheets not read (their headers match no kind or detail): {sheets}",
    ),
    # kexie init
    "init.exists": (
        "{file} 已存在：这里已经是台账（或在台账之内），未做任何改动",
        "{file} exists: this is a registry already (or inside one); nothing was changed",
    ),
    "init.bad_name": (
        "台账名称不能为空、不能含控制字符或换行，且不超过 {limit} 个字",
        "the registry name must be non-empty, without control characters or line breaks, at most {limit} characters",
    ),
    "init.bad_scope": ("辖区范围 {scope} 不是可选值（可选：{scopes}）", "scope {scope} is not one of {scopes}"),
    "init.done": (
        "已在 {root} 新建台账“{name}”（辖区范围：{scope}）：",
        "created the registry “{name}” in {root} (scope: {scope}):",
    ),
    "init.git.created": ("已执行 git init（新建 Git 仓库）", "ran git init (a new Git repository)"),
    "init.git.existing": ("已在 Git 仓库之内，未执行 git init", "inside a Git repository already; git init not run"),
    "init.git.missing": (
        "没有找到 git：台账已建好，但不是 Git 仓库（安装 Git 后在此运行 git init）",
        "git was not found: the registry is made but is not a Git repository (install Git and run git init here)",
    ),
    "init.next": (
        "下一步：kexie import 台账.xlsx --kind society（导入 Excel/WPS 台账），kexie check（检查）",
        "next: kexie import sheet.xlsx --kind society (import an Excel/WPS sheet), kexie check",
    ),
}
