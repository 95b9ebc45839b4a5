"""kexie.yaml: read, validate against settings.schema.json, and apply defaults."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.errors import KexieError
from kexie_cli.records.loader import DEFAULT_MAX_BYTES
from kexie_cli.records.positions import Positions
from kexie_cli.registry.layout import SETTINGS_FILE
from kexie_cli.registry.process_settings import ProcessSettings, build_process, process_kind
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.terms import parse_date

# --- party: block (party-cell rules by form; docs/party.md) ---------------------------------------------
DEFAULT_MEETINGS = {
    "member-meeting": "quarterly",
    "committee-meeting": "monthly",
    "group-meeting": "monthly",
    "lecture": "quarterly",
    "theme-day": "monthly",
    "life-meeting": "yearly",
}
DEFAULT_UPPER_MEETINGS = {"committee-meeting": "monthly", "life-meeting": "yearly"}
DEFAULT_PARTY_TERMS = {
    "branch": 3,
    "joint-branch": 3,
    "functional-branch": 3,
    "general-branch": 3,  # 中办《关于党的基层组织任期的意见》(2018): 总支部委员会 一般3年
    "committee": 5,  # 基层委员会 5年
    "village": 5,
}
DEFAULT_COMMITTEE_MIN_MEMBERS = 7
DEFAULT_BRANCH_MAX_MEMBERS = 50  # 《中国共产党支部工作条例（试行）》: 党员人数一般不超过50人
DEFAULT_MAX_TERM_YEARS = 5  # 党章: 基层委员会每届任期三年至五年
DEFAULT_GRACE_DAYS = 15  # 三会一课 records are entered after the month ends (docs/party.md)


@dataclass(frozen=True, slots=True)
class PartySettings:
    """Settings ``party``: 三会一课 frequencies by form, the 支委会 threshold, term years by form."""

    meetings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MEETINGS))
    upper_meetings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_UPPER_MEETINGS))
    committee_min_members: int = DEFAULT_COMMITTEE_MIN_MEMBERS
    term_years: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PARTY_TERMS))
    max_term_years: int = DEFAULT_MAX_TERM_YEARS
    branch_max_members: int = DEFAULT_BRANCH_MAX_MEMBERS
    category_c_duties: bool = False  # C 类（功能型）: no 换届 or 三会一课 duties unless set
    grace_days: int = DEFAULT_GRACE_DAYS  # a month (quarter) is checked this many days after it ends


def _party(data: dict[str, Any]) -> PartySettings:
    party = data.get("party", {}) or {}
    upper = party.get("upper_meetings")
    return PartySettings(
        meetings=DEFAULT_MEETINGS | dict(party.get("meetings", {})),
        upper_meetings=dict(upper) if isinstance(upper, dict) else dict(DEFAULT_UPPER_MEETINGS),
        committee_min_members=int(party.get("committee_min_members", DEFAULT_COMMITTEE_MIN_MEMBERS)),
        term_years=DEFAULT_PARTY_TERMS | dict(party.get("term_years", {})),
        max_term_years=int(party.get("max_term_years", DEFAULT_MAX_TERM_YEARS)),
        branch_max_members=int(party.get("branch_max_members", DEFAULT_BRANCH_MAX_MEMBERS)),
        category_c_duties=bool(party.get("category_c_duties", False)),
        grace_days=int(party.get("grace_days", DEFAULT_GRACE_DAYS)),
    )


# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """One ``rules.ignore`` entry of the settings."""

    code: str
    reason: str
    until: dt.date | None
    ids: frozenset[str] | None
    line: int
    column: int

    def applies(self, code: str, record_id: str | None, today: dt.date) -> bool:
        if code != self.code or (self.until is not None and today > self.until):
            return False
        return self.ids is None or (record_id is not None and record_id in self.ids)


@dataclass(frozen=True, slots=True)
class LetterSettings:
    """Settings ``letters.*``: who issues the letters, their 文号, 附注 and the revocation 依据."""

    issuer: str | None = None  # None: the registry's name
    party_issuer: str | None = None  # None: the name of the cell's parent cell
    doc_no_prefix: str | None = None
    party_doc_no_prefix: str | None = None
    contact: str | None = None
    phone: str | None = None
    basis: str | None = None  # None: 《<registry>章程》
    party_letter: str = "通知"  # what a 党委 writes to its 支部 (通知, or 函)
    party_contact: str | None = None  # Party letters' own 附注; None: contact / phone above
    party_phone: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Registry settings with every default applied (schemas/settings.schema.json)."""

    registry: str = "科学技术协会"
    scope: str = "全市"  # the area the registry covers (全市, 全省, 全县, 全区), for report wording
    lead_months: int = 6
    plan_months_before: int = 6
    approval_months_before: int = 2
    filing_days_after: int = 30
    deadline: tuple[int, int] = (5, 31)
    coverage: dict[str, int] = field(default_factory=dict)
    max_years: int = 5
    max_age: int = 70
    max_terms: int = 2
    committee_size: dict[str, tuple[int, int]] = field(
        default_factory=lambda: {"agency": (7, 9), "institution": (7, 9)}
    )
    ignore: tuple[IgnoreEntry, ...] = ()
    strict: bool = False
    max_file_bytes: int = DEFAULT_MAX_BYTES
    party: PartySettings = field(default_factory=PartySettings)
    process: ProcessSettings = field(default_factory=ProcessSettings)
    letters: LetterSettings = field(default_factory=LetterSettings)
    report_omit: tuple[str, ...] = ()  # headlines of `kexie report` turned off (report.omit)
    raw: dict[str, Any] = field(default_factory=dict)

    def lead_for(self, kind: str | None) -> int:
        """The reminder period (months) of a record kind (docs/calendar.md)."""
        return self.process.lead_months(process_kind(kind))

    def fingerprint(self) -> str:
        return json.dumps(self.raw, sort_keys=True, ensure_ascii=False, default=str)


