"""K001–K006 (loading and placement) and K101–K105 (schema): enforced by the loader and validator."""

from __future__ import annotations

from kexie_cli.finding import Severity
from kexie_cli.rules import builtin

E, W = Severity.ERROR, Severity.WARNING

builtin(
    "K001",
    E,
    "文件无法读取、不是 UTF-8 或含控制字符",
    "File unreadable, not UTF-8, or with control characters",
    """
    The file cannot be read, is larger than the size limit (settings
    ``limits.max_file_bytes``, default 1 MiB), is not UTF-8 (a BOM is fine),
    or contains a NUL or another control character. The position is that of
    the first offending byte.

    中文：文件无法读取、超过大小上限（设置 limits.max_file_bytes，默认 1 MiB）、
    不是 UTF-8 编码（允许 BOM），或含 NUL 等控制字符。位置指向第一个出错的字节。
    请用 UTF-8 另存（例如从 GBK 转换）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        name: 示例<FF>学会

    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        name: 示例学会
    """,
)

builtin(
    "K002",
    E,
    "YAML 语法错误",
    "YAML syntax error",
    """
    The file is not valid YAML (for example tab indentation or an unclosed
    bracket). Flow brackets nested deeper than 64 levels are refused too.

    中文：文件不是合法的 YAML，例如用 Tab 缩进、括号未闭合、缩进不齐。
    流式括号嵌套超过 64 层也按语法错误处理。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        council: {members: 30
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        council: {members: 30}
    """,
)

builtin(
    "K003",
    E,
    "键重复",
    "Duplicate key",
    """
    A mapping names the same key twice; YAML readers would silently keep
    one of them. The position is the second occurrence.

    中文：同一映射中同一个键出现两次（多数 YAML 读取器会悄悄只保留一个）。
    位置指向第二次出现处。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        name: 示例学会
        name: 示例市学会
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        name: 示例学会
    """,
)

builtin(
    "K004",
    E,
    "不是单一映射文档，或使用了锚点、别名、合并键、标签",
    "Not a single mapping document; anchors, aliases, merge keys or tags",
    """
    A record is exactly one YAML document whose top level is a mapping.
    Anchors (``&a``), aliases (``*a``), merge keys (``<<``) and explicit tags
    (``!!str``) are refused; they are detected without being expanded.

    中文：每个文件只能有一个 YAML 文档，顶层必须是映射（键: 值）。不允许锚点
    （&a）、别名（*a）、合并键（<<）和显式标签（!!str）；检查时不会展开它们。
    空文件、顶层是列表、多文档（---）都属此类。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: &d 2000-01-01
        registration: {registered: *d}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: 2000-01-01
        registration: {registered: 2000-01-01}
    """,
)

builtin(
    "K005",
    E,
    "文件名或文件夹与 id / kind 不符",
    "File name or folder does not match id / kind",
    """
    The file must be ``<id>.yaml`` inside the folder of its kind:
    records/societies, records/branches or records/party-cells.

    中文：文件必须命名为 <id>.yaml，并放在其类别对应的文件夹中：
    records/societies（科技社团）、records/branches（基层科协）、
    records/party-cells（党组织）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-other
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
    """,
)

builtin(
    "K006",
    W,
    "文件不在已知文件夹中，或扩展名不是 .yaml",
    "File outside the known folders, or not ending in .yaml",
    """
    Every file under records/ must be a ``.yaml`` file directly inside the
    folder of its kind (records/societies/, records/branches/ ...: ``kexie
    schema`` lists the kinds); yearly records sit one folder deeper, in a
    folder named by the year (records/annual/2025/). Anything else (``.yml``,
    another folder, an annual record outside a year folder) is not read.
    Hidden files are skipped.

    中文：records/ 下的文件必须是直接放在其类别文件夹（records/societies/、
    records/branches/ 等）中的 .yaml 文件；年度记录再深一层，放在以年度命名的
    文件夹中（records/annual/2025/）。其他文件（.yml、其他文件夹、不在年度文件夹中的
    年度记录）不会被读取。隐藏文件不检查。

    Fails:
        --- records/societies/demo-society.yml
        id: demo-society
    Fails:
        --- records/annual/demo-society-2025.yaml
        id: demo-society-2025
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
    """,
)

_SOCIETY = """
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        name: 示例学会
        status: active
        founded: 2000-01-01
        level: municipal
        discipline: science
"""

