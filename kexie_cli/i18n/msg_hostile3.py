"""Messages of the third round of hostile registries (issue 28): links, Git names, templates, bounds."""

MESSAGES: dict[str, tuple[str, str]] = {
    # linked folders under records/ (K007)
    "K007.load.linked_folder": (
        "文件夹是符号链接（指向 {target}），kexie 不读取其中的记录；请换成真实的文件夹",
        "The folder is a symbolic link (to {target}); kexie does not read the records in it, use a real folder",
    ),
    "records.linked_folder": (
        "{folder} 是符号链接（指向 {target}）；kexie 不通过链接的文件夹读写记录，请换成真实的文件夹（K007）",
        "{folder} is a symbolic link (to {target}); kexie does not read or write records through a linked "
        "folder, use a real folder (K007)",
    ),
}
MESSAGES.update(
    {
        # Git revisions (--at, --compare, log)
        "at.settings_too_large": (
            "版本 {rev} 的 kexie.yaml 有 {size} 字节，超过上限 {limit} 字节，未读取",
            "kexie.yaml at revision {rev} has {size} bytes, over the limit of {limit}; not read",
        ),
        "log.too_large": (
            "{file} 在版本 {commit} 中有 {size} 字节，超过上限 {limit} 字节，未读取，不显示字段变化",
            "{file} at {commit} has {size} bytes, over the limit of {limit}; not read, no field changes shown",
        ),
    }
)
MESSAGES.update(
    {
        # letter templates
        "letters.expression_failed": (
            "表达式无法计算（{error}：{detail}）",
            "an expression cannot be computed ({error}: {detail})",
        ),
    }
)
MESSAGES.update(
    {
        # options and sql
        "option.not_finite": ("{value} 不是有限的数", "{value} is not a finite number"),
        "sql.printf_width": (
            "printf/format 的宽度或精度超过 {limit}，已停止",
            "a printf/format width or precision over {limit}; stopped",
        ),
    }
)
MESSAGES.update(
    {
        # editing
        "edit.path_too_deep": (
            "字段路径超过 {limit} 层，记录不会嵌套这么深",
            "the field path has more than {limit} parts; no record nests that deep",
        ),
        "fmt.null_key": (
            "第 {line} 行的键为空（~ 或 null），无法整理；请改成有意义的字段名",
            "the key on line {line} is null (~ or null) and cannot be formatted; give it a field name",
        ),
    }
)
MESSAGES.update(
    {
        "edit.lock_no_space": (
            "磁盘空间不足，无法建立编辑锁 {path}，没有修改任何记录：{detail}",
            "No space left on the disk to create the edit lock {path}; no record was changed: {detail}",
        ),
        "edit.lock_failed": (
            "无法建立编辑锁 {path}，没有修改任何记录：{detail}",
            "Cannot create the edit lock {path}; no record was changed: {detail}",
        ),
    }
)
MESSAGES.update(
    {
        "new.bad_template": (
            "记录模板 {path} 无法使用：{detail}",
            "the record template {path} cannot be used: {detail}",
        ),
    }
)
