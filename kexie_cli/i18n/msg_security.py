"""Messages of the safety checks: output targets, ids as paths, sql and template bounds, state folder, controls."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -o / --output
    "output.protected": (
        "这是台账自身的文件或文件夹（records/、schemas/、templates/、.git/、.kexie/ 或 kexie.yaml），不能作为输出",
        "it belongs to the registry itself (records/, schemas/, templates/, .git/, .kexie/ or kexie.yaml)",
    ),
    "output.not_regular": (
        "已存在且不是普通文件（设备、管道或套接字）",
        "it exists and is not a regular file (a device, a pipe or a socket)",
    ),
}
MESSAGES.update(
    {
        # letters named from ids
        "letters.bad_id": (
            "记录 {id}（文件 {file}.yaml）的 id 不是合法 id（小写字母、数字和连字符），未生成函件；请先用 kexie check 修正",
            "record {id} (file {file}.yaml): the id is not a valid id (lowercase letters, digits, hyphens); "
            "no letter written, fix it first (kexie check)",
        ),
        "letters.bad_file_name": (
            "记录 {id} 的文件名 {file}.yaml 不是合法 id，未生成函件；请先用 kexie check 修正",
            "record {id}: the file name {file}.yaml is not a valid id; no letter written, fix it first (kexie check)",
        ),
    }
)
MESSAGES.update(
    {
        # registry templates
        "letters.outside": (
            "模板 {name!r} 不在台账的 templates/ 或 kexie 自带模板之内（不允许 .. 或绝对路径），拒绝读取",
            "template {name!r} is outside the registry's templates/ and kexie's own (no .. or absolute names)",
        ),
        "letters.too_big": (
            "表达式生成的值超过 {limit} 个字符（或元素），已停止",
            "an expression builds a value of more than {limit} characters (or items); stopped",
        ),
        "letters.output_too_big": (
            "函件超过 {limit} 个字符，已停止",
            "the letter is longer than {limit} characters; stopped",
        ),
        "letters.too_slow": ("渲染超过 {seconds:g} 秒，已停止", "rendering took more than {seconds:g} s; stopped"),
        "letters.too_much_memory": (
            "渲染所需内存超过 {megabytes} MB，已停止",
            "rendering needs more than {megabytes} MB of memory; stopped",
        ),
    }
)
MESSAGES.update(
    {
        # K104 for a control character that came in as a YAML escape
        "K104.control": (
            '{field} 含控制字符 {char}（YAML 转义写入，例如 "\\e"、"\\x07"），请删除',
            '{field} contains the control character {char} (written as a YAML escape such as "\\e" or "\\x07")',
        ),
    }
)
MESSAGES.update(
    {
        # kexie sql bounds
        "sql.too_slow": (
            "查询超过 {seconds} 秒，已停止（可用 --timeout 调整上限）",
            "the query ran longer than {seconds} s and was stopped (see --timeout)",
        ),
        "sql.cancelled": ("查询已取消（Ctrl-C）", "the query was cancelled (Ctrl-C)"),
        "sql.too_many_rows": (
            "查询结果超过 {rows} 行，已停止（可用 --max-rows 调整上限，或用 LIMIT、kexie export）",
            "the query returned more than {rows} rows and was stopped (see --max-rows, LIMIT or kexie export)",
        ),
        "sql.too_much_memory": (
            "查询所需内存超过 {megabytes} MB，已停止",
            "the query needed more than {megabytes} MB of memory and was stopped",
        ),
        "sql.too_big": (
            "查询产生的单个值超过 {bytes} 字节，已停止",
            "the query built a value larger than {bytes} bytes and was stopped",
        ),
    }
)
MESSAGES.update(
    {
        # .kexie/ working folder
        "state.unsafe": ("{path} {reason}，kexie 不会使用它", "{path} {reason}; kexie will not use it"),
        "state.link": ("是符号链接", "is a symbolic link"),
        "state.not_dir": ("不是文件夹", "is not a folder"),
        "state.not_owner": ("不属于当前用户", "is not owned by the current user"),
        "state.warning": ("警告：{detail}；本次不使用缓存", "warning: {detail}; running without the cache"),
    }
)