builtin(
    "K101",
    E,
    "缺少必填字段",
    "Required field missing",
    f"""
    A required field is missing (the schemas, schemas/*.schema.json): every kind needs id, kind, name,
    status, founded; a society level, discipline and registration.uscc; a
    branch type; a party cell form and covers (empty only for committee and
    general-branch); a term number, started, years; a leader role, name,
    since; an inspection year, result. The position is the mapping that
    lacks the field.

    中文：缺少必填字段。各类记录都需要 id、kind、name、status、founded；
    科技社团还需要 level、discipline、registration.uscc；基层科协需要 type；
    党组织需要 form 和 covers（仅党委、党总支可为空）；term 需要 number、
    started、years；领导成员需要 role、name、since；年检条目需要 year、result。
    位置指向缺少该字段的映射。

    Fails:{_SOCIETY}
    Passes:{_SOCIETY}        registration: {{uscc: 51330100MJ00000001}}
    """,
)

builtin(
    "K102",
    E,
    "类型错误",
    "Wrong type",
    f"""
    A value has the wrong type: text where a number is expected, a list
    where a mapping is expected, and so on.

    中文：值的类型不对，例如应为数字却写成文字、应为映射却写成列表。

    Fails:{_SOCIETY}        registration: {{uscc: 51330100MJ00000001}}
        council: {{members: 三十}}
    Passes:{_SOCIETY}        registration: {{uscc: 51330100MJ00000001}}
        council: {{members: 30}}
    """,
)

builtin(
    "K103",
    E,
    "取值不在允许范围内",
    "Value not allowed",
    """
    An enumerated field holds a value that is not one of its codes. The
    message lists the allowed codes with their Chinese labels.

    中文：枚举字段的取值不在允许的代码中；提示信息列出允许的代码及中文标签。
    注意填写英文代码（如 municipal），而不是中文标签（市级）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        level: 市级
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        level: municipal
    """,
)

builtin(
    "K104",
    E,
    "格式或取值范围错误",
    "Bad format or pattern",
    """
    A value has the right type but a bad format: a date that is not a real
    ISO date (``2010-13-01``), an id that is not a slug, a year out of range,
    a star rating outside 1–5, a negative count, or a control character written
    as a YAML escape (``"\\e"``, ``"\\x07"``; tab and newline are fine) in any
    text (a raw control byte is K001).

    中文：类型正确但格式不对：不存在的日期（如 2010-13-01）或非 YYYY-MM-DD
    格式、不合规的 id、超出范围的年份、1–5 以外的星级、负数等；任何文字中以
    YAML 转义写入的控制字符（如 "\\e"、"\\x07"；制表符和换行除外）也报 K104
    （文件中直接出现的控制字节是 K001）。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: 2010-13-01
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: 2010-12-01
    """,
)

builtin(
    "K105",
    E,
    "未知字段",
    "Unknown field",
    """
    A field that the schema does not define, often a typo. A secretariat
    that needs more fields adds them to its own ``schemas/``.

    中文：模式中没有定义的字段，多为拼写错误。确需新增字段时，
    在台账自己的 schemas/ 中添加。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        fonded: 2000-01-01
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        founded: 2000-01-01
    """,
)

builtin(
    "K007",
    E,
    "records/ 中的文件夹是符号链接",
    "A folder under records/ is a symbolic link",
    """
    A folder under records/ (a kind folder such as records/societies, any
    folder below, or records/ itself) is a symbolic link. kexie never follows
    it: a link added by a pull request could lead anywhere on the machine, and
    edits, ``new`` and ``import`` would write there. The records behind it are
    not read by any command (``list``, ``summary`` and the other reports name
    it on stderr), and edits through it are refused. Replace the link by a
    real folder holding the record files.

    中文：records/ 中的文件夹（如 records/societies、其下任何文件夹或 records/ 本身）
    是符号链接。kexie 从不进入链接的文件夹：拉取请求加入的链接可以指向本机任何地方，
    编辑、new、import 会写到那里。所有命令都不读取其中的记录（list、summary 等报表在
    stderr 中列出它），也拒绝通过它编辑。请把链接换成存放记录文件的真实文件夹。

    Fails:
        --- records/societies -> ../elsewhere
        --- elsewhere/demo-society.yaml
        id: demo-society
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
    """,
)
