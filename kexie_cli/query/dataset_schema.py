"""The tables of the dataset (``kexie sql``, ``kexie export``): their names, titles and typed columns.

The rows come from ``query/dataset.py``; ``table_data`` shows a table with its labels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kexie_cli import kinds
from kexie_cli.figures.annual import FIGURES, LIST_FIGURES
from kexie_cli.query.context import COVER_LABELS, TERM_STATE_LABELS, TERM_STATE_LABELS_EN
from kexie_cli.records.roles import role_label
from kexie_cli.registry.kind_fields import IdListField, shipped_fields, shipped_id_lists
from kexie_cli.tables import Column, TableData


@dataclass(frozen=True, slots=True)
class Col:
    name: str
    type: str  # TEXT, INTEGER, DATE (ISO text in SQLite), BOOLEAN (0/1 in SQLite)
    zh: str
    en: str
    enum: tuple[str, tuple[str | int, ...]] | None = None  # (kind, schema path) of the Chinese labels
    # "kind", "state", "cover" or "role": codes shown with kexie's own labels (a role by its record's kind)
    labels: str = ""
    codes: str = ""  # the codes the column holds, named in ``kexie sql --schema``


@dataclass(slots=True)
class Table:
    name: str
    zh: str
    en: str
    columns: list[Col]
    rows: list[dict[str, Any]] = field(default_factory=list)


def _c(
    name: str,
    type_: str,
    zh: str,
    en: str,
    enum: tuple[str, tuple[str | int, ...]] | None = None,
    labels: str = "",
) -> Col:
    codes = {
        "kind": "/".join(kinds.CODES),
        "state": "current/due/overdue",
        "cover": "own, joint, functional, working-group, liaison (separated by ,)",
    }.get(labels, "")
    return Col(name, type_, zh, en, enum, labels, codes)


PARTY_COVER_COLUMNS = [
    _c("organisation_covered", "BOOLEAN", "党的组织覆盖", "Party organisation cover (docs/party.md)"),
    _c("work_covered", "BOOLEAN", "党的工作覆盖", "Party work cover (docs/party.md)"),
    _c("party_cover", "TEXT", "覆盖方式", "forms of cover", labels="cover"),
]
COMMON = [
    _c("id", "TEXT", "标识符", "id"),
    _c("name", "TEXT", "全称", "full name"),
    _c("short_name", "TEXT", "简称", "short name"),
    _c("status", "TEXT", "状态", "status", ("society", ("status",))),
    _c("founded", "DATE", "成立日期", "founded"),
]
LEADER_ROLE = ("society", ("leaders", 0, "role"))
HAND_WRITTEN = ("societies", "branches", "party_cells")  # tables whose columns are chosen by hand


def kind_columns(kind: kinds.Kind) -> list[Col]:
    """The table of a kind without hand-written columns: its schema's scalar fields, its head, its file."""
    cols = [
        _c(f.column, f.type, f.zh, f.en, (kind.code, f.path) if f.enum else None) for f in shipped_fields(kind.code)
    ]
    for found in shipped_id_lists(kind.code):  # ids (read back by kexie import) and the names (to read)
        cols.append(_c(found.name, "TEXT", found.zh, f"{found.name} (ids separated by {LIST_SEPARATOR})"))
        cols.append(_c(names_column(found), "TEXT", found.zh + "名称", f"{found.name} (names)"))
    head = role_label(kind.head, kind.code)
    return [*cols, _c(HEAD, "TEXT", head, kind.head.replace("-", " ")), _c("file", "TEXT", "文件", "file")]


LIST_SEPARATOR = "；"  # the ids (or names) of a list of references in one cell: kexie import splits them again


def names_column(found: IdListField) -> str:
    """The column of the names of a list of references: ``members_names`` (derived; not read by import)."""
    return f"{found.name}_names"


def link_table(kind: kinds.Kind, found: IdListField) -> str:
    """The table of one list of references, a row per entry: ``alliance_members``."""
    return f"{kind.code.replace('-', '_')}_{found.name}"


