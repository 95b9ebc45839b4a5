"""K701–K706: 分支机构 (subunits) and 联络处 (liaison offices).

社会团体登记管理条例 第十七条: a society's 分支机构 are part of it, have no legal
personality (no registration, no 统一社会信用代码) and may not be set up by
region (不得设立地域性分支机构). A subunit or an office lives only as long as its
society: one whose society is revoked or dissolved is a leftover to wind up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kexie_cli.figures.terms import current_term
from kexie_cli.finding import Severity
from kexie_cli.records.model import Record, date, entries, term_of, text
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
GONE = frozenset({"revoked", "dissolved"})  # a society that is no longer on the books
SUBUNIT, OFFICE = "subunit", "liaison-office"
#: the tail of a regional unit's name: "东城区分会", "青山县分会", "北岭区分支机构"
REGIONAL = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:省|市|区|县|旗|盟|州|乡|镇|街道))(?:分会|分支机构|办事处)$")
#: words ending like a place that name a subject, not a region (智慧城市分会, 社区医疗 ...)
NOT_PLACES = (
    "社区",
    "园区",
    "山区",
    "牧区",
    "林区",
    "景区",
    "库区",
    "校区",
    "病区",
    "城市",
    "都市",
    "矿区",
    "湾区",
)
SOCIETY_WORDS = ("学会", "协会", "研究会", "促进会", "联合会")


def _society_of(record: Record, field: str, ctx: Context) -> Record | None:
    target = text(record.get(field))
    parent = ctx.index.get(target) if target else None
    return parent if parent is not None and parent.kind == "society" else None


@rule("K701", E, "分支机构不具有法人资格", "A subunit is not a legal person")
def subunit_legal_person(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A 分支机构 carries a 统一社会信用代码 (``registration.uscc``) or says it is
    a legal person (``legal_person: true``). Subunits are part of their society
    and have no legal personality (社会团体登记管理条例 第十七条): a subunit with
    a code of its own is a separate organisation and belongs in another kind.

    中文：分支机构填写了统一社会信用代码，或标明具有法人资格。依社会团体登记管理条例
    第十七条，分支机构是社会团体的组成部分，不具有法人资格；有独立代码的组织应作为
    其他类别登记。

    Fails:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        registration: {uscc: 51330100MJ00000001}
    Passes:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        legal_person: false
    """
    if record.kind != SUBUNIT:
        return
    if text(record.get("registration", "uscc")):
        yield Hit(("registration", "uscc"), {"value": record.get("registration", "uscc")}, variant="uscc")
    if record.get("legal_person") is True:
        yield Hit(("legal_person",), variant="legal")


def regional_name(name: str) -> str | None:
    """The region a subunit's name sets it up for (东城区 in 示例市XX学会东城区分会), or None.

    Only the name after the society's (after its last 学会/协会/研究会 …) is read, so a district
    society's own place (示例市东城区XX学会铸造分会) is not taken for the subunit's."""
    cut = max((name.rfind(word) + len(word) for word in SOCIETY_WORDS if word in name), default=0)
    tail = name[cut:]
    found = REGIONAL.search(tail)
    if found is None or found.group(1).endswith(NOT_PLACES):
        return None
    return found.group(1)


