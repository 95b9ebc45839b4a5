"""``kexie new KIND``: a record from ``templates/records/<kind>.yaml``, its id derived from the name's pinyin."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from kexie_cli import kinds
from kexie_cli.edit import canonical, tree
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.records.model import Record
from kexie_cli.registry.layout import SLUG
from kexie_cli.registry.load import Registry
from kexie_cli.registry.resources import read_resource
from kexie_cli.validate.door import load_registry

_PLACEHOLDER = re.compile(r"^\{\{(\w+)\}\}$")
_SLUG = SLUG

# Name endings with their customary slug (as in the sample registry: 示例市宝玉石学会 → baoyushi-xuehui).
SUFFIXES = (
    ("专业委员会", "zhuanwei"),  # 分支机构 (示例市计算机学会网络安全专业委员会 → ...-zhuanwei)
    ("工作委员会", "gongwei"),
    ("联络处", "lianluochu"),
    ("科学技术协会", "kexie"),
    ("科技工作者协会", "kexie"),
    ("科协", "kexie"),
    ("研究会", "yanjiuhui"),
    ("联合会", "lianhehui"),
    ("促进会", "cujinhui"),
    ("学会", "xuehui"),
    ("协会", "xiehui"),
    ("支部委员会", "dangzhibu"),
    ("总支部委员会", "dangzongzhi"),
    ("委员会", "dangwei"),
    ("党支部", "dangzhibu"),
    ("党总支", "dangzongzhi"),
    ("党委", "dangwei"),
)
# Words that split the name into parts: 镇, 区, 村 ... (示例市滨江区白沙镇科学技术协会 → binjiang-qu-baisha-zhen-kexie).
DIVISIONS = ("自治州", "自治县", "街道", "社区", "省", "市", "区", "县", "镇", "乡", "村")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A value the template leaves to the user: ``{{name}}`` at ``path``."""

    name: str
    path: tree.Path_
    title: str
    choices: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # the Chinese label of each choice
    whose: str = ""  # a leader's office (主席) when the value belongs to one: "主席姓名"
    schema: dict[str, Any] | None = None

    def prompt(self, lang: str) -> str:
        """What the user is asked: whose value it is ("主席姓名"), and how to answer a choice."""

        text = self.whose + self.title if lang != "en" else (f"{self.whose} {self.name}" if self.whose else self.name)
        return text + tr("new.choose", lang) if self.choices else text

    def menu(self, lang: str) -> list[str]:
        """The choices, numbered, each with its Chinese label and its code."""
        return [
            f"  {i:>2} {label}（{code}）" if lang != "en" else f"  {i:>2} {code} ({label})"
            for i, (code, label) in enumerate(zip(self.choices, self.labels, strict=True), start=1)
        ]


