"""The canonical layout of a record file (``kexie fmt``).

Canonical means: the ``$schema`` modeline first (where the registry has its
own ``schemas/``: elsewhere a modeline the file has is kept and none is added,
see :func:`modeline_for`); keys in the schema's order
(unknown keys after the known ones, in their own order); 2-space indentation,
list items indented 2 under their key; block style for mappings and lists,
except that a flow collection holding only scalars stays flow (``- {year: 2024,
result: pass}``) and empty ones are ``[]`` / ``{}``; strings quoted only where
YAML needs it, and then with double quotes; LF line endings and exactly one
trailing newline. Comments and blank lines are kept (see ``docs/editing.md``
for where a comment goes when keys are reordered).

Formatting never changes what a record means: :func:`format_text` loads the
result with the strict loader and refuses (``FormatError``) when the data
differs, so a bug here cannot corrupt a record.
"""

from __future__ import annotations

import math
import re
from typing import Any

from kexie_cli import kinds
from kexie_cli.edit import roundtrip
from kexie_cli.i18n import tr
from kexie_cli.records.loader import Problem, decode, load_text
from kexie_cli.registry.schemas import SchemaSet

MODELINE = "# yaml-language-server: $schema=../../schemas/{file}"
_MODELINE_RE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=.*\n?", re.MULTILINE)
SCHEMA_FILES = kinds.SCHEMA_FILES


