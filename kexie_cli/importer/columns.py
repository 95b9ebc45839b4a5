"""Which column holds which field: header synonyms, the header row, and ``--map`` overrides.

A target is a dotted field path of the record (``registration.uscc``, ``term.number``), or
``leaders.<role>`` (the current holder's name), ``covers`` (names or ids of the records a
party cell covers), or ``None`` (ignore the column).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.importer.cells import Cell, blank, display
from kexie_cli.importer.sheets import Sheet
from kexie_cli.records.loader import load_text
from kexie_cli.registry.schemas import SchemaSet

HEADER_SCAN_ROWS = 30

COMMON: dict[str, str | None] = {
    "名称": "name",
    "全称": "name",
    "单位名称": "name",
    "组织名称": "name",
    "标识符": "id",
    "简称": "short_name",
    "状态": "status",
    "成立时间": "founded",
    "成立日期": "founded",
    "届次": "term.number",
    "本届届次": "term.number",
    "本届换届时间": "term.started",
    "换届时间": "term.started",
    "换届日期": "term.started",
    "本届换届日期": "term.started",
    "任期": "term.years",
    "任期年数": "term.years",
    "每届任期": "term.years",
    "延期至": "term.extended_to",
    "延期批准日期": "term.extension_approved",
    "理事长": "leaders.chair",
    "主席": "leaders.chair",
    "理事长/主席": "leaders.chair",
    "秘书长": "leaders.secretary-general",
    "备注": "notes",
    # columns that number or describe rows rather than hold a field
    "序号": None,
    "编号": None,
    "文件": None,
}
BY_KIND: dict[str, dict[str, str | None]] = {
    "society": {
        "学会名称": "name",
        "社团名称": "name",
        "统一社会信用代码": "registration.uscc",
        "信用代码": "registration.uscc",
        "登记管理机关": "registration.authority",
        "登记日期": "registration.registered",
        "挂靠单位": "supporting_unit",
        "业务主管单位": "supporting_unit",
        "支撑单位": "supporting_unit",
        "级别": "level",
        "学科类别": "discipline",
        "学科": "discipline",
        "理事人数": "council.members",
        "常务理事人数": "council.standing",
        "监事人数": "supervisors",
        "秘书处工作人员数": "secretariat.staff",
        "秘书处专职人员数": "secretariat.full_time_staff",
        "个人会员数": "members.individual",
        "个人会员": "members.individual",
        "团体会员数": "members.group",
        "团体会员": "members.group",
        "学生会员数": "members.student",
        "高级会员数": "members.senior",
        "会士数": "members.fellow",
        "发布团体标准数": "group_standards",
        "社会组织评估等级": "npo_grade.grade",
        "评估等级": "npo_grade.grade",
        "评估等级评定日期": "npo_grade.granted",
        "党建联络员": "liaison.name",
        "党建联络身份": "liaison.role",
        "党建归属": "party_affiliation",
        "学术活动品牌": "brand_events",
        # derived columns of `kexie export`: recomputed, never imported
        "评估等级有效期至": "npo_grade.valid_until",  # becomes npo_grade.expires unless granted + 5 years
        "评估等级有效": None,
        "最近星级": None,
        "最近星级评定年度": None,
        "有效星级（3年内）": None,
        "已建党组织覆盖": None,
    },
    "branch": {
        "科协名称": "name",
        "基层组织类型": "type",
        "类型": "type",
        "上级组织": "parent",
        "所在单位": "host_unit",
        "批准成立的党组织": "approved_by",
        "委员会人数": "committee.members",
        "个人会员数": "members.individual",
        "个人会员": "members.individual",
        "团体会员数": "members.group",
        "团体会员": "members.group",
        "所属区县": None,
        "三长人数": None,
        "已建党组织覆盖": None,
    },
    "party-cell": {
        "党组织名称": "name",
        "组织形式": "form",
        "管理类别": "category",
        "上级党组织": "parent",
        "正式党员数": "members.full",
        "正式党员": "members.full",
        "预备党员数": "members.probationary",
        "预备党员": "members.probationary",
        "书记": "leaders.secretary",
        "覆盖单位": "covers",
        "覆盖组织": "covers",
        "覆盖组织数": None,
    },
}
LISTS = {"covers", "brand_events"}  # one cell, several values


def header_key(text: str) -> str:
    """A header as it is matched: NFKC, no spaces, no required-field stars, 全角 brackets."""
    key = re.sub(r"[\s*＊]", "", unicodedata.normalize("NFKC", text))
    return key.replace("(", "（").replace(")", "）")


def _bare(key: str) -> str:
    """``成立时间（年月）`` → ``成立时间``."""
    return re.sub(r"（[^）]*）$", "", key)


@dataclass(slots=True)
class ColumnMap:
    sheet: Sheet
    header_row: int  # sheet row number
    columns: dict[int, str] = field(default_factory=dict)  # column index -> target
    headers: dict[int, str] = field(default_factory=dict)  # column index -> header text
    unknown: list[str] = field(default_factory=list)  # headers nothing matched
    duplicate: list[str] = field(default_factory=list)  # a second column for the same target


@dataclass(slots=True)
class MapFile:
    """``--map MAP.yaml``: ``columns: {表头: field}`` (null ignores a column), optional ``sheet`` and ``header_row``."""

    columns: dict[str, str | None] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None


def load_map(path: Path, kind: str, schemas: SchemaSet) -> MapFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KexieError("import.map_unreadable", file=str(path), detail=str(exc)) from exc
    loaded = load_text(text)
    data = loaded.data
    if data is None or loaded.problems:
        raise KexieError("import.map_invalid", file=str(path), detail="YAML")
    columns = data.get("columns", {})
    sheet, header_row = data.get("sheet"), data.get("header_row")
    unknown_keys = set(data) - {"columns", "sheet", "header_row"}
    if (
        unknown_keys
        or not isinstance(columns, dict)
        or not (sheet is None or isinstance(sheet, str))
        or not (header_row is None or (isinstance(header_row, int) and header_row >= 1))
    ):
        detail = ", ".join(sorted(map(str, unknown_keys))) or "columns / sheet / header_row"
        raise KexieError("import.map_invalid", file=str(path), detail=detail)
    out = MapFile(sheet=sheet, header_row=header_row)
    for header, target in columns.items():
        if target is not None and not (isinstance(target, str) and valid_target(target, kind, schemas)):
            raise KexieError("import.map_target", file=str(path), header=str(header), target=str(target))
        out.columns[header_key(str(header))] = target
    return out


def valid_target(target: str, kind: str, schemas: SchemaSet) -> bool:
    """A scalar field of ``kind``, ``leaders.<role>``, ``id`` or ``covers`` (party cells)."""
    if target == "covers":
        return kind == "party-cell"
    if target in {"brand_events", "npo_grade.valid_until"}:
        return kind == "society"
    if target == "id":
        return True
    parts = target.split(".")
    if parts[0] == "leaders" and len(parts) == 2:
        return parts[1] in schemas.labels(kind, ("leaders", 0, "role"))
    node = schemas.node(kind, tuple(parts))
    return node is not None and node.get("type") not in {"object", "array"} and "properties" not in node


def synonyms(kind: str, overrides: MapFile | None) -> dict[str, str | None]:
    table = {header_key(k): v for k, v in (COMMON | BY_KIND.get(kind, {})).items()}
    if overrides is not None:
        table |= overrides.columns
    return table


def match_header(text: str, table: dict[str, str | None]) -> tuple[bool, str | None]:
    """(known, target) for one header cell."""
    key = header_key(text)
    for candidate in (key, _bare(key)):
        if candidate in table:
            return True, table[candidate]
    return False, None


def find_columns(sheet: Sheet, table: dict[str, str | None], header_row: int | None = None) -> ColumnMap | None:
    """The header row (the first with a name column and another known column) and its column targets."""
    candidates = sheet.rows if header_row is not None else sheet.rows[:HEADER_SCAN_ROWS]
    for number, cells in candidates:
        if header_row is not None and number != header_row:
            continue
        found = _map_row(sheet, number, cells, table)
        if found is not None and "name" in found.columns.values() and len(found.columns) >= 2:
            return found
    return None


def _map_row(sheet: Sheet, number: int, cells: list[Cell], table: dict[str, str | None]) -> ColumnMap | None:
    texts = [display(c) if not blank(c.value) else "" for c in cells]
    if sum(1 for t in texts if t) < 2:
        return None
    found = ColumnMap(sheet, number)
    taken: set[str] = set()
    for index, text in enumerate(texts):
        if not text:
            continue
        known, target = match_header(text, table)
        found.headers[index] = text
        if not known:
            found.unknown.append(text)
        elif target is not None:
            if target in taken:
                found.duplicate.append(text)
                continue
            taken.add(target)
            found.columns[index] = target
    return found


def pick_sheet(
    sheets: list[Sheet], table: dict[str, str | None], wanted: MapFile | None, name: str | None
) -> ColumnMap:
    """The sheet to import: the one named (``--sheet`` or the map's ``sheet``), else the best-matching one."""
    chosen = name or (wanted.sheet if wanted else None)
    header_row = wanted.header_row if wanted else None
    if chosen is not None:
        for sheet in sheets:
            if sheet.title == chosen:
                found = find_columns(sheet, table, header_row)
                if found is None:
                    raise KexieError("import.no_header", sheet=sheet.title)
                return found
        raise KexieError("import.no_sheet", sheet=chosen, sheets="、".join(s.title for s in sheets))
    best: ColumnMap | None = None
    for sheet in sheets:
        found = find_columns(sheet, table, header_row)
        if found is not None and (best is None or len(found.columns) > len(best.columns)):
            best = found
    if best is None:
        raise KexieError("import.no_header", sheet="、".join(s.title for s in sheets))
    return best


def describe(columns: dict[int, str], headers: dict[int, str]) -> list[tuple[str, str]]:
    """(header, target) pairs in column order, for the report."""
    return [(headers[i], columns[i]) for i in sorted(columns)]


def is_summary_row(values: list[Any]) -> bool:
    """A 合计 / 总计 / 小计 row (its numbers are formulas or totals, not a record)."""
    for value in values[:4]:
        if isinstance(value, str) and re.sub(r"\s", "", value) in {"合计", "总计", "小计", "合计：", "总计："}:
            return True
    return False
