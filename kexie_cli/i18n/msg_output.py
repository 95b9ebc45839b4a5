"""Messages of terminal tables, xlsx sheets, interactive prompts and value parsing (issue 14)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "elections.extended_mark": ("（已延期）", "(extended)"),
    "edit.value_type": ("值 {value!r} 不是{type_zh}", "value {value!r} is not of type {type_en}"),
    "xlsx.as_of": ("（截至 {date}）", " (as of {date})"),
    "table.prefix_caption": ("（名称省略共同前缀“{prefix}”）", "(names shown without the shared prefix “{prefix}”)"),
}
