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
    "import.stale_removed": (
        "已删除上次中断的写入留下的临时文件：{files}",
        "removed temporary files left by an interrupted write: {files}",
    ),
    "import.unread_sheets": (
        "未读取的工作表（表头不对应任何类别或明细）：{sheets}",
        "sheets not read (their headers match no kind or detail): {sheets}",
    ),
}