SCOPES = ("全市", "全省", "全县", "全区", "全州", "全盟", "全旗")


def default_scope(name: str) -> str:
    """The scope word a registry's name implies: …省… 全省, …县… 全县, …区… 全区, else 全市 (settings ``scope``).

    The last division word counts: 湖南省长沙县科协 covers a county (全县), 星河市东城区科协 a district.
    """
    last = max(("省", "市", "县", "区"), key=name.rfind)
    return "全市" if name.rfind(last) < 0 else f"全{last}"


def load_settings(root: Path, schemas: SchemaSet) -> Settings:
    """Read ``<root>/kexie.yaml``; a bad file raises KexieError naming the setting."""
    path = root / SETTINGS_FILE
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise KexieError("settings.unreadable", file=SETTINGS_FILE, detail=exc.strerror or str(exc)) from exc
    from kexie_cli.records.fastload import load_any  # noqa: PLC0415 - imports yaml-rs / jsonschema-rs: only when settings are read

    loaded = load_any(raw_bytes)
    if loaded.problems:
        problem = loaded.problems[0]
        if problem.code == "K004" and problem.key == "load.empty":
            return Settings()
        raise KexieError(
            "settings.syntax",
            file=SETTINGS_FILE,
            line=problem.line,
            column=problem.column,
            code=problem.code,
        )
    data = loaded.data or {}
    _validate(data, loaded.positions, schemas)
    return _build(data, loaded.positions)