class FormatError(ValueError):
    """The file cannot be formatted: it does not parse, or formatting would change its data."""

    def __init__(self, key: str, problem: Problem | None = None, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.problem = problem  # the strict loader's first problem, when that is the reason
        self.params = params

    def render(self, lang: str) -> str:
        params = dict(self.params)
        if self.problem is not None:
            p = self.problem
            detail = tr(f"{p.code}.{p.key}", lang, **dict(p.params))
            params.update(line=p.line, column=p.column, code=p.code, detail=detail)
        return tr(self.key, lang, **params)


def decode_record(raw: bytes) -> str:
    """A record file's text; FormatError (K001) when it is not UTF-8 or holds control characters."""
    text, problem = decode(raw)
    if text is None:
        raise FormatError("fmt.load_problem", problem)
    return text


def require_loadable(text: str) -> None:
    """FormatError unless the strict loader accepts ``text`` (anchors, tags, duplicate keys ... are refused).

    The round-trip parser accepts more than the strict loader (anchors, aliases, tags, merge
    keys), so a file must pass the strict loader before it is formatted or edited.
    """
    loaded = load_text(_normalise_newlines(text))
    if loaded.problems:
        raise FormatError("fmt.load_problem", loaded.problems[0])
    if loaded.data is None:
        raise FormatError("fmt.not_mapping")


def modeline(kind: str) -> str:
    line = MODELINE.format(file=SCHEMA_FILES[kind])
    yearly = kind in kinds.BY_CODE and kinds.BY_CODE[kind].yearly  # records/annual/<year>/: one folder deeper
    return line.replace("$schema=../../", "$schema=../../../") if yearly else line


def modeline_for(kind: str, schemas: SchemaSet, original: str | None = None) -> str | None:
    """The modeline a record file gets: the canonical one where ``schemas/<kind>.schema.json`` is in
    the registry; else the one ``original`` already has (perhaps a URL), or none — a path to
    ``../../schemas/`` would point an editor at a file that is not there (docs/editing.md).
    ``schemas`` without a registry root (kexie's own schemas, in tests) keeps the canonical line.
    """
    if schemas.root is None or (schemas.root / "schemas" / SCHEMA_FILES[kind]).is_file():
        return modeline(kind)
    found = _MODELINE_RE.search(_normalise_newlines(original or "").lstrip("\ufeff"))
    return found.group(0).rstrip("\n") if found else None


def format_text(text: str, kind: str, schemas: SchemaSet) -> str:
    """The canonical text of one record file of ``kind``; raises FormatError."""
    require_loadable(text)
    doc = load_document(text)
    out = dump_document(doc, kind, schemas, text)
    if out == text:
        return out  # already canonical: nothing can have changed
    before = load_text(_normalise_newlines(text))
    if before.problems or before.data is None:
        raise FormatError("fmt.unloadable", line=before.problems[0].line if before.problems else 1)
    after = load_text(out)
    if after.data is None or not same_data(before.data, after.data):
        raise FormatError("fmt.changes_meaning")
    return out


def load_document(text: str) -> Any:
    """Parse a record (modeline removed) into ruamel containers; raises FormatError."""
    body = _MODELINE_RE.sub("", _normalise_newlines(text).lstrip("\ufeff"))
    try:
        doc = roundtrip.load(body)
    except roundtrip.RoundTripError as exc:
        raise FormatError("fmt.unparsable", detail=str(exc)) from exc
    from ruamel.yaml.comments import CommentedMap  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    if not isinstance(doc, CommentedMap):
        raise FormatError("fmt.not_mapping")
    if (line := roundtrip.null_key_line(doc)) is not None:  # would be written back as "null"
        raise FormatError("fmt.null_key", line=line + text.count("\n") - body.count("\n"))  # modeline removed
    return doc


def dump_document(doc: Any, kind: str, schemas: SchemaSet, original: str | None = None) -> str:
    """Canonicalise ``doc`` in place and return the file text, modeline first (``original``: the text
    ``doc`` was read from, whose modeline is kept where the registry has no schemas/)."""
    canonicalise(doc, kind, schemas)
    body = roundtrip.dump(doc).strip("\n") + "\n"
    line = modeline_for(kind, schemas, original)
    return f"{line}\n{body}" if line else body


def canonicalise(doc: Any, kind: str, schemas: SchemaSet) -> None:
    """Key order, flow/block style and quoting of a whole document, in place."""
    _styles(doc, flow=False, item=True)
    doc.fa.set_block_style()
    _walk(doc, kind, (), schemas)


# --- the walk -----------------------------------------------------------------


def _styles(node: Any, flow: bool, item: bool, parent: Any = None) -> None:
    """Decide flow or block style for every collection (top-down, before keys move)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return
    children = list(node.values()) if isinstance(node, CommentedMap) else list(node)
    here_flow = flow or _keep_flow(node, children, item)
    if node.fa.flow_style() and not here_flow:
        _unflow_comment(node, parent)
    _set_style(node, here_flow)
    for child in children:
        _styles(child, here_flow, isinstance(node, CommentedSeq) or isinstance(child, CommentedSeq), node)


def _walk(node: Any, kind: str, path: tuple[str | int, ...], schemas: SchemaSet) -> None:
    """Key order and quoting, bottom-up (a value's comments are in place before its keys move)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    if isinstance(node, CommentedMap):
        flow = bool(node.fa.flow_style())
        for key in list(node):
            value = node[key]
            if isinstance(value, str):
                put(node, key, quoted(value, flow))
            else:
                _walk(value, kind, (*path, key), schemas)
        _order_keys(node, schemas.key_order(kind, path) if kind else [])
    elif isinstance(node, CommentedSeq):
        flow = bool(node.fa.flow_style())
        for index, value in enumerate(node):
            if isinstance(value, str):
                put(node, index, quoted(value, flow))
            else:
                _walk(value, kind, (*path, 0), schemas)


def _unflow_comment(node: Any, parent: Any) -> None:
    """A comment after a flow collection that turns block goes after its last line."""
    token = node.ca.comment[0] if node.ca.comment else None
    if token is None:
        return
    node.ca.comment[0] = None
    if parent is not None:
        for entry in parent.ca.items.values():
            for i, other in enumerate(entry):
                if other is token:
                    entry[i] = None
    node.fa.set_block_style()
    if len(node):
        last = list(node)[-1] if hasattr(node, "keys") else len(node) - 1
        holder, index = _slot(node, last)
        if holder[index] is None:
            holder[index] = token
        else:
            holder[index].value = holder[index].value.rstrip("\n") + "\n" + token.value.lstrip()


def put(node: Any, key: Any, value: Any) -> None:
    """Set ``node[key]`` without ruamel's carrying over of the old value's quoting."""
    from ruamel.yaml.comments import CommentedMap  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    if isinstance(node, CommentedMap):
        from ruamel.yaml.compat import ordereddict  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

        ordereddict.__setitem__(node, key, value)
        node._ok.add(key)
    else:
        list.__setitem__(node, key, value)


def _keep_flow(node: Any, children: Any, item: bool) -> bool:
    """Flow style stays where the file has it for a short entry: a list item, or a list, of scalars only."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    if len(node) == 0:
        return True
    if not node.fa.flow_style() or not item:
        return False
    return not any(isinstance(child, (CommentedMap, CommentedSeq, dict, list)) for child in children)


def _set_style(node: Any, flow: bool) -> None:
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


def quoted(value: str, flow: bool) -> Any:
    """A string as the canonical form writes it: plain when YAML allows, else double-quoted."""
    from ruamel.yaml.scalarstring import (  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
    )

    if isinstance(value, (LiteralScalarString, FoldedScalarString)) and not flow:
        return value  # a block scalar the author chose for multi-line text
    if roundtrip.plain_allowed(value, flow):
        return str(value)
    return DoubleQuotedScalarString(str(value))


# --- key order, with the comments that go with each key --------------------------------


def _order_keys(node: Any, order: list[str]) -> None:
    keys = list(node)
    rank = {key: i for i, key in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (0, rank[k], 0) if k in rank else (1, 0, keys.index(k)))
    _requote_keys(node)
    keys = list(node)
    wanted = [quoted_key(k) for k in wanted]
    if wanted == keys:
        return
    # Full-line comments (and blank lines) after a value belong to the key that follows.
    leading: dict[Any, str] = {}
    tail = ""
    for i, key in enumerate(keys):
        rest = take_rest(node, key)
        if i + 1 < len(keys):
            leading[keys[i + 1]] = rest
        else:
            tail = rest
    for key in wanted:
        node.move_to_end(key)
    add_before_first(node, leading.get(wanted[0], ""))
    for i, key in enumerate(wanted):
        if i + 1 < len(wanted):
            add_rest(node, key, leading.get(wanted[i + 1], ""))
        else:
            add_rest(node, key, tail)


def quoted_key(key: Any) -> Any:
    return str(key) if isinstance(key, str) and roundtrip.plain_allowed(key, False) else key


def _requote_keys(node: Any) -> None:
    """Unquote keys that need no quotes (keeping their comments and place)."""
    for key in list(node):
        plain = quoted_key(key)
        if type(plain) is not type(key):
            index = list(node).index(key)
            entry = node.ca.items.pop(key, None)
            value = node.pop(key)
            node.insert(index, plain, value)
            if entry is not None:
                node.ca.items[plain] = entry


def _slot(node: Any, key: Any) -> tuple[list[Any], int]:
    """Where ruamel keeps the comment after the last line of ``node[key]``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        if isinstance(value, CommentedSeq) and not _is_block_collection(value[last]):
            return value.ca.items.setdefault(last, [None, None, None, None]), 0
        return _slot(value, last)
    if isinstance(node, CommentedSeq):
        return node.ca.items.setdefault(key, [None, None, None, None]), 0
    return node.ca.items.setdefault(key, [None, None, None, None]), 2


def _is_block_collection(value: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def take_rest(node: Any, key: Any) -> str:
    """Remove and return the full-line comments after ``node[key]`` (its end-of-line comment stays)."""
    holder, index = _slot(node, key)
    rest = ""
    token = holder[index]
    if token is not None and isinstance(token.value, str):
        head, newline, rest = token.value.partition("\n")
        if head.strip():
            token.value = head + newline
        else:
            holder[index] = None
    value = node[key]
    post = _post_of(value)
    if post is not None:  # a list ending in a flow item keeps what follows it apart
        rest += "".join(t.value for t in post.ca._post if isinstance(t.value, str))
        post.ca._post = []
    return rest


def _post_of(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        if isinstance(value, CommentedSeq) and getattr(value.ca, "_post", None):
            return value
        value = value[list(value)[-1]] if isinstance(value, CommentedMap) else value[-1]
    return None


def add_before_first(node: Any, rest: str) -> None:
    """Add comment lines above the first key (or item) of ``node``, after those already there."""
    if not rest:
        return
    from ruamel.yaml.error import CommentMark  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed
    from ruamel.yaml.tokens import CommentToken  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    tokens = []
    for line in rest.splitlines(keepends=True):
        body = line.lstrip(" ")
        tokens.append(CommentToken(body if body.strip() else "\n", CommentMark(len(line) - len(body)), None))
    if node.ca.comment is None:
        node.ca.comment = [None, tokens]
    elif node.ca.comment[1] is None:
        node.ca.comment[1] = tokens
    else:
        node.ca.comment[1].extend(tokens)


def add_rest(node: Any, key: Any, rest: str) -> None:
    if not rest:
        return
    from ruamel.yaml.error import CommentMark  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed
    from ruamel.yaml.tokens import CommentToken  # noqa: PLC0415 - ruamel.yaml is slow to import; loaded only when a record is edited or parsed

    holder, index = _slot(node, key)
    token = holder[index]
    if token is None:
        holder[index] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        value = token.value if token.value.endswith("\n") else token.value + "\n"
        token.value = value + rest


# --- helpers ------------------------------------------------------------------------


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def same_data(a: Any, b: Any) -> bool:
    """Equal data, telling 1, 1.0 and True apart and NaN equal to itself."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return set(a) == set(b) and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)
