"""The kinds of record, in one registry: code, folder, schema, labels and table name.

Every module that needs to know which kinds there are, where their files live,
what they are called or which query table holds them derives it from
:data:`KINDS` here. The module imports nothing of kexie (docs/architecture.md),
so every layer may use it. Rules and behaviour particular to a kind (who holds
elections, which roles a record names) stay with the code that applies them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    code: str  # the ``kind:`` of a record and the argument of ``kexie new``: "party-cell"
    folder: str  # records/<folder>/, and the name ``kexie list`` takes: "party-cells"
    schema: str  # the schema file under schemas/
    zh: str  # label in Chinese text and headers: "党组织"
    en: str  # label in English output (a plural, as headers and listings use it): "Party cells"
    table: str  # the query/export table of these records (kexie sql, kexie export): "party_cells"
    en_one: str  # one record of the kind in an English cell or sentence: "party cell"
    organisation: bool = (
        True  # an organisation (may hold elections, be covered, report a year); False: a record about one
    )
    yearly: bool = False  # files live one folder deeper, by year: records/<folder>/<YYYY>/<id>.yaml

    @property
    def aliases(self) -> tuple[str, ...]:
        """The names ``kexie list`` (and every option naming a kind) accepts: code, folder, table name, label."""
        return tuple(dict.fromkeys((self.code, self.folder, self.table, self.zh)))

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def noun(self, lang: str) -> str:
        """One record of the kind, in a table cell or a sentence: 党组织 / party cell."""
        return self.en_one if lang == "en" else self.zh


KINDS: tuple[Kind, ...] = (
    Kind("society", "societies", "society.schema.json", "科技社团", "Societies", "societies", "society"),
    Kind("branch", "branches", "branch.schema.json", "基层科协", "Branches", "branches", "branch"),
    Kind("party-cell", "party-cells", "party-cell.schema.json", "党组织", "Party cells", "party_cells", "party cell"),
    # one organisation's year (issue 21): records/annual/<year>/<org>-<year>.yaml, docs/registry.md
    Kind(
        "annual",
        "annual",
        "annual.schema.json",
        "年度工作",
        "Annual records",
        "annual",
        "annual record",
        organisation=False,
        yearly=True,
    ),
)
BY_CODE: dict[str, Kind] = {k.code: k for k in KINDS}
CODES: tuple[str, ...] = tuple(BY_CODE)
FOLDERS: dict[str, str] = {k.code: k.folder for k in KINDS}
FOLDER_KINDS: dict[str, str] = {k.folder: k.code for k in KINDS}
SCHEMA_FILES: dict[str, str] = {k.code: k.schema for k in KINDS}
TABLES: dict[str, str] = {k.code: k.table for k in KINDS}
LABELS: dict[str, tuple[str, str]] = {k.code: (k.zh, k.en) for k in KINDS}
ZH_LABELS: dict[str, str] = {k.code: k.zh for k in KINDS}
ALIASES: dict[str, str] = {alias: k.code for k in KINDS for alias in k.aliases}
#: the organisation kinds: what an annual record's ``org`` names, and what elections and listings of units count
ORG_CODES: tuple[str, ...] = tuple(k.code for k in KINDS if k.organisation)
#: folders whose records sit in one sub-folder per year (records/annual/2026/...)
YEARLY_FOLDERS: frozenset[str] = frozenset(k.folder for k in KINDS if k.yearly)


def noun(code: object, lang: str) -> str:
    """:meth:`Kind.noun` of a kind code; an unknown code is shown as it is."""
    kind = BY_CODE.get(code) if isinstance(code, str) else None
    return kind.noun(lang) if kind is not None else str(code)
