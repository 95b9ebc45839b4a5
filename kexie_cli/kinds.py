"""The kinds of record, in one registry: code, folder, schema, labels, table and per-kind facts.

Every module that needs to know which kinds there are, where their files live,
what they are called, which query table holds them or a fact that differs
between kinds (which field classifies them, whether they hold 换届 elections,
which prefix their 统一社会信用代码 has, which records they refer to, the
word for their leaders) derives it from :data:`KINDS` here: adding a kind is
one ``Kind(...)`` line, its schema, its template and its rules
(docs/architecture.md, "What a new kind touches"). The module imports nothing
of kexie, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the 换届 process of a kind (the settings block ``elections.<process>``) when it holds elections
SOCIETY_PROCESS, BRANCH_PROCESS, PARTY_PROCESS = "society", "branch", "party"


@dataclass(frozen=True, slots=True)
class Kind:
    code: str  # the ``kind:`` of a record and the argument of ``kexie new``: "party-cell"
    folder: str  # records/<folder>/, and the name ``kexie list`` takes: "party-cells"
    schema: str  # the schema file under schemas/
    zh: str  # label in Chinese text and headers: "党组织"
    en: str  # label in English output (a plural, as headers and listings use it): "Party cells"
    table: str  # the query/export table of these records (kexie sql, kexie export): "party_cells"
    en_one: str  # one record of the kind in an English cell or sentence: "party cell"
    # --- per-kind facts, with the defaults of a plain record --------------------------------
    type_field: str = ""  # the enum field that classifies the records (summary, list): "level", "type"
    process: str = ""  # its 换届 process (settings ``elections.<process>``); "" = no elections
    uscc_prefix: str = ""  # registration.uscc must start with it (K205); "" = any valid code
    refs: tuple[tuple[str, tuple[str, ...]], ...] = ()  # reference field -> kinds it may name (K202, K203)
    head: str = "chair"  # the role of the record's head (the head column of list, sql and export)
    roles: tuple[tuple[str, str], ...] = ()  # leader role -> its word on this kind (else the generic words)

    @property
    def aliases(self) -> tuple[str, ...]:
        """The names ``kexie list`` (and every option naming a kind) accepts: code, folder, table name, label."""
        return tuple(dict.fromkeys((self.code, self.folder, self.table, self.zh)))

    @property
    def elections(self) -> bool:
        """Holds 换届 elections (a term with reminders, ``due-elections``, letters)."""
        return bool(self.process)

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def noun(self, lang: str) -> str:
        """One record of the kind, in a table cell or a sentence: 党组织 / party cell."""
        return self.en_one if lang == "en" else self.zh


_ORG_ROLES = (
    ("vice-chair", ""),
    ("secretary-general", "秘书长"),
    ("deputy-secretary-general", "副秘书长"),
    ("supervisor", "监事"),
    ("legal-representative", "法定代表人"),
)


def _org_roles(chair: str, vice: str) -> tuple[tuple[str, str], ...]:
    return (("chair", chair), *((r, w or vice) for r, w in _ORG_ROLES))


#: the ``host`` of a 工作站, 科普基地 or 志愿服务队: a branch (企业科协 ...), a society or an institute
_HOSTED = (("host", ("branch", "society", "institute")),)

KINDS: tuple[Kind, ...] = (
    Kind(
        "society", "societies", "society.schema.json", "科技社团", "Societies", "societies", "society",
        type_field="level", process=SOCIETY_PROCESS, uscc_prefix="51", roles=_org_roles("理事长", "副理事长"),
        refs=(("district", ("branch",)),),
    ),
    Kind(
        "branch", "branches", "branch.schema.json", "基层科协", "Branches", "branches", "branch",
        type_field="type", process=BRANCH_PROCESS, refs=(("parent", ("branch",)),), roles=_org_roles("主席", "副主席"),
    ),
    Kind(
        "party-cell", "party-cells", "party-cell.schema.json", "党组织", "Party cells", "party_cells", "party cell",
        type_field="form", process=PARTY_PROCESS, head="secretary",
        refs=(("parent", ("party-cell",)), ("covers", ("society", "branch"))),
        roles=(
            ("secretary", "书记"), ("deputy-secretary", "副书记"),
            ("committee-member", "委员"), ("group-leader", "组长"),
        ),
    ),
    Kind(
        "subunit", "subunits", "subunit.schema.json", "分支机构", "Subunits", "subunits", "subunit",
        type_field="type", process=BRANCH_PROCESS, refs=(("parent", ("society",)),),
        roles=_org_roles("主任委员", "副主任委员"),
    ),
    Kind(
        "liaison-office", "liaison-offices", "liaison-office.schema.json", "联络处", "Liaison offices",
        "liaison_offices", "liaison office", type_field="level", refs=(("parent_society", ("society",)),),
        roles=_org_roles("主任", "副主任"),
    ),
    Kind(
        "institute", "institutes", "institute.schema.json", "民办非企业单位", "Institutes", "institutes", "institute",
        type_field="type", process=SOCIETY_PROCESS, uscc_prefix="52", roles=_org_roles("理事长", "副理事长"),
    ),
    Kind(
        "alliance", "alliances", "alliance.schema.json", "学会联合体", "Alliances", "alliances", "alliance",
        type_field="type", refs=(("lead", ("society",)), ("members", ("society",))), roles=_org_roles("主席", "副主席"),
    ),
    Kind(
        "station", "stations", "station.schema.json", "工作站", "Stations", "stations", "station",
        type_field="type", refs=_HOSTED, roles=(("chair", "站长"), ("vice-chair", "副站长")),
    ),
    Kind(
        "popsci-base", "popsci-bases", "popsci-base.schema.json", "科普基地", "Popsci bases", "popsci_bases",
        "popsci base", type_field="type", refs=_HOSTED, roles=(("chair", "负责人"), ("vice-chair", "副负责人")),
    ),
    Kind(
        "volunteer-team", "volunteer-teams", "volunteer-team.schema.json", "科普志愿服务队", "Volunteer teams",
        "volunteer_teams", "volunteer team", refs=_HOSTED, roles=(("chair", "队长"), ("vice-chair", "副队长")),
    ),
)  # fmt: skip
BY_CODE: dict[str, Kind] = {k.code: k for k in KINDS}
CODES: tuple[str, ...] = tuple(BY_CODE)
FOLDERS: dict[str, str] = {k.code: k.folder for k in KINDS}
FOLDER_KINDS: dict[str, str] = {k.folder: k.code for k in KINDS}
SCHEMA_FILES: dict[str, str] = {k.code: k.schema for k in KINDS}
TABLES: dict[str, str] = {k.code: k.table for k in KINDS}
LABELS: dict[str, tuple[str, str]] = {k.code: (k.zh, k.en) for k in KINDS}
ZH_LABELS: dict[str, str] = {k.code: k.zh for k in KINDS}
ALIASES: dict[str, str] = {alias: k.code for k in KINDS for alias in k.aliases}
#: kinds whose 换届 the organisation rules K301/K302 watch (a party cell's term has its own rule, K505)
ORG_ELECTING: tuple[str, ...] = tuple(k.code for k in KINDS if k.elections and k.process != PARTY_PROCESS)
#: reference field -> kinds it may name, per record kind (K202, K203, the listing's names)
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {k.code: dict(k.refs) for k in KINDS if k.refs}


def noun(code: object, lang: str) -> str:
    """:meth:`Kind.noun` of a kind code; an unknown code is shown as it is."""
    kind = BY_CODE.get(code) if isinstance(code, str) else None
    return kind.noun(lang) if kind is not None else str(code)


def process_of(code: str | None) -> str:
    """The 换届 process (settings block) of a record kind; a kind without one reads the society's."""
    kind = BY_CODE.get(code or "")
    return kind.process if kind is not None and kind.process else SOCIETY_PROCESS


def role_words(code: str | None) -> dict[str, str]:
    """Role code -> its word on records of ``code`` (empty for an unknown kind or one with the generic words)."""
    kind = BY_CODE.get(code or "")
    return dict(kind.roles) if kind is not None else {}