def link_columns(kind: kinds.Kind, found: IdListField) -> list[Col]:
    """``alliance``, ``alliance_name``, ``member``, ``member_name``, ``member_kind``: one entry of the list."""
    owner, item, title = kind.code.replace("-", "_"), found.item, found.zh
    return [
        _c(owner, "TEXT", f"{kind.zh}标识符", f"{kind.en_one} id"),
        _c(f"{owner}_name", "TEXT", f"{kind.zh}名称", f"{kind.en_one} name"),
        _c(item, "TEXT", f"{title}标识符", f"{item} id"),
        _c(f"{item}_name", "TEXT", f"{title}名称", f"{item} name"),
        _c(f"{item}_kind", "TEXT", f"{title}类别", f"{item} kind", labels="kind"),
    ]


def links_of(kind: kinds.Kind) -> list[tuple[str, IdListField]]:
    """(link table, its field) of each list of references of a kind with a schema-made table."""
    return [] if kind.table in HAND_WRITTEN else [(link_table(kind, f), f) for f in shipped_id_lists(kind.code)]


def link_tables() -> dict[str, tuple[str, str, list[Col]]]:
    """Every link table of the kinds with schema-made tables, by name (in kinds order)."""
    return {
        link_table(k, f): (f"{k.zh}{f.zh}", f"{k.en_one} {f.name}", link_columns(k, f))
        for k in kinds.KINDS
        if k.table not in HAND_WRITTEN
        for f in shipped_id_lists(k.code)
    }


