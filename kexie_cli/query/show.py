"""``kexie show ID``: one record with Chinese labels, derived fields, references and findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.errors import KexieError
from kexie_cli.finding import Finding, Severity, severity_label
from kexie_cli.i18n import tr
from kexie_cli.numerals import term_label
from kexie_cli.query.context import Item, QueryContext
from kexie_cli.query.derived import DERIVED
from kexie_cli.query.fields import resolve
from kexie_cli.records.model import Record, entries
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR
from kexie_cli.registry.load import Registry
from kexie_cli.tables import Column, TableData, to_jsonable
from kexie_cli.validate.engine import CheckResult, check
from kexie_cli.validate.options import CheckOptions

LIST_SECTIONS = {"leaders": "show.leaders", "inspections": "show.inspections", "stars": "show.stars"}


@dataclass(slots=True)
class RecordView:
    record: Record
    sections: list[TableData]
    derived: dict[str, Any]
    references: list[dict[str, Any]]
    findings: list[Finding]

    def as_json(self) -> dict[str, Any]:
        """``{id, kind, file, record, derived, references, findings}`` (documented in docs/queries.md)."""
        return {
            "id": self.record.id,
            "kind": self.record.kind,
            "file": self.record.relpath,
            "record": to_jsonable(self.record.data),
            "derived": to_jsonable(self.derived),
            "references": self.references,
            "findings": [f.as_dict() for f in self.findings],
        }


class UnloadableFile(KexieError):
    """The record's file exists but cannot be loaded; the message names its first K0xx problem."""

    def __init__(self, record: Record) -> None:
        super().__init__("show.unloadable", file=record.relpath)
        self.problem = record.problems[0]

    def render(self, lang: str) -> str:
        p = self.problem
        detail = tr(f"{p.code}.{p.key}", lang, **dict(p.params))
        return tr("show.unloadable", lang, file=self.params["file"], line=p.line, code=p.code, detail=detail)


_RECORD_FOLDERS = frozenset({RECORDS_DIR, *(f"{RECORDS_DIR}/{folder}" for folder in KIND_FOLDERS.values())})


def show(
    registry: Registry, records: list[Record], qctx: QueryContext, record_id: str, checked: CheckResult | None = None
) -> RecordView:
    """One record's view; ``checked``: the whole-registry check the records came from (saves a second run)."""
    record = qctx.index.get(record_id)
    if record is None:
        broken = [r for r in records if not r.loaded and r.problems and r.file.stem_id == record_id]
        broken += [r for r in records if r.file.link is not None and r.relpath in _RECORD_FOLDERS]  # K007
        if broken:  # the file is there but does not load: say why instead of "no such record"
            raise UnloadableFile(broken[0])
    if record is None or record.kind is None:
        raise KexieError("show.unknown", id=record_id)
    lang = qctx.lang
    sections = [_fields(record, qctx)]
    for key, title in LIST_SECTIONS.items():
        table = _list_section(record, key, tr(title, lang), qctx)
        if table is not None:
            sections.append(table)
    derived = {}
    for name, spec in DERIVED.items():
        if record.kind in spec.kinds:
            derived[name] = resolve(record.kind, name, qctx.schemas)
    values = {name: f.value(_item(record), qctx) for name, f in derived.items()}
    rows = [{"field": f.header(lang), "value": _derived_text(n, f, values[n], qctx)} for n, f in derived.items()]
    rows = [r for r in rows if r["value"]]  # nothing to say (no 评估等级, no 书记 on record): no row; JSON has all
    columns = [Column("field", tr("show.field", "zh"), tr("show.field", "en")), Column("value", "内容", "Value")]
    sections.append(TableData(tr("show.derived", lang), columns, rows))
    references = _references(record, qctx)
    if references:
        sections.append(_reference_table(references, lang))
    if checked is not None:  # the same findings as a run with paths=(file,): findings are per file
        findings = [f for f in checked.findings if f.file == record.relpath]
    else:
        options = CheckOptions(today=qctx.today, lang=lang, paths=(record.relpath,))
        findings = check(registry, options).findings  # the one engine, with the cache
    sections.append(_findings_table(findings, lang))
    return RecordView(record, sections, values, references, findings)