def template_text(registry: Registry, kind: str) -> str:
    """The record template of ``kind``, bounded and checked like a record file (issue 28).

    A link to a file outside ``templates/`` is refused; a FIFO, a file over ``limits.max_file_bytes``,
    bytes that are not UTF-8, anchors and aliases (an alias bomb) or nesting over 64 levels are refused
    with the template's name and the reason, before ruamel reads it.
    """
    name = f"records/{kind}.yaml"
    try:
        text, _ = read_resource(registry.root, "templates", name, registry.settings.max_file_bytes)
    except FileNotFoundError as exc:
        raise KexieError("new.no_template", path=f"templates/{name}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KexieError("new.bad_template", path=f"templates/{name}", detail=detail) from exc
    try:
        canonical.require_loadable(text)
    except canonical.FormatError as exc:
        raise TemplateUnloadable(f"templates/{name}", exc) from exc
    return text


class TemplateUnloadable(KexieError):
    """The record template does not pass the strict loader (the reason names line and code)."""

    def __init__(self, path: str, cause: canonical.FormatError) -> None:
        super().__init__("new.bad_template", path=path)
        self.cause = cause

    def render(self, lang: str) -> str:
        return tr(self.key, lang, path=self.params["path"], detail=self.cause.render(lang))


def placeholders(registry: Registry, kind: str) -> list[Placeholder]:
    """The ``{{…}}`` values of the kind's template, in file order."""
    doc = canonical.load_document(template_text(registry, kind))
    out: list[Placeholder] = []
    seen: set[str] = set()
    for path, value in _scalars(doc, ()):
        match = _PLACEHOLDER.match(str(value))
        if match and match.group(1) not in seen:
            seen.add(match.group(1))
            schema = tree.field_schema(registry.schemas, kind, path) or {}
            enum = schema.get("enum")
            choices = tuple(str(v) for v in enum) if isinstance(enum, list) else ()
            labels = tuple(registry.schemas.label(kind, path, c) for c in choices)
            title = registry.schemas.title(kind, path) or match.group(1)
            whose = _office(registry, kind, doc, path)
            out.append(Placeholder(match.group(1), path, title, choices, labels, whose, schema))
    return out


def _office(registry: Registry, kind: str, doc: Any, path: tree.Path_) -> str:
    """The office a leader entry's value belongs to, as this kind calls it (理事长 for a society, 主席 for a branch)."""
    if len(path) < 3 or path[0] != "leaders" or not isinstance(path[1], int) or path[2] == "role":
        return ""
    role = tree.get_node(doc, (*path[:2], "role"))
    if not isinstance(role, str) or role.startswith("{{"):
        return ""
    label = registry.schemas.label(kind, ("leaders", 0, "role"), role)
    names = label.split("/")
    return names[-1] if kind == "branch" and len(names) > 1 else names[0]


def read_answer(raw: str, holder: Placeholder) -> str:
    """Check one typed answer against its field's schema; the text to store (a code for a label).

    Accepts, for a choice, its number in the list, its code or its Chinese label.
    Raises a KexieError in Chinese (or English) saying what is wrong, so the
    question can be asked again at once instead of refusing the whole record at the end.
    """
    schema = holder.schema or {}
    text = raw.strip()
    if holder.choices:
        if text.isdigit() and 1 <= int(text) <= len(holder.choices):
            return holder.choices[int(text) - 1]
        code = tree.enum_code(text, schema)
        if code is None:
            shown = "、".join(f"{c}（{label}）" for c, label in zip(holder.choices, holder.labels, strict=True))
            raise KexieError("new.not_a_choice", value=text, choices=shown)
        return str(code)
    if not text:
        raise KexieError("new.empty", field=holder.whose + holder.title)
    value = tree.parse_value(text, schema)
    if isinstance(value, str) and schema.get("format") == "date":
        if not _is_date(value):
            raise KexieError("new.bad_date", value=value)
    elif isinstance(value, str) and isinstance(schema.get("pattern"), str) and not re.search(schema["pattern"], value):
        raise KexieError("new.bad_format", value=value, field=holder.title)
    if holder.path[-1:] == ("uscc",):
        check_uscc(text)
    return text


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def find_parent(registry: Registry, kind: str, raw: str, today: dt.date, lang: str) -> str:
    """The id of the record a new ``kind`` record reports to, from its id or its full name."""
    text = raw.strip()
    allowed = kinds.REFERENCES.get(kind, {}).get("parent", (kind,))
    records = [r for r in load_registry(registry, today, lang).loaded if r.kind in allowed]
    for record in records:
        if text in (record.id, record.name):
            return record.id
    raise KexieError("new.unknown_parent", value=text)


def _scalars(node: Any, path: tree.Path_) -> list[tuple[tree.Path_, Any]]:
    if isinstance(node, dict):
        return [item for key, value in node.items() for item in _scalars(value, (*path, key))]
    if isinstance(node, list):
        return [item for i, value in enumerate(node) for item in _scalars(value, (*path, i))]
    return [(path, node)]


def new_record_text(registry: Registry, kind: str, values: dict[str, str]) -> str:
    """Fill the template: ``values`` maps a placeholder name or a dotted path to its raw text."""
    doc = canonical.load_document(template_text(registry, kind))
    spots: dict[str, list[tree.Path_]] = {}
    for path, value in _scalars(doc, ()):
        match = _PLACEHOLDER.match(str(value))
        if match:
            spots.setdefault(match.group(1), []).append(path)
    missing = [name for name in spots if name not in values]
    if missing:
        raise KexieError("new.missing", fields=", ".join(missing))
    for key, raw in values.items():
        for path in spots.get(key) or [tree.parse_path(key)]:
            schema = tree.field_schema(registry.schemas, kind, path)
            value = tree.parse_value(raw, schema)
            tree.set_node(doc, path, value, tree.key_orders(registry.schemas, kind, path))
    _working_group_leader(doc, kind, values)
    return canonical.dump_document(doc, kind, registry.schemas)


def _working_group_leader(doc: Any, kind: str, values: dict[str, str]) -> None:
    """A 党的工作小组 is led by a 组长: the template's first leader becomes ``group-leader`` (docs/party.md)."""
    if kind != "party-cell" or not isinstance(doc, dict) or doc.get("form") != "working-group":
        return
    leaders = doc.get("leaders")
    if "leaders.0.role" in values or not isinstance(leaders, list) or not leaders:
        return
    first = leaders[0]
    if isinstance(first, dict) and first.get("role") == "secretary":
        first["role"] = "group-leader"


# File names Windows refuses whatever their extension (``con.yaml``): never generated as ids,
# since many secretariats keep the registry on Windows (WPS); ``check`` does not flag them.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


def derive_id(name: str, registry_name: str = "", taken: frozenset[str] = frozenset()) -> str:
    """A slug from the name's pinyin, without the registry's own place name; ``-2``… when taken."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = re.sub(r"^中共", "", text)
    place = _place(registry_name)
    for prefix in (place, place[:-1] if len(place) > 1 else ""):
        if prefix and text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    text = re.sub(r"(有限责任公司|股份有限公司|有限公司|集团公司)$", "", text)
    suffixes: list[str] = []
    for _ in range(2):
        for ending, slug in SUFFIXES:
            if text.endswith(ending) and len(text) > len(ending):
                text = text[: -len(ending)]
                suffixes.insert(0, slug)
                break
    text = re.sub(r"(有限责任公司|股份有限公司|有限公司|集团公司)$", "", text)
    words = [w for part in _last_place(_split_divisions(text)) for w in _words(part)]
    words.extend(suffixes)
    base = "-".join(words)[:60].strip("-") or "record"
    if len(base) < 3 or base in WINDOWS_RESERVED:
        base = f"{base}-id"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    if not _SLUG.fullmatch(candidate):
        raise KexieError("new.bad_id", id=candidate)
    return candidate


def _words(part: str) -> list[str]:
    """Pinyin words of a name part: two characters a word (a lone last character joins the one before)."""
    from pypinyin import lazy_pinyin  # noqa: PLC0415 - pypinyin loads large tables; only for pinyin ids and sorting

    if part in DIVISIONS:
        return ["".join(lazy_pinyin(part))]
    chars = [c for c in part if not c.isspace() and c not in "“”\"'（）()·-"]
    chunks = ["".join(chars[i : i + 2]) for i in range(0, len(chars), 2)]
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    words = []
    for chunk in chunks:
        word = "".join(lazy_pinyin(chunk, errors=_ascii_only)).lower()
        word = re.sub(r"[^a-z0-9]+", "", word)
        if word:
            words.append(word)
    return words


def _ascii_only(chars: str) -> str:
    """What pypinyin keeps of characters it has no pinyin for: ASCII letters and digits."""
    return "".join(c for c in chars if c.isascii())


def _last_place(parts: list[str]) -> list[str]:
    """Keep the last named place: 青山县青山镇茶园村 → 茶园村 (as the sample ids do)."""
    last = max((i for i, p in enumerate(parts) if p in DIVISIONS and i > 0), default=None)
    if last is None or last + 1 < len(parts):
        return parts
    return parts[last - 1 :]


def _place(registry_name: str) -> str:
    """``示例市科学技术协会`` → ``示例市``."""
    for ending, _ in SUFFIXES[:3]:
        if registry_name.endswith(ending):
            return registry_name[: -len(ending)]
    return ""


def _split_divisions(text: str) -> list[str]:
    """``滨江区白沙镇`` → ``["滨江", "区", "白沙", "镇"]``; other text stays one word."""
    pattern = "(" + "|".join(DIVISIONS) + ")"
    return [piece for piece in re.split(pattern, text) if piece]


def check_id(record_id: str) -> None:
    """Refuse (exit 2) an id that is not a slug: ids become file names."""
    if not _SLUG.fullmatch(record_id):
        raise KexieError("new.bad_id", id=record_id)


class DuplicateRecord(KexieError):
    """``kexie new`` for an organisation the registry has (same name or same 统一社会信用代码): exit 2."""

    def __init__(self, record: Record, why: str) -> None:
        super().__init__("new.exists", id=record.id)
        self.record = record
        self.why = why

    def render(self, lang: str) -> str:
        record = self.record
        return tr(
            "new.exists",
            lang,
            kind=kinds.noun(record.kind, lang),
            name=record.name,
            id=record.id,
            file=record.relpath,
            why=tr(f"new.exists_{self.why}", lang),
        )


def _same_name(a: str, b: str) -> bool:
    return unicodedata.normalize("NFKC", a).strip() == unicodedata.normalize("NFKC", b).strip()


def check_not_registered(records: list[Record], kind: str, name: str = "", uscc: str = "") -> None:
    """Refuse a new record for an organisation already on the books: same kind and name, or same USCC.

    Names compare after NFKC (full-width and half-width letters alike), codes as
    K206 compares them; a former name (``former_names``) does not count (a
    successor may take it). Raises :class:`DuplicateRecord`.
    """
    from kexie_cli.rules.integrity import compact_uscc  # noqa: PLC0415 - python-stdnum only when a code is compared

    code = compact_uscc(uscc) if uscc.strip() else ""
    for record in records:
        if not record.loaded or record.kind is None:
            continue
        if name and record.kind == kind and _same_name(record.name, name):
            raise DuplicateRecord(record, "name")
        other = record.get("registration", "uscc")
        if code and isinstance(other, str) and other.strip() and compact_uscc(other) == code:
            raise DuplicateRecord(record, "uscc")


def check_uscc(raw: str, lang: str = "zh") -> None:
    """The 统一社会信用代码 as typed: GB 32100 structure and check digit (as K205), at once."""
    from stdnum.cn import uscc  # noqa: PLC0415 - python-stdnum loads only when a credit code is checked
    from stdnum.exceptions import ValidationError  # noqa: PLC0415 - as above

    from kexie_cli.rules.integrity import USCC_REASONS  # noqa: PLC0415 - the rule's words for each failure

    try:
        uscc.validate(raw)
    except ValidationError as exc:
        zh, en = USCC_REASONS.get(type(exc).__name__, ("结构错误", "bad structure"))
        raise KexieError("new.bad_uscc", value=raw, reason_zh=zh, reason_en=en) from None