HEAD = "head"  # the column of the current head (理事长/主任委员 ...) in a generic kind table
SCHEMA: dict[str, tuple[str, str, list[Col]]] = {
    "societies": (
        "科技社团",
        "societies",
        [
            *COMMON,
            _c("level", "TEXT", "级别", "level", ("society", ("level",))),
            _c("discipline", "TEXT", "学科类别", "discipline", ("society", ("discipline",))),
            _c("district", "TEXT", "所在区县", "district (a district 科协's id)"),
            _c("uscc", "TEXT", "统一社会信用代码", "USCC"),
            _c("authority", "TEXT", "登记管理机关", "registration authority"),
            _c("registered", "DATE", "登记日期", "registered"),
            _c("supporting_unit", "TEXT", "挂靠单位", "supporting unit"),
            _c("party_affiliation", "TEXT", "党建归属", "Party affiliation", ("society", ("party_affiliation",))),
            _c("council_members", "INTEGER", "理事人数", "council members"),
            _c("council_standing", "INTEGER", "常务理事人数", "standing council members"),
            _c("supervisors", "INTEGER", "监事人数", "supervisors"),
            _c("staff", "INTEGER", "秘书处工作人员数", "secretariat staff"),
            _c("full_time_staff", "INTEGER", "秘书处专职人员数", "full-time staff"),
            _c("members_individual", "INTEGER", "个人会员数", "individual members"),
            _c("members_group", "INTEGER", "团体会员数", "group members"),
            _c("members_student", "INTEGER", "学生会员数", "student members"),
            _c("members_senior", "INTEGER", "高级会员数", "senior members"),
            _c("members_fellow", "INTEGER", "会士数", "fellows"),
            _c("group_standards", "INTEGER", "发布团体标准数", "group standards"),
            _c("npo_grade", "TEXT", "社会组织评估等级", "NPO grade", ("society", ("npo_grade", "grade"))),
            _c("npo_granted", "DATE", "评估等级评定日期", "NPO grade granted"),
            _c("npo_expiry", "DATE", "评估等级有效期至", "NPO grade valid until"),
            _c("npo_in_force", "BOOLEAN", "评估等级有效", "NPO grade in force"),
            _c("stars_latest", "INTEGER", "最近星级", "latest stars"),
            _c("stars_year", "INTEGER", "最近星级评定年度", "latest stars year"),
            _c("stars_in_force", "INTEGER", "有效星级（3年内）", "stars in force (within 3 years)"),
            _c("liaison_name", "TEXT", "党建联络员", "Party liaison"),
            _c("liaison_role", "TEXT", "党建联络身份", "liaison role", ("society", ("liaison", "role"))),
            _c("covered", "BOOLEAN", "已建党组织覆盖", "covered by a party cell"),
            *PARTY_COVER_COLUMNS,
            _c("chair", "TEXT", "理事长", "chair"),
            _c("secretary_general", "TEXT", "秘书长", "secretary-general"),
            _c("brand_events", "TEXT", "学术活动品牌", "brand events (separated by ；)"),
            _c("file", "TEXT", "文件", "file"),
        ],
    ),
    "branches": (
        "基层科协",
        "branches",
        [
            *COMMON,
            _c("type", "TEXT", "基层组织类型", "type", ("branch", ("type",))),
            _c("parent", "TEXT", "上级组织", "parent"),
            _c("district", "TEXT", "所属区县", "district"),
            _c("host_unit", "TEXT", "所在单位", "host unit"),
            _c("approved_by", "TEXT", "批准成立的党组织", "approved by"),
            _c("committee_members", "INTEGER", "委员会人数", "committee members"),
            _c("members_individual", "INTEGER", "个人会员数", "individual members"),
            _c("members_group", "INTEGER", "团体会员数", "group members"),
            _c("three_heads", "INTEGER", "三长人数", "three heads"),
            _c("covered", "BOOLEAN", "已建党组织覆盖", "covered by a party cell"),
            *PARTY_COVER_COLUMNS,
            _c("chair", "TEXT", "主席", "chair"),
            _c("file", "TEXT", "文件", "file"),
        ],
    ),
    "party_cells": (
        "党组织",
        "party cells",
        [
            *COMMON,
            _c("form", "TEXT", "组织形式", "form", ("party-cell", ("form",))),
            _c("category", "TEXT", "管理类别", "category", ("party-cell", ("category",))),
            _c("parent", "TEXT", "上级党组织", "parent"),
            _c("members_full", "INTEGER", "正式党员数", "full members"),
            _c("members_probationary", "INTEGER", "预备党员数", "probationary members"),
            _c("covers_count", "INTEGER", "覆盖组织数", "records covered"),
            _c("secretary", "TEXT", "书记", "secretary"),
            _c("file", "TEXT", "文件", "file"),
        ],
    ),
    **{k.table: (k.zh, k.en.lower(), kind_columns(k)) for k in kinds.KINDS if k.table not in HAND_WRITTEN},
    "leaders": (
        "负责人",
        "leaders",
        [
            _c("record_id", "TEXT", "组织标识符", "record id"),
            _c("kind", "TEXT", "组织类别", "record kind", labels="kind"),
            _c("org", "TEXT", "所在组织", "organisation"),
            _c("role", "TEXT", "职务", "role", LEADER_ROLE, labels="role"),
            _c("name", "TEXT", "姓名", "name"),
            _c("since", "DATE", "任职起始日期", "since"),
            _c("until", "DATE", "任职截止日期", "until"),
            _c("current", "BOOLEAN", "现任", "current"),
            _c("party_member", "BOOLEAN", "中共党员", "Party member"),
            _c("full_time", "BOOLEAN", "专职", "full-time"),
            _c("birth_year", "INTEGER", "出生年份", "birth year"),
            _c("first_term", "INTEGER", "首任届次", "first term"),
            _c("age", "INTEGER", "年龄（按年份）", "age (by year)"),
        ],
    ),
    "inspections": (
        "年检",
        "inspections",
        [
            _c("society_id", "TEXT", "社团标识符", "society id"),
            _c("society", "TEXT", "社团名称", "society"),
            _c("year", "INTEGER", "年度", "year"),
            _c("result", "TEXT", "结论", "result", ("society", ("inspections", 0, "result"))),
            _c("submitted", "DATE", "报送日期", "submitted"),
        ],
    ),
    "stars": (
        "星级评定",
        "stars",
        [
            _c("society_id", "TEXT", "社团标识符", "society id"),
            _c("society", "TEXT", "社团名称", "society"),
            _c("year", "INTEGER", "评定年度", "year"),
            _c("stars", "INTEGER", "星级", "stars"),
        ],
    ),
    "meetings": (
        "三会一课",
        "meetings",
        [
            _c("cell_id", "TEXT", "党组织标识符", "party cell id"),
            _c("cell", "TEXT", "党组织名称", "party cell"),
            _c("date", "DATE", "日期", "date"),
            _c("type", "TEXT", "会议类型", "type", ("party-cell", ("meetings", 0, "type"))),
        ],
    ),
    "coverage": (
        "党组织覆盖",
        "coverage",
        [
            _c("cell_id", "TEXT", "党组织标识符", "party cell id"),
            _c("record_id", "TEXT", "被覆盖记录标识符", "covered record id"),
            _c("record_kind", "TEXT", "被覆盖记录类别", "covered record kind", labels="kind"),
        ],
    ),
    "terms": (
        "届次",
        "terms",
        [
            _c("record_id", "TEXT", "组织标识符", "record id"),
            _c("kind", "TEXT", "组织类别", "record kind", labels="kind"),
            _c("current", "BOOLEAN", "当届", "current term"),
            _c("number", "INTEGER", "届次", "number"),
            _c("started", "DATE", "换届日期", "started"),
            _c("years", "INTEGER", "任期年数", "years"),
            _c("regular_end", "DATE", "正常届满日期", "regular end"),
            _c("extended_to", "DATE", "延期至", "extended to"),
            _c("extension_approved", "DATE", "延期批准日期", "extension approved"),
            _c("ended", "DATE", "实际结束日期（往届）", "ended (past terms)"),
            _c("ends", "DATE", "届满日期（有延期取延期）", "effective end"),
            _c("state", "TEXT", "换届状态（当届）", "state (current term)", labels="state"),
            _c("days", "INTEGER", "距届满天数（当届）", "days to end (current term)"),
        ],
    ),
    "annual": (  # one row per annual record: every figure of figures/annual.py, by its key
        "年度工作",
        "annual records",
        [
            _c("id", "TEXT", "标识符", "id"),
            _c("org_id", "TEXT", "组织标识符", "organisation id"),
            _c("org", "TEXT", "组织", "organisation"),
            _c("org_kind", "TEXT", "组织类别", "organisation kind", labels="kind"),
            _c("year", "INTEGER", "年度", "year"),
            _c("report_status", "TEXT", "年报状态", "report status", ("annual", ("report", "status"))),
            _c("submitted", "DATE", "报送日期", "submitted"),
            _c("approved", "DATE", "审核日期", "approved"),
            *(_c(f.key, "INTEGER", f.zh, f.en) for f in FIGURES),
            *(_c(key, "INTEGER", zh, en) for key, (zh, en, _) in LIST_FIGURES.items()),
            _c("file", "TEXT", "文件", "file"),
        ],
    ),
    "annual_events": (
        "年度活动",
        "annual events",
        [
            _c("annual_id", "TEXT", "年度记录标识符", "annual record id"),
            _c("org_id", "TEXT", "组织标识符", "organisation id"),
            _c("year", "INTEGER", "年度", "year"),
            _c("date", "DATE", "日期", "date"),
            _c("title", "TEXT", "名称", "title"),
            _c("category", "TEXT", "类别", "category", ("annual", ("events", 0, "category"))),
            _c("level", "TEXT", "级别", "level", ("annual", ("events", 0, "level"))),
            _c("participants", "INTEGER", "参与人次", "participants"),
            _c("brand", "TEXT", "品牌", "brand"),
        ],
    ),
    **link_tables(),  # alliance_members: one row per member
}


