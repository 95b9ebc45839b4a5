"""Messages of the general commands (rules, schema)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # paths given on the command line
    "registry.path_missing": ("路径不存在：{path}", "no such file or folder: {path}"),
    "rules.title": ("kexie 规则一览", "kexie rules"),
    "rules.unknown": (
        "没有规则 {code}；kexie rules 列出全部规则",
        "No rule {code}; `kexie rules` lists them all",
    ),
    "rules.fails": ("不通过的示例", "Fails"),
    "rules.passes": ("通过的示例", "Passes"),
    "rules.severity": ("级别", "Severity"),
    "rules.doc_title": ("规则说明（K001–K902）", "Rules (K001–K902)"),
    "rules.doc_intro": (
        "本文件由 `make docs` 根据规则注册表自动生成，请勿手工编辑。"
        "问题可以用注释 `# kexie: ignore[K402] 理由` 豁免（写在该行末尾或上一行），"
        "或在 kexie.yaml 的 `rules.ignore` 中登记；K0xx 语法类问题不能豁免。",
        "Generated from the rule registry by `make docs`; do not edit.",
    ),
    "schema.unknown_kind": (
        "未知类别 {kind}；可选：{kinds}",
        "Unknown kind {kind}; one of: {kinds}",
    ),
}
MESSAGES["output.required"] = ("--format {fmt} 需要用 --output 指定输出文件", "--format {fmt} needs --output FILE")
