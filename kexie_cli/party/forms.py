"""What each form of party cell is and owes (docs/party.md).

- 党支部 forms (``branch``, ``joint-branch``, ``functional-branch``): term ``party.term_years``
  (3 years; 5 for a cell covering a 村/社区 branch), 三会一课 by ``party.meetings``; a 支部 with fewer
  than ``party.committee_min_members`` (7) full members has no 支委会, so no committee meetings are due.
- 党总支 (``general-branch``): 一般 3 years; 党委 (``committee``, 基层委员会): 5 years; their committee meetings are the
  总支委员会 / 党委会; frequencies ``party.upper_meetings``.
- C 类 (功能型特设) cells hold no 组织关系: no 换届 and no 三会一课 unless ``party.category_c_duties``.
- 党的工作小组 (``working-group``): led by a 组长 (``group-leader``); its members are appointed, so it
  has no 换届 election and no 三会一课.
"""

from __future__ import annotations

from kexie_cli import kinds
from kexie_cli.records.index import Index
from kexie_cli.records.model import Record, entries, integer, text
from kexie_cli.registry.settings import Settings

BRANCH_FORMS = ("branch", "joint-branch", "functional-branch")  # the 支部 forms (K511, K512)
UPPER_FORMS = ("general-branch", "committee")
WORKING_GROUP = "working-group"
COMMITTEE_MEETING = "committee-meeting"
GROUP_MEETING = "group-meeting"
MEETING_LABELS_BY_FORM = {
    ("general-branch", COMMITTEE_MEETING): ("总支委员会", "general-branch committee meeting"),
    ("committee", COMMITTEE_MEETING): ("党委会", "Party committee meeting"),
}


def form_of(record: Record) -> str | None:
    return text(record.get("form")) if record.kind == "party-cell" else None


def head_role(record: Record) -> str:
    """The role that heads a record: 组长 of a working group, 书记 of a party cell, else 理事长/主席."""
    kind = kinds.BY_CODE.get(record.kind or "")
    if kind is not None and kind.process == kinds.PARTY_PROCESS and form_of(record) == WORKING_GROUP:
        return "group-leader"
    return kind.head if kind is not None else "chair"


def holds_elections(record: Record, settings: Settings | None = None) -> bool:
    """Whether the record has 换届 elections.

    A 党的工作小组 is appointed, not elected; a C 类 (功能型特设) cell holds no 组织关系, so it has no
    换届 duties unless settings ``party.category_c_duties`` say so (docs/party.md).
    """
    kind = kinds.BY_CODE.get(record.kind or "")
    if (kind is not None and not kind.elections) or form_of(record) == WORKING_GROUP:
        return False
    return not functional_exempt(record, settings)


def functional_exempt(record: Record, settings: Settings | None = None) -> bool:
    """A C 类 cell without 换届 and 三会一课 duties (settings ``party.category_c_duties`` false)."""
    if record.kind != "party-cell" or text(record.get("category")) != "C":
        return False
    return not (settings.party.category_c_duties if settings is not None else False)


def covers_village(record: Record, index: Index) -> bool:
    """A cell covering a 村/社区 branch (村/社区党组织: 5-year terms)."""
    covers = record.get("covers")
    for target_id in covers if isinstance(covers, list) else []:
        target = index.get(target_id) if isinstance(target_id, str) else None
        if target is not None and target.kind == "branch" and target.get("type") == "village":
            return True
    return False


def term_years(record: Record, settings: Settings, index: Index) -> int | None:
    """The term length a party cell's form prescribes (settings ``party.term_years``); None: no 换届."""
    form = form_of(record)
    if form is None or form == WORKING_GROUP:
        return None
    years = settings.party.term_years
    if covers_village(record, index) and "village" in years:
        return years["village"]
    return years.get(form)


def has_committee(record: Record, settings: Settings) -> bool:
    """Whether the cell has a committee (支委会 / 总支委员会 / 党委会).

    党总支 and 党委 always have one; a 支部 has one when it has at least ``party.committee_min_members``
    full members; when the member count is not recorded, when its log records a committee meeting.
    """
    form = form_of(record)
    if form in UPPER_FORMS:
        return True
    if form == WORKING_GROUP:
        return False
    full = integer(record.get("members", "full"))
    if full is not None:
        return full >= settings.party.committee_min_members
    return any(text(m.get("type")) == COMMITTEE_MEETING for _, m in entries(record.get("meetings")))


def required_meetings(record: Record, settings: Settings) -> dict[str, str]:
    """Meeting type -> minimum frequency for this cell (empty for a working group)."""
    form = form_of(record)
    if functional_exempt(record, settings):
        return {}
    if form in UPPER_FORMS:
        wanted = dict(settings.party.upper_meetings)
    elif form != WORKING_GROUP:  # a 支部 form (or no form recorded: K101)
        wanted = dict(settings.party.meetings)
        logged = {text(m.get("type")) for _, m in entries(record.get("meetings"))}
        if GROUP_MEETING in wanted and GROUP_MEETING not in logged:
            del wanted[GROUP_MEETING]  # no 党小组 recorded
    else:
        return {}
    if COMMITTEE_MEETING in wanted and not has_committee(record, settings):
        del wanted[COMMITTEE_MEETING]
    return {k: v for k, v in wanted.items() if v != "none"}


def meeting_label(meeting_type: str, form: str | None, lang: str, default: str) -> str:
    """The meeting type's name for the form: a 党委's committee meeting is the 党委会."""
    found = MEETING_LABELS_BY_FORM.get((form or "", meeting_type))
    if found is None:
        return default
    return found[1] if lang == "en" else found[0]