def code_label(labels: str, value: Any, lang: str) -> str:
    """The label of a code kexie defines itself: a record kind or a term state."""

    if labels == "kind":
        return kinds.noun(value, lang)
    if labels == "cover":  # several forms, "own,joint": 单独建立党组织、联合党支部
        codes = str(value).split(",")
        return ",".join(codes) if lang == "en" else "、".join(COVER_LABELS.get(c, c) for c in codes)
    table = TERM_STATE_LABELS_EN if lang == "en" else TERM_STATE_LABELS
    return table.get(str(value), str(value))


def table_data(table: Table, schemas: Any, lang: str) -> TableData:
    """A dataset table as a TableData: Chinese headers, enumerations shown with their labels."""

    def shower(col: Col) -> Callable[[Any, str], str] | None:
        if col.labels == "role":  # shown by the row (the title depends on its kind): see row_shower
            return None
        if col.labels:
            return lambda value, language: "" if value is None else code_label(col.labels, value, language)
        if col.enum is None:
            return None
        kind, path = col.enum
        return lambda value, language: "" if value is None else schemas.label(kind, path, value, language)

    def row_shower(col: Col) -> Callable[[dict[str, Any], str], str] | None:
        if col.labels != "role":
            return None
        return lambda row, language: role_label(row.get(col.name), row.get("kind"), language)

    columns = [
        Column(
            c.name,
            c.zh,
            c.name,
            show=shower(c),
            align="right" if c.type == "INTEGER" else "left",
            show_row=row_shower(c),
        )
        for c in table.columns
    ]
    return TableData(table.zh if lang != "en" else table.en, columns, table.rows)
