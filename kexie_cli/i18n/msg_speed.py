"""Messages of the strict loader's YAML conformance checks and the speed work (zh, en)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "K002.load.tab": (
        "制表符不能用作缩进，也不能出现在 - ? : 或映射的键之前；请改用空格",
        "A tab cannot be indentation, nor stand before -, ?, : or a mapping key; use spaces",
    ),
    "K002.load.indent": (
        "续行缩进不足：跨行的值须比所在映射或列表缩进更多（只计空格）",
        "Continuation line not indented enough: a value over several lines must be indented "
        "more than its mapping or list (spaces only)",
    ),
    "K002.load.comment_glued": (
        "“#” 紧跟在引号值之后：注释前须有空格",
        "'#' right after a quoted value: a comment needs a space before it",
    ),
    "K002.load.simple_key": (
        "找不到键后面的“:”（键须在同一行内写完）",
        "Could not find the ':' after a key (a key must end on its line)",
    ),
    "K004.load.flow_explicit_key": (
        "方括号或花括号内不支持显式键 “?”；请把含 ? 的值加上引号",
        "Explicit keys ('?') are not supported inside brackets or braces; quote a value that contains '?'",
    ),
    "K004.load.flow_colon": (
        "方括号或花括号内的值以 “:” 结尾或 “:” 后紧跟 , ] }}，含义不明确；请加引号，或在冒号后加空格",
        "A value inside brackets or braces ends with ':' or has ':' right before , ] or }}: "
        "ambiguous; quote it, or put a space after the colon",
    ),
}