def _derived_text(name: str, field: Any, value: Any, qctx: QueryContext) -> str:
    """A derived value as a sentence would say it: records by name, 逾期 241 天 / 还有 535 天 for the days left."""
    lang = qctx.lang
    if field.refs:
        return str(field.display(qctx.names_of(value), lang))
    if name == "term.days" and isinstance(value, int) and not isinstance(value, bool):
        return tr("show.days_overdue" if value < 0 else "show.days_left", lang, days=abs(value))
    return str(field.display(value, lang))


def _item(record: Record) -> Any:
    return Item(record)


def _fields(record: Record, qctx: QueryContext) -> TableData:
    kind = record.kind or ""
    rows: list[dict[str, Any]] = []
    data = record.data or {}
    order = qctx.schemas.key_order(kind, ())
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    for key in keys:
        if key in LIST_SECTIONS:
            continue
        _flatten(kind, (key,), data[key], rows, qctx)
    columns = [Column("field", tr("show.field", "zh"), tr("show.field", "en")), Column("value", "内容", "Value")]
    return TableData(f"{record.name}（{record.id}）", columns, rows)


def _flatten(
    kind: str, path: tuple[str | int, ...], value: Any, rows: list[dict[str, Any]], qctx: QueryContext
) -> None:
    schemas, lang = qctx.schemas, qctx.lang
    title = _label(kind, path, qctx)
    if isinstance(value, dict):
        order = schemas.key_order(kind, path)
        for key in [k for k in order if k in value] + [k for k in value if k not in order]:
            _flatten(kind, (*path, key), value[key], rows, qctx)
        return
    if len(path) == 1 and path[0] in kinds.REFERENCES.get(kind, {}):  # other records: by their names (JSON: ids)
        value = qctx.names_of(value)
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            shown = "、".join(schemas.label(kind, (*path, 0), v, lang) for v in value)
            rows.append({"field": title, "value": shown})
            return
        for i, item in enumerate(value):
            if isinstance(item, dict):
                parts = [
                    f"{_label(kind, (*path, i, k), qctx, leaf=True)}：{_shown(kind, (*path, i, k), v, qctx)}"
                    for k, v in item.items()
                ]
                rows.append({"field": f"{title} {i + 1}", "value": "；".join(parts)})
        return
    rows.append({"field": title, "value": _shown(kind, path, value, qctx)})


def _is_term_number(path: tuple[str | int, ...]) -> bool:
    """``term.number`` or ``past_terms[i].number``: a 届次, shown 第九届."""
    return bool(path) and path[-1] == "number" and path[0] in ("term", "past_terms")


def _label(kind: str, path: tuple[str | int, ...], qctx: QueryContext, leaf: bool = False) -> str:
    if qctx.lang == "en":
        return str(path[-1]) if leaf else ".".join(str(p) for p in path if not isinstance(p, int))
    keys = [p for p in path if isinstance(p, str)]
    if leaf or len(keys) == 1:
        return qctx.schemas.title(kind, path) or str(path[-1])
    try:
        return resolve(kind, ".".join(keys), qctx.schemas).zh
    except Exception:
        return ".".join(keys)


def _shown(kind: str, path: tuple[str | int, ...], value: Any, qctx: QueryContext) -> str:
    if isinstance(value, bool):
        return ("yes" if value else "no") if qctx.lang == "en" else ("是" if value else "否")
    if value is None:
        return ""
    if _is_term_number(path) and isinstance(value, int) and qctx.lang != "en":
        return term_label(value) or str(value)
    return qctx.schemas.label(kind, path, value, qctx.lang)


def _list_section(record: Record, key: str, title: str, qctx: QueryContext) -> TableData | None:
    kind = record.kind or ""
    items = entries(record.get(key))
    if not items:
        return None
    keys = [k for k in qctx.schemas.key_order(kind, (key, 0)) if any(k in e for _, e in items)]
    keys += [k for _, e in items for k in e if k not in keys]
    columns = [
        Column(
            k,
            qctx.schemas.title(kind, (key, 0, k)) or k,
            k,
            show=_shower(kind, (key, 0, k), qctx),
        )
        for k in dict.fromkeys(keys)
    ]
    return TableData(title, columns, [dict(e) for _, e in items])