@rule("K702", W, "地域性分支机构", "A subunit set up by region")
def subunit_by_region(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A 分支机构's name makes it a branch for a region (示例市XX学会东城区分会):
    after the society's name, a place (ending in 省、市、区、县、旗、乡、镇、街道)
    comes just before 分会 / 分支机构 / 办事处. 社会团体不得设立地域性分支机构
    (社会团体登记管理条例 第十七条). Subject names that end like a place (智慧城市分会,
    社区卫生分会, 园区分会) are not counted. A warning: the name is a hint, the
    secretariat judges. The rule reads the record alone.

    中文：分支机构名称表明其按地域设立（如“示例市XX学会东城区分会”）：社团名称之后、
    “分会/分支机构/办事处”之前紧接以省、市、区、县、旗、乡、镇、街道结尾的地名。
    社会团体不得设立地域性分支机构（社会团体登记管理条例第十七条）。以地名用字结尾的
    专业名称（智慧城市分会、社区卫生分会、园区分会）不计。仅为提示，是否属于地域性
    分支机构由秘书处判断。本规则只看记录本身。

    Fails:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        name: 示例市机械工程学会青山县分会
    Passes:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        name: 示例市机械工程学会智慧城市分会
    """
    if record.kind != SUBUNIT:
        return
    name = text(record.get("name"))
    region = regional_name(name) if name else None
    if region is not None:
        yield Hit(("name",), {"region": region})


@rule("K703", W, "分支机构所属社团已不在册", "Subunit of a revoked or dissolved society")
def subunit_of_gone_society(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A live 分支机构 (not revoked, dissolved or in preparation) belongs to a
    society that is revoked (解除资格) or dissolved (注销). A subunit ends with
    its society: record it as revoked or dissolved too.

    中文：分支机构仍在册，但所属社团已被解除资格或注销。分支机构随社团终止，
    应一并标为解除资格或注销。

    Fails:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        status: active
        parent: demo-society
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: revoked
    Passes:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        status: dissolved
        parent: demo-society
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: revoked
    """
    if record.kind != SUBUNIT or not record.live:
        return
    society = _society_of(record, "parent", ctx)
    if society is not None and society.status in GONE:
        yield Hit(("parent",), {"society": society.name, "status": ctx.label("society", ("status",), society.status)})


@rule("K704", W, "分支机构任期超出所属社团本届", "Subunit term outlasts its society's")
def subunit_term_outlasts(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    The current term of a 分支机构 (its approved extension included) ends
    after its society's current term. A subunit's committee is set up by the
    society's council (理事会) and its term should not run past that
    council's: elect it again with, or after, the society. A term without
    ``years`` runs as long as the society's (docs/registry.md), so it ends
    with the society's when elected the same day.

    中文：分支机构本届任期（含经批准的延期）届满日晚于所属社团本届届满日。分支机构
    委员会由社团理事会产生，任期不应超出理事会任期，应随社团或在社团换届后换届。
    未写任期年数的分支机构任期随社团，与社团同日换届则同日届满。

    Fails:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        status: active
        parent: demo-society
        term: {number: 3, started: 2024-06-01, years: 5}
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        term: {number: 8, started: 2023-05-20, years: 5}
    Passes:
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        status: active
        parent: demo-society
        term: {number: 3, started: 2023-06-01, years: 4}
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
        term: {number: 8, started: 2023-05-20, years: 5}
    """
    own = current_term(record, ctx.settings, ctx.index.get) if record.kind == SUBUNIT and record.live else None
    society = _society_of(record, "parent", ctx) if own is not None else None
    theirs = term_of(society.data) if society is not None else None
    if own is not None and theirs is not None and own.end > theirs.end:
        yield Hit(("term",), {"end": own.end, "society": society.name if society else "", "society_end": theirs.end})


def _short(entry_name: str, society: Record) -> str:
    return entry_name.removeprefix(society.name)


@rule("K705", INFO, "分支机构列表与分支机构记录不一致", "Society's subunit list differs from the subunit record")
def subunit_list_differs(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A society's ``subunits`` list names a subunit that also has a record of
    its own (kind ``subunit``, ``parent`` the society, the same name with or
    without the society's name in front), and the two give a different
    ``founded`` date. The record is what counts (kexie summary, sql, export);
    the list is for registries that keep only names: correct or drop the entry.

    中文：科技社团的 subunits 列表中的某个分支机构另有分支机构记录（parent 为该社团，
    名称相同，可带或不带社团名称前缀），两处的成立日期不同。以分支机构记录为准
    （统计、查询、导出均按记录）；列表仅供只记名称的台账使用，请更正或删去该条目。

    Fails:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        name: 示例市机械工程学会
        subunits: [{name: 铸造分会, founded: 1988-06-12}]
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        name: 示例市机械工程学会铸造分会
        parent: demo-society
        founded: 1989-06-12
    Passes:
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        name: 示例市机械工程学会
        subunits: [{name: 铸造分会, founded: 1988-06-12}]
        --- records/subunits/demo-unit.yaml
        id: demo-unit
        kind: subunit
        name: 示例市机械工程学会铸造分会
        parent: demo-society
        founded: 1988-06-12
    """
    listed = entries(record.get("subunits")) if record.kind == "society" else []
    if not listed:
        return
    units = {_short(u.name, record): u for u in ctx.index.children.get(record.id, []) if u.kind == SUBUNIT}
    for i, entry in listed:
        name = text(entry.get("name"))
        unit = units.get(_short(name, record)) if name else None
        said, recorded = date(entry.get("founded")), date(unit.get("founded")) if unit else None
        if unit is not None and said is not None and recorded is not None and said != recorded:
            yield Hit(("subunits", i, "founded"), {"name": name, "unit": unit.id, "founded": recorded})


@rule("K706", W, "联络处所属社团已不在册", "Liaison office of a revoked or dissolved society")
def office_of_gone_society(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A live 联络处 belongs to a society of the registry (``parent_society``)
    that is revoked (解除资格) or dissolved (注销). The office ends with its
    society: record it as revoked or dissolved too. (An office of a society
    outside the registry, ``parent_name``, is not checked.)

    中文：联络处仍在册，但所属社团（parent_society）已被解除资格或注销。联络处随社团
    终止，应一并标为解除资格或注销。所属社团不在本台账（parent_name）的不检查。

    Fails:
        --- records/liaison-offices/demo-office.yaml
        id: demo-office
        kind: liaison-office
        status: active
        parent_society: demo-society
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: dissolved
    Passes:
        --- records/liaison-offices/demo-office.yaml
        id: demo-office
        kind: liaison-office
        status: active
        parent_society: demo-society
        --- records/societies/demo-society.yaml
        id: demo-society
        kind: society
        status: active
    """
    if record.kind != OFFICE or not record.live:
        return
    society = _society_of(record, "parent_society", ctx)
    if society is not None and society.status in GONE:
        status = ctx.label("society", ("status",), society.status)
        yield Hit(("parent_society",), {"society": society.name, "status": status})
