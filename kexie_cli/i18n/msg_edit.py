"""Messages of fmt, the edit commands (new, elect, extend, inspect, set, unset), diff and log."""

MESSAGES: dict[str, tuple[str, str]] = {
    # fmt with files that cannot be loaded
    "fmt.load_problem": (
        "无法加载（{code}，第 {line} 行：{detail}），请先用 kexie check 修正",
        "cannot be loaded: line {line}: {detail} ({code}); fix it first (kexie check)",
    ),
    "fmt.summary_check_failed": (
        "{count} 个文件不是规范格式，{failed} 个文件无法加载（共检查 {files} 个）",
        "{count} of {files} files are not canonical, {failed} cannot be loaded",
    ),
    "fmt.summary_write_failed": (
        "已整理 {count} 个文件，{failed} 个文件无法加载、未整理（共 {files} 个）",
        "reformatted {count} of {files} files; {failed} cannot be loaded and were left as they are",
    ),
    # fmt
    "fmt.unloadable": (
        "文件无法加载（第 {line} 行有语法问题），请先用 kexie check 修正",
        "cannot be loaded (problem on line {line}); fix it first (kexie check)",
    ),
    "fmt.unparsable": ("YAML 无法解析：{detail}", "YAML does not parse: {detail}"),
    "fmt.not_mapping": ("文件不是一个映射（键: 值）文档", "not a single mapping document"),
    "fmt.changes_meaning": (
        "整理格式会改变数据，已跳过（请报告此问题）",
        "formatting would change the data; skipped (please report)",
    ),
    "fmt.failed": ("{file}：{reason}", "{file}: {reason}"),
    "fmt.not_record": (
        "{file}：不是记录文件（应在 records/<类别>/ 下，扩展名 .yaml），已跳过",
        "{file}: not a record file (records/<kind>/*.yaml); skipped",
    ),
    "fmt.summary_check": (
        "{count} 个文件不是规范格式（共检查 {files} 个）；运行 kexie fmt 整理",
        "{count} of {files} files are not canonical; run kexie fmt",
    ),
    "fmt.summary_ok": ("{files} 个文件均为规范格式", "all {files} files are canonical"),
    "fmt.summary_write": ("已整理 {count} 个文件（共 {files} 个）", "reformatted {count} of {files} files"),
    # edit commands
    "edit.bad_path": (
        "无效的字段路径 {path!r}（示例：registration.uscc、leaders.0.name）",
        "invalid field path {path!r} (e.g. registration.uscc, leaders.0.name)",
    ),
    "edit.bad_value": ("值 {value!r} 不是 {type} 类型", "value {value!r} is not of type {type}"),
    "edit.no_such_path": ("记录中没有 {path}", "the record has no {path}"),
    "edit.not_container": ("{path} 不是映射或列表，无法在其下设置字段", "{path} is not a mapping or list"),
    "edit.protected": ("不能删除 {path}", "{path} cannot be removed"),
    "edit.no_field": ("类别 {kind} 的记录没有字段 {field}", "records of kind {kind} have no field {field}"),
    "edit.no_term": (
        "记录没有完整的当届信息（term.number），请先用 kexie set 录入",
        "the record has no complete term (term.number); set it first",
    ),
    "edit.unknown_id": ("找不到 id 为 {id} 的记录", "no record with id {id}"),
    "edit.unloadable": (
        "{file} 无法加载，请先用 kexie check 修正",
        "{file} cannot be loaded; fix it first (kexie check)",
    ),
    "edit.unreadable": ("无法读取 {file}：{detail}", "cannot read {file}: {detail}"),
    "edit.broken": (
        "修改后的文件无法加载（{detail}），未写入",
        "the edited file would not load ({detail}); nothing written",
    ),
    "edit.exists": ("{file} 已存在", "{file} already exists"),
    "edit.locked": (
        "另一个 kexie 进程正在修改台账（锁文件 {path}），请稍后再试",
        "another kexie process is editing the registry (lock {path}); try again later",
    ),
    "edit.refused": (
        "未写入 {file}：修改会带来以下新错误",
        "{file} not written: the edit would bring these new errors",
    ),
    "edit.written": ("已更新 {file}（{fields}）", "updated {file} ({fields})"),
    "edit.created": ("已创建 {file}", "created {file}"),
    "edit.unchanged": ("{file} 无变化", "{file} unchanged"),
    "edit.dry_run": ("（试运行，未写入）", "(dry run, nothing written)"),
    "edit.reformatted": (
        "注意：{file} 原本不是规范格式，已一并整理",
        "note: {file} was not canonical and has been reformatted too",
    ),
    "edit.bad_set": ("--set 应写作 字段=值，收到 {value!r}", "--set takes FIELD=VALUE, got {value!r}"),
    # new
    "new.no_template": ("找不到记录模板 {path}", "record template {path} not found"),
    "new.missing": (
        "缺少字段：{fields}（--no-input 时须用 --set 字段=值 给出）",
        "missing fields: {fields} (with --no-input give them as --set FIELD=VALUE)",
    ),
    "new.bad_id": (
        "无效的 id {id!r}：须为小写字母、数字和连字符（3–64 位）",
        "invalid id {id!r}: lowercase letters, digits and hyphens, 3–64 characters",
    ),
    "new.prompt_name": ("全称", "Full name"),
    "new.prompt_id": ("id（按拼音生成，可修改）", "id (from the pinyin; edit if needed)"),
    # diff / log
    "git.missing": ("找不到 git 命令", "git not found"),
    "git.failed": ("git 出错：{detail}", "git failed: {detail}"),
    "git.not_repo": ("{root} 不在 Git 仓库中", "{root} is not inside a Git repository"),
    "git.bad_rev": ("无效的版本 {rev!r}", "unknown revision {rev!r}"),
    "diff.added": ("新增", "added"),
    "diff.removed": ("删除", "removed"),
    "diff.renamed": ("更名", "renamed"),
    "diff.modified": ("修改", "modified"),
    "diff.none": ("未录入", "(none)"),
    "diff.no_changes": ("台账没有变化", "no changes in the registry"),
    "diff.title": ("台账变更（{old} → {new}）", "Registry changes ({old} → {new})"),
    "diff.worktree": ("工作区", "work tree"),
    "diff.summary": (
        "新增 {added}，删除 {removed}，更名 {renamed}，修改 {modified}",
        "{added} added, {removed} removed, {renamed} renamed, {modified} modified",
    ),
    "diff.term": ("当届", "Term"),
    "diff.term_number": ("第{n}届", "term {n}"),
    "diff.inspection": ("{year} 年检", "{year} inspection"),
    "diff.star": ("{year} 星级", "{year} stars"),
    "diff.stars_value": ("{n}星", "{n} stars"),
    "diff.past_term": ("往届 第{n}届", "past term {n}"),
    "diff.meeting": ("三会一课 {date}", "meeting {date}"),
    "diff.unreadable": ("（无法加载）", "(cannot be loaded)"),
    "log.no_history": ("{id} 在 Git 历史中没有记录", "{id} has no Git history"),
    "log.created": ("创建记录", "record created"),
    "log.deleted": ("删除记录", "record deleted"),
    "log.renamed": ("文件更名：{old} → {new}", "file renamed: {old} → {new}"),
    "log.no_semantic": ("（仅格式或注释变化）", "(layout or comments only)"),
    # check --changed
    "changed.settings": ("设置或模式有变化，检查全部记录", "settings or schemas changed: checking every record"),
}