def _shower(kind: str, path: tuple[str | int, ...], qctx: QueryContext) -> Callable[[Any, str], str]:
    return lambda value, lang: _shown(kind, path, value, qctx)


def _references(record: Record, qctx: QueryContext) -> list[dict[str, Any]]:
    index = qctx.index
    out: list[dict[str, Any]] = []
    for field in _upward(record.kind):  # parent, parent_society, host, members ... (kinds.py ``refs``)
        value = record.get(field)
        for target_id in dict.fromkeys(
            v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
        ):
            target = index.get(target_id)
            out.append({"relation": _relation(field), "id": target_id, "name": target.name if target else None})
    for cell in index.covering.get(record.id, []):
        out.append({"relation": "covered_by", "id": cell.id, "name": cell.name})
    for child in index.records:
        if not _may_name(child, record.id):  # most records: answered from their bytes, none parsed
            continue
        for field in _upward(child.kind):
            value = child.get(field)
            if value == record.id or (isinstance(value, list) and record.id in value):
                relation = "child" if _relation(field) == "parent" else f"{field}_of"
                out.append({"relation": relation, "id": child.id, "name": child.name})
                break
    if record.kind == "party-cell":
        covers = record.get("covers")
        for target_id in dict.fromkeys(c for c in covers if isinstance(c, str)) if isinstance(covers, list) else []:
            target = index.get(target_id)
            out.append({"relation": "covers", "id": target_id, "name": target.name if target else None})
    return out


def _may_name(child: Record, record_id: str) -> bool:
    """Whether ``child``'s file can name ``record_id`` at all, without loading its data.

    YAML writes a text of letters, digits, ``_``, ``.`` and ``-`` as it is in every style (plain, quoted,
    block, behind an anchor): folding makes spaces, a single-quoted ``''`` a quote, and of the escapes of
    a double-quoted scalar only ``\\x``, ``\\u``, ``\\U`` and a line continuation can spell such
    characters. So a file that contains neither the id nor one of those cannot name it (most files:
    no data is loaded for them); any other id is looked up in the data.
    """
    if not _LITERAL_ID.fullmatch(record_id):
        return True
    return child.mentions(record_id) or any(child.mentions(escape) for escape in _SPELLING_ESCAPES)


_LITERAL_ID = re.compile(r"[A-Za-z0-9_.-]+")
_SPELLING_ESCAPES = ("\\x", "\\u", "\\U", "\\\n", "\\\r\n")


def _relation(field: str) -> str:
    """The relation a reference field names: ``parent`` (上级) for the one a record belongs to, else the field
    itself (``lead`` 牵头学会, ``members`` 成员学会, ``host`` 依托单位, ``district`` 所在区县); the other way
    round ``<field>_of`` (i18n ``show.<relation>``)."""
    return "parent" if field in ("parent", "parent_society") else field


def _upward(kind: str | None) -> tuple[str, ...]:
    """The fields naming the one record a record of ``kind`` belongs to (``covers`` names many: not one)."""
    return tuple(field for field in kinds.REFERENCES.get(kind or "", {}) if field != "covers")


def _reference_table(references: list[dict[str, Any]], lang: str) -> TableData:
    columns = [
        Column("relation", tr("show.relation", "zh"), tr("show.relation", "en"), show=lambda v, g: tr(f"show.{v}", g)),
        Column("id", "标识符", "id"),
        Column("name", "全称", "Name"),
    ]
    return TableData(tr("show.references", lang), columns, references)


def _severity(value: Any, lang: str) -> str:
    """错误 / 警告 / 提示 in Chinese (the words of ``kexie check``); the code in English."""
    try:
        return severity_label(Severity(str(value)), lang)
    except ValueError:
        return str(value)


def _findings_table(findings: list[Finding], lang: str) -> TableData:
    rows = [f.as_dict() for f in findings]
    columns = [
        Column("line", "行", "Line", align="right"),
        Column("code", "代码", "Code"),
        Column("severity", "级别", "Severity", show=_severity),
        Column("message", "说明", "Message"),
    ]
    headline = "" if rows else tr("show.no_findings", lang)
    return TableData(tr("show.findings", lang), columns, rows, headline)
