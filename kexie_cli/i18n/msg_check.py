"""Messages of loading, settings and ``kexie check`` findings (zh, en)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # registry and settings (exit 2)
    "registry.not_found": (
        "找不到台账：从 {start} 向上没有找到 kexie.yaml（可用 --root 指定台账目录）",
        "No registry: no kexie.yaml found from {start} upwards (use --root DIR)",
    ),
    "registry.no_settings": (
        "{root} 不是台账目录：缺少 kexie.yaml",
        "{root} is not a registry: kexie.yaml missing",
    ),
    "registry.path_outside": ("路径不在台账内：{path}", "Path is outside the registry: {path}"),
    "settings.unreadable": (
        "无法读取设置文件 {file}：{detail}",
        "Cannot read settings file {file}: {detail}",
    ),
    "settings.syntax": (
        "{file}:{line}:{column}: 设置文件无法解析（{code}），请先修正语法",
        "{file}:{line}:{column}: settings file cannot be parsed ({code})",
    ),
    "settings.invalid": (
        "{file}:{line}:{column}: 设置项 {setting} 无效：{detail}",
        "{file}:{line}:{column}: setting {setting} is invalid: {detail_en}",
    ),
    "schema.unreadable": (
        "无法读取模式文件 {path}：{detail}",
        "Cannot read schema file {path}: {detail}",
    ),
    "schema.missing": ("缺少模式文件 {name}", "Schema file {name} is missing"),
    "date.invalid": (
        "日期无效：{value}（应为 YYYY-MM-DD）",
        "Invalid date: {value} (expected YYYY-MM-DD)",
    ),
    "internal": (
        "kexie 内部错误：{detail}。请把命令和这条信息报告给维护者（设置 KEXIE_DEBUG=1 可查看详情）",
        "kexie internal error: {detail}. Please report the command and this message (KEXIE_DEBUG=1 shows details)",
    ),
    # K0xx
    "K001.load.not_utf8": (
        "文件不是 UTF-8 编码（第一个无效字节 {byte}）；请另存为 UTF-8",
        "File is not UTF-8 (first invalid byte {byte}); save it as UTF-8",
    ),
    "K001.load.control": ("文件含控制字符 {char}", "File contains the control character {char}"),
    "K001.load.too_large": (
        "文件过大：{size} 字节，超过上限 {limit} 字节（设置 limits.max_file_bytes）",
        "File too large: {size} bytes, limit {limit} (settings limits.max_file_bytes)",
    ),
    "K001.load.unreadable": ("文件无法读取：{detail}", "File cannot be read: {detail}"),
    "K002.load.syntax": ("YAML 语法错误（第 {line} 行第 {column} 列）：{detail_zh}", "YAML syntax error: {detail}"),
    "K002.load.too_deep": (
        "嵌套过深（括号或缩进超过 64 层）",
        "Nested too deep (brackets or indentation over 64 levels)",
    ),
    "K003.load.duplicate": ("键 {key} 重复出现", "Key {key} appears twice"),
    "K004.load.multi_doc": (
        "文件含多个 YAML 文档；每个文件只能有一个",
        "More than one YAML document in the file",
    ),
    "K004.load.alias": ("不允许使用别名 *{name}", "Alias *{name} is not allowed"),
    "K004.load.anchor": ("不允许使用锚点 &{name}", "Anchor &{name} is not allowed"),
    "K004.load.tag": ("不允许使用标签 {tag}", "Tag {tag} is not allowed"),
    "K004.load.merge": ("不允许使用合并键 <<", "Merge key << is not allowed"),
    "K004.load.not_mapping": ("顶层必须是映射（键: 值）", "The top level must be a mapping"),
    "K004.load.empty": ("文件为空，没有记录内容", "The file is empty"),
    "K004.load.complex_key": ("键必须是简单文字", "Keys must be plain scalars"),
    "K005.id": (
        "id「{id}」与文件名 {file} 不符（应为 {id}.yaml）",
        "id '{id}' does not match file name {file}",
    ),
    "K005.kind": (
        "kind 为 {kind}，但文件位于 records/{folder}/",
        "kind is {kind} but the file is in records/{folder}/",
    ),
    "K006": (
        "不是类别文件夹（如 records/societies/）中的 .yaml 文件，年度记录应在 records/annual/<年度>/ 中；未检查：{path}",
        "Not a .yaml file in a kind folder (such as records/societies/; annual records in records/annual/<year>/); not checked: {path}",
    ),
    # K1xx
    "K101": ("缺少必填字段 {field}（{title}）", "Required field {field} is missing"),
    "K101.covers": (
        "covers（覆盖对象）为空：只有党委、党总支可以不列覆盖对象",
        "covers is empty: only committee and general-branch may cover nothing",
    ),
    "K102": (
        "{field}（{title}）类型错误：应为 {expected}，实为 {actual}",
        "{field} has the wrong type: {expected} expected, got {actual}",
    ),
    "K102.other": (
        "{field}（{title}）不符合模式（{rule}）",
        "{field} does not match the schema ({rule})",
    ),
    "K103": (
        "{field}（{title}）的取值「{value}」不允许；可选：{allowed}",
        "{field}: value '{value}' not allowed; allowed: {allowed_en}",
    ),
    "K104": (
        "{title}（{field}）的值「{value}」超出范围：{rule_zh}",
        "{field}: value '{value}' out of range or malformed ({rule})",
    ),
    "K104.format": (
        "{title}（{field}）格式不对：「{value}」，{rule_zh}",
        "{field}: bad format '{value}' ({rule})",
    ),
    "K104.pattern": (
        "{title}（{field}）格式不对：「{value}」，{rule_zh}",
        "{field}: '{value}' does not match ({rule})",
    ),
    "K105": ("未知字段 {field}（拼写错误？）", "Unknown field {field} (a typo?)"),
    # K2xx
    "K201": ("id「{id}」重复，已用于 {other}", "Duplicate id '{id}', also used by {other}"),
    "K202": ("引用的 id「{target}」不存在", "Reference to unknown id '{target}'"),
    "K203": (
        "引用的「{target}」是{kind}，此处应为{wanted}",
        "'{target}' is a {kind}; a {wanted} is expected here",
    ),
    "K204": ("上级关系成环：{chain}", "Cycle in parent chain: {chain}"),
    "K205.invalid": (
        "统一社会信用代码「{value}」无效（{reason}）",
        "统一社会信用代码 '{value}' is invalid ({reason})",
    ),
    "K205.prefix": (
        "统一社会信用代码「{value}」不是社会团体代码（应以 {prefix} 开头）",
        "统一社会信用代码 '{value}' is not a 社会团体 code (must start with {prefix})",
    ),
    "K206": ("统一社会信用代码与 {other} 重复", "统一社会信用代码 duplicates that of {other}"),
    "K207": (
        "名称「{name}」与正常状态的 {other} 相同",
        "Name '{name}' is also used by active record {other}",
    ),
    # K3xx
    "K301": (
        "{term}任期{extended}已于 {end} 届满，换届已逾期 {days} 天",
        "Term {number} ended on {end}; 换届 is {days} days overdue",
    ),
    "K302": (
        "{term}任期{extended}将于 {end} 届满（还有 {days} 天），请准备换届",
        "Term {number} ends on {end} (in {days} days): prepare the 换届",
    ),
    "K303": (
        "每届任期 {years} 年，超过上限 {max} 年",
        "Term of {years} years exceeds the limit of {max}",
    ),
    "K303.party": (
        "党组织每届任期 {years} 年，超过上限 {max} 年（党章：每届任期三年至五年；设置 party.max_term_years）",
        "Party cell term of {years} years exceeds the limit of {max} (Party Constitution: 3 to 5 years)",
    ),
    "K304.too_long": (
        "延期至 {to}，超过正常届满日 {regular} 一年以上（最晚 {max}）",
        "Extended to {to}: more than one year past the regular end {regular} (latest {max})",
    ),
    "K304.not_later": (
        "延期至 {to}，不晚于正常届满日 {regular}",
        "Extended to {to}, not after the regular end {regular}",
    ),
    "K304.unapproved": (
        "延期换届未填写批准日期 extension_approved",
        "Extension without extension_approved",
    ),
    "K305": ("{a} {x} 晚于 {b} {y}", "{a_en} {x} is after {b_en} {y}"),
    "K305.year": (
        "年度 {year} 早于成立日期 {founded}",
        "Year {year} is before the founding date {founded}",
    ),
    "K306.chair": (
        "现任{role}应为 1 人，实有 {count} 人",
        "Exactly one current {role} expected, found {count}",
    ),
    "K306.sg": ("没有现任秘书长", "No current secretary-general"),
    "K306.secretary": (
        "现任书记应为 1 人，实有 {count} 人",
        "Exactly one current secretary expected, found {count}",
    ),
    "K307": (
        "{type}委员会 {members} 人，应为 {min}–{max} 人",
        "{type} committee of {members}; {min}-{max} expected",
    ),
    "K307.sg": (
        "现任秘书长 {count} 人，最多 1 人",
        "{count} current secretaries-general; at most one",
    ),
    "K308.age": (
        "{role} {name}：本届开始时 {age} 岁，超过 {max} 岁",
        "{role} {name} was {age} at term start, over {max}",
    ),
    "K308.terms": (
        "{role} {name}：已连任 {count} 届，超过 {max} 届",
        "{role} {name} is in term {count} in a row, over {max}",
    ),
    # K4xx
    "K401": (
        "缺少 {year} 年度年检/年报记录（截止 {deadline}）",
        "No 年检 entry for {year} (due {deadline})",
    ),
    "K402": (
        "{first}、{last} 年度连续两年未参检或不合格，可列为解除资格候选",
        "年检 missing or failed in {first} and {last}: candidate for 解除资格",
    ),
    "K403.twice": ("{year} 年度有两条年检记录", "Two 年检 entries for {year}"),
    "K403.future": ("年检年度 {year} 在未来", "年检 year {year} is in the future"),
    # K5xx
    "K501": (
        "未被任何党组织覆盖，也没有党建联络员/指导员",
        "Covered by no party cell and without a liaison",
    ),
    "K502": (
        "正式党员 {full} 人，党支部应有 3 人以上",
        "{full} full members; a Party branch needs at least 3",
    ),
    "K503.joint": (
        "联合党支部只覆盖 {count} 个单位，至少应为 2 个",
        "Joint branch covers {count} records; at least 2 expected",
    ),
    "K503.single": (
        "覆盖了 {count} 个单位，党支部/党的工作小组只能覆盖 1 个",
        "Covers {count} records; a branch or working group covers one",
    ),
    "K504": (
        "{title} {name} 未在所覆盖单位的领导班子中任职",
        "{title} {name} holds no post in the covered records",
    ),
    "K505": (
        "党组织{term}任期{extended}已于 {end} 届满，换届已逾期 {days} 天",
        "Party cell term {number} ended on {end}; {days} days overdue",
    ),
    "K506": (
        "近12个月{type}有缺项：{periods}",
        "三会一课 gap in the last 12 months: no {type} in {periods}",
    ),
    "K507": (
        "联合党支部覆盖 {count} 个单位，一般不超过 5 个",
        "Joint branch covers {count} records; normally at most 5",
    ),
    # K6xx
    "K601": (
        "社会组织评估等级 {grade} 已于 {expiry} 过期",
        "社会组织评估等级 {grade} expired on {expiry}",
    ),
    "K602": (
        "最近一次星级评定在 {year} 年，已超过 3 年",
        "Latest star rating is from {year}, over 3 years old",
    ),
    "K603": ("没有登记学术活动品牌", "No brand_events recorded"),
    # K9xx
    "K901.unknown": (
        "豁免注释中的规则代码无效：{codes}",
        "Unknown rule code in suppression: {codes}",
    ),
    "K901.reason": ("豁免注释没有写理由", "Suppression comment without a reason"),
    "K902.unused": (
        "对 {code} 的豁免没有匹配任何问题，可以删除",
        "Suppression of {code} matched nothing; remove it",
    ),
    "K902.unused_setting": (
        "设置中对 {code} 的豁免没有匹配任何问题",
        "Settings ignore entry for {code} matched nothing",
    ),
    "K902.expired": (
        "设置中对 {code} 的豁免已于 {until} 到期",
        "Settings ignore entry for {code} expired on {until}",
    ),
}
MESSAGES.update(
    {
        "check.summary": (
            "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示",
            "{files} files checked: {errors} errors, {warnings} warnings, {infos} infos",
        ),
        "check.strict": ("（严格模式：警告按错误处理）", " (strict: warnings count as errors)"),
    }
)