def _validate(data: dict[str, Any], positions: Positions, schemas: SchemaSet) -> None:
    from kexie_cli.registry.prevalidate import is_valid  # noqa: PLC0415 - imports yaml-rs / jsonschema-rs: only when settings are read

    if is_valid(schemas, "settings", data):  # the fast validator; the Python one explains errors
        return
    errors = sorted(schemas.validator("settings").iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            path = (*path, extra[0])
            line, column = positions.key(path)
        else:
            line, column = positions.of(path)
    else:
        line, column = positions.of(path)
    setting = ".".join(str(p) for p in path) or "(根)"
    zh, en = _detail(error)
    raise KexieError(
        "settings.invalid",
        file=SETTINGS_FILE,
        line=line,
        column=column,
        setting=setting,
        detail=zh,
        detail_en=en,
    )


def _detail(error: Any) -> tuple[str, str]:
    """A (Chinese, English) explanation of a settings schema error."""
    keyword, expected, value = error.validator, error.validator_value, error.instance
    if keyword == "type":
        kinds = {"integer": "整数", "string": "文字", "boolean": "true/false", "object": "映射", "array": "列表"}
        wanted = [expected] if isinstance(expected, str) else list(expected)
        return (
            f"应为{'或'.join(kinds.get(w, w) for w in wanted)}，实为 {value!r}",
            f"expected {'/'.join(wanted)}, got {value!r}",
        )
    if keyword == "additionalProperties":
        return "未知的设置项（拼写错误？）", "unknown setting (a typo?)"
    if keyword == "required":
        missing = [n for n in expected if isinstance(value, dict) and n not in value]
        return f"缺少 {'、'.join(missing)}", f"missing {', '.join(missing)}"
    if keyword in ("enum", "const"):
        allowed = expected if keyword == "enum" else [expected]
        return f"{value!r} 不允许；可选：{'、'.join(map(str, allowed))}", f"{value!r} not allowed; one of {allowed}"
    if keyword == "format" and expected == "date":
        return f"{value!r} 不是有效日期（YYYY-MM-DD）", f"{value!r} is not a valid date (YYYY-MM-DD)"
    if keyword == "pattern":
        return f"{value!r} 格式不对", f"{value!r} has the wrong format"
    return f"{value!r} 超出允许范围（{keyword}: {expected}）", f"{value!r} out of range ({keyword}: {expected})"


def _check_day(month: int, day: int, positions: Positions) -> None:
    """``inspections.deadline`` must be a day of the calendar: 02-30 or 04-31 is an error, not 02-28 or 04-30.

    02-29 is accepted: it is the last day of February (02-28 in a common year).
    """
    try:
        dt.date(2024, month, day)  # a leap year: every MM-DD that exists in some year
    except ValueError:
        line, column = positions.of(("inspections", "deadline"))
        raise KexieError(
            "settings.invalid",
            file=SETTINGS_FILE,
            line=line,
            column=column,
            setting="inspections.deadline",
            detail=f"{month:02d}-{day:02d} 不是日历上的日期",
            detail_en=f"{month:02d}-{day:02d} is not a day of the calendar",
        ) from None


def _build(data: dict[str, Any], positions: Positions) -> Settings:
    elections = data.get("elections", {})
    steps = elections.get("steps", {})
    month, _, day = str(data.get("inspections", {}).get("deadline", "05-31")).partition("-")
    _check_day(int(month), int(day), positions)
    ignores = []
    for index, entry in enumerate(data.get("rules", {}).get("ignore", []) or []):
        line, column = positions.of(("rules", "ignore", index))
        until = parse_date(entry.get("until"))
        if entry.get("until") is not None and until is None:
            raise KexieError(
                "settings.invalid",
                file=SETTINGS_FILE,
                line=line,
                column=column,
                setting=f"rules.ignore[{index}].until",
                detail=f"{entry.get('until')!r} 不是有效日期（YYYY-MM-DD）",
                detail_en=f"{entry.get('until')!r} is not a valid date (YYYY-MM-DD)",
            )
        ids = entry.get("ids")
        ignores.append(
            IgnoreEntry(
                code=entry["code"],
                reason=entry["reason"],
                until=until,
                ids=frozenset(ids) if ids is not None else None,
                line=line,
                column=column,
            )
        )
    sizes = data.get("branches", {}).get("committee_size", {})
    for kind, (low, high) in sizes.items():
        if low > high:
            line, column = positions.of(("branches", "committee_size", kind))
            setting = f"branches.committee_size.{kind}"
            detail = f"最少 {low} 人大于最多 {high} 人"
            raise KexieError(
                "settings.invalid",
                file=SETTINGS_FILE,
                line=line,
                column=column,
                setting=setting,
                detail=detail,
                detail_en=f"minimum {low} exceeds maximum {high}",
            )
    committee = Settings().committee_size | {k: (int(v[0]), int(v[1])) for k, v in sizes.items()}
    defaults = Settings()
    registry = data.get("registry", defaults.registry)
    return Settings(
        registry=registry,
        scope=data.get("scope") or default_scope(registry),
        lead_months=elections.get("lead_months", defaults.lead_months),
        plan_months_before=steps.get("plan_months_before", defaults.plan_months_before),
        approval_months_before=steps.get("approval_months_before", defaults.approval_months_before),
        filing_days_after=steps.get("filing_days_after", defaults.filing_days_after),
        deadline=(int(month), int(day)),
        coverage=dict(data.get("coverage", {})),
        max_years=data.get("terms", {}).get("max_years", defaults.max_years),
        max_age=data.get("leaders", {}).get("max_age", defaults.max_age),
        max_terms=data.get("leaders", {}).get("max_terms", defaults.max_terms),
        committee_size=committee,
        ignore=tuple(ignores),
        strict=bool(data.get("rules", {}).get("strict", False)),
        max_file_bytes=data.get("limits", {}).get("max_file_bytes", defaults.max_file_bytes),
        party=_party(data),
        process=build_process(elections),
        letters=LetterSettings(**data.get("letters", {})),
        report_omit=tuple(data.get("report", {}).get("omit", ())),
        raw=data,
    )
