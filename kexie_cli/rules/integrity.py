"""K201–K207: integrity across records (ids, references, 统一社会信用代码, names)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kexie_cli import kinds
from kexie_cli.finding import Severity
from kexie_cli.records.model import Record, text
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit

E, W = Severity.ERROR, Severity.WARNING
USCC_REASONS = {
    "InvalidChecksum": ("校验位错误", "wrong check digit"),
    "InvalidLength": ("长度应为 18 位", "must be 18 characters"),
    "InvalidFormat": ("含有不允许的字符", "contains characters that are not allowed"),
    "InvalidComponent": ("组成部分无效", "a component is invalid"),
}
# field -> kinds it may point at, per record kind (``Kind.refs``)
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = kinds.REFERENCES
# (record kind, field) -> the ``type`` the referenced record must have: a society's 区县 is a 区县科协
REFERENCE_TYPES: dict[tuple[str, str], str] = {("society", "district"): "district"}


def _later_duplicates(groups: dict[str, list[Record]]) -> Iterator[tuple[Record, Record]]:
    """(duplicate, first) for every record after the first of each group.

    The first is the record whose file is named after its id, then path order.
    """
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda r: (r.file.stem_id != r.id, r.relpath))
        for other in ordered[1:]:
            yield other, ordered[0]


@rule("K201", E, "id 重复", "Duplicate id", scope="registry")
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    """
    Two records carry the same ``id``. Each record after the first (in path
    order) is reported at its ``id``.

    中文：两个记录的 id 相同。除按路径排序的第一个外，其余记录均在 id 处报告。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        --- records/branches/demo-society.yaml
        id: demo-society
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        --- records/branches/demo-branch.yaml
        id: demo-branch
    """
    for other, first in _later_duplicates(ctx.index.by_id):
        yield Hit(("id",), {"id": other.id, "other": first.relpath}, record=other)


def _references(record: Record) -> Iterator[tuple[tuple[str | int, ...], str, tuple[str, ...]]]:
    for field, allowed in REFERENCES.get(record.kind or "", {}).items():
        value = record.get(field)
        if isinstance(value, str):
            yield (field,), value, allowed
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (field, i), item, allowed


@rule("K202", E, "引用了不存在的 id", "Reference to an unknown id")
def unknown_reference(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A reference (``parent``, ``covers``, a society's ``district``, an
    alliance's ``lead`` and ``members``, the ``host`` of a station, base or
    volunteer team) names an id that no record has. Ids of files that failed
    to load still count as known.

    中文：引用（parent、covers、科技社团的 district、学会联合体的 lead 和 members、工作站、
    科普基地和志愿服务队的 host）中的 id 不存在。无法加载的文件，其 id（取自文件名）
    仍视为存在，不重复报告。

    Fails:
        --- records/branches/demo-branch.yaml
        id: demo-branch
        parent: no-such-branch
    Passes:
        --- records/branches/demo-branch.yaml
        id: demo-branch
        parent: demo-district
        --- records/branches/demo-district.yaml
        id: demo-district
    """
    for path, target, _ in _references(record):
        if target not in ctx.index.kinds:
            yield Hit(path, {"target": target})


@rule("K203", E, "引用了类别不符的记录", "Reference to a record of the wrong kind")
def wrong_kind_reference(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A branch's ``parent`` must be a branch; a party cell's ``parent`` a party
    cell; ``covers`` must list societies or branches; a society's
    ``district`` must be a branch of type ``district`` (区县科协); an
    alliance's ``lead`` and ``members`` societies; the ``host`` of a station,
    base or volunteer team a branch, society or institute.

    中文：基层科协的 parent 必须是基层科协；党组织的 parent 必须是党组织；
    covers 只能列科技社团或基层科协；科技社团的 district 必须是类型为区县科协的基层科协；
    学会联合体的 lead、members 只能是科技社团；工作站、科普基地、志愿服务队的 host
    只能是基层科协、科技社团或民办非企业单位。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        covers: [demo-other-cell]
        --- records/party-cells/demo-other-cell.yaml
        id: demo-other-cell
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        covers: [demo-society]
        --- records/societies/demo-society.yaml
        id: demo-society
    """
    for path, target, allowed in _references(record):
        kind = ctx.index.kinds.get(target)
        if kind is None or target in ctx.index.unloaded:
            continue
        if kind not in allowed:
            wanted = "/".join(kinds.ZH_LABELS[k] if ctx.lang != "en" else k for k in allowed)
            yield Hit(
                path,
                {
                    "target": target,
                    "kind": kinds.ZH_LABELS[kind] if ctx.lang != "en" else kind,
                    "wanted": wanted,
                },
            )
        elif (wanted_type := REFERENCE_TYPES.get((record.kind or "", str(path[0])))) is not None:
            yield from _wrong_type(path, target, kind, wanted_type, ctx)


def _wrong_type(path: tuple[str | int, ...], target: str, kind: str, wanted: str, ctx: Context) -> Iterator[Hit]:
    """K203 for a record of the right kind but the wrong ``type`` (a society's 区县 is a 区县科协)."""
    other = ctx.index.get(target)
    found = text(other.get("type")) if other is not None else None
    if other is None or not other.loaded or found == wanted:
        return
    params = {
        "target": target,
        "type": ctx.label(kind, ("type",), found) if found else "?",
        "wanted": ctx.label(kind, ("type",), wanted),
    }
    yield Hit(path, params, variant="type")


@rule("K204", E, "上级关系（parent）成环", "Cycle in parent chain", scope="registry")
def parent_cycle(ctx: Context) -> Iterator[Hit]:
    """
    Following ``parent`` from a record comes back to it. Every record on the
    cycle is reported at its ``parent``.

    中文：沿 parent 向上查找又回到了自身。环上的每个记录都在其 parent 处报告。

    Fails:
        --- records/branches/demo-a.yaml
        id: demo-a
        parent: demo-b
        --- records/branches/demo-b.yaml
        id: demo-b
        parent: demo-a
    Passes:
        --- records/branches/demo-a.yaml
        id: demo-a
        parent: demo-b
        --- records/branches/demo-b.yaml
        id: demo-b
    """
    reported: set[str] = set()
    for record in ctx.index.records:
        chain: list[Record] = []
        seen: set[str] = set()
        node: Record | None = record
        while node is not None and node.id not in seen:
            seen.add(node.id)
            chain.append(node)
            parent = text(node.get("parent"))
            node = ctx.index.get(parent) if parent else None
        if node is None or node.id != record.id or record.id in reported:
            continue
        names = " → ".join([r.id for r in chain] + [record.id])
        for member in chain:
            reported.add(member.id)
            yield Hit(("parent",), {"chain": names}, record=member)


@rule("K205", E, "统一社会信用代码无效", "统一社会信用代码 invalid")
def uscc_invalid(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The 统一社会信用代码 (``registration.uscc``) fails the GB 32100 structure
    or check digit (validated with python-stdnum), or a society's code does
    not start with ``51`` (社会团体), or an institute's with ``52``
    (民办非企业单位 / 社会服务机构). ``52`` is accepted for institutes only.

    中文：统一社会信用代码（registration.uscc）不符合 GB 32100 的结构或校验位
    （由 python-stdnum 校验），或社会团体的代码不以 51 开头，或民办非企业单位
    （社会服务机构）的代码不以 52 开头。52 开头的代码只用于民办非企业单位。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        registration: {uscc: 51330100MJ00000002}
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        registration: {uscc: 51330100MJ00000001}
    """
    value = record.get("registration", "uscc")
    if not isinstance(value, str):
        return
    from stdnum.cn import uscc  # noqa: PLC0415 - python-stdnum loads only when a credit code is checked
    from stdnum.exceptions import ValidationError  # noqa: PLC0415 - python-stdnum loads only when a credit code is checked

    try:
        code = uscc.validate(value)
    except ValidationError as exc:
        reason = USCC_REASONS.get(type(exc).__name__, ("结构错误", "bad structure"))
        params = {"value": value, "reason": reason[1] if ctx.lang == "en" else reason[0]}
        yield Hit(("registration", "uscc"), params, variant="invalid")
        return
    prefix = kinds.BY_CODE[record.kind].uscc_prefix if record.kind in kinds.BY_CODE else ""
    if prefix and not code.startswith(prefix):
        variant = "prefix" if record.kind == "society" else str(record.kind)  # the word: 社会团体, 民办非企业单位
        yield Hit(("registration", "uscc"), {"value": value, "prefix": prefix}, variant=variant)


def compact_uscc(value: str) -> str:
    """``stdnum.cn.uscc.compact``, without importing or calling it for the usual plain ASCII code.

    stdnum compacts character by character (maps look-alike characters, drops
    spaces and hyphens, upper-cases, strips), and leaves every ASCII letter
    and digit as its upper case (tested), so such a code is its upper case.
    """
    if value.isascii() and value.isalnum():
        return value.upper()
    from stdnum.cn import uscc  # noqa: PLC0415 - python-stdnum loads only when a credit code is not plain ASCII

    return str(uscc.compact(value))


@rule("K206", E, "统一社会信用代码重复", "The same 统一社会信用代码 on two records", scope="registry")
def uscc_duplicate(ctx: Context) -> Iterator[Hit]:
    """
    Two records carry the same 统一社会信用代码; each record after the first
    is reported. Codes are compared as K205 reads them: letter case, spaces
    and hyphens do not make another code.

    中文：两个记录的统一社会信用代码相同；除第一个外均报告。比较时与 K205
    一样忽略大小写、空格和连字符。

    Fails:
        --- records/societies/demo-a.yaml
        id: demo-a
        registration: {uscc: 51330100MJ00000001}
        --- records/societies/demo-b.yaml
        id: demo-b
        registration: {uscc: 51330100MJ00000001}
    Passes:
        --- records/societies/demo-a.yaml
        id: demo-a
        registration: {uscc: 51330100MJ00000001}
        --- records/societies/demo-b.yaml
        id: demo-b
        registration: {uscc: 51330100MJ00000014}
    """
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in ctx.index.records:
        value = record.get("registration", "uscc")
        if isinstance(value, str) and value.strip():
            groups[compact_uscc(value)].append(record)
    for other, first in _later_duplicates(groups):
        yield Hit(("registration", "uscc"), {"other": first.id}, record=other)


@rule("K207", W, "两个正常状态的记录同名", "Two active records with the same name", scope="registry")
def duplicate_name(ctx: Context) -> Iterator[Hit]:
    """
    Two active records have the same ``name``: usually a record entered twice,
    or an old record not marked dissolved.

    中文：两个状态为正常（active）的记录名称相同，通常是重复录入，
    或旧记录未标记注销。

    Fails:
        --- records/societies/demo-a.yaml
        id: demo-a
        name: 示例学会
        status: active
        --- records/societies/demo-b.yaml
        id: demo-b
        name: 示例学会
        status: active
    Passes:
        --- records/societies/demo-a.yaml
        id: demo-a
        name: 示例学会
        status: dissolved
        --- records/societies/demo-b.yaml
        id: demo-b
        name: 示例学会
        status: active
    """
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in ctx.index.records:
        name = text(record.get("name"))
        if record.active and name:
            groups[name.strip()].append(record)
    for other, first in _later_duplicates(groups):
        yield Hit(("name",), {"name": other.name, "other": first.relpath}, record=other)
