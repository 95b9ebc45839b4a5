"""The fast loader's screen: which files yaml-rs may load (see :mod:`kexie_cli.records.fastload`).

A file is screened out when its *structure* (:func:`skeleton`: the text
outside quoted scalars, comments, block scalars and the inside of plain
scalars) holds a construct where yaml-rs and the strict loader differ, so a
percentage, a URL query or a folded note in free text does not send a file
down the slow path.
"""

from __future__ import annotations

import re
import sys

# Constructs the strict loader refuses or resolves differently (see the module docstring). The
# screen runs on every file, so it is a handful of substring tests and literal-led expressions.
# Any of: anchors, aliases, tags (& * !), tabs, NEL / LS / PS line breaks, block scalars (| >),
# complex keys and "?"-led scalars, directives (%), merge keys (<<)
_RARE = re.compile("[&*!\t\x85\u2028\u2029|>?%<]")
_STARTS = ("%", "---", "...", ":", "?", "_")
_LONE_CR = re.compile(r"\r(?!\n)")
# ":" that starts a scalar ("[::]", "{a: :0}") or sits before a flow indicator ("[E:]", "{a:, b}")
_COLON_BEFORE = re.compile(r":(?<=[ \n\[{,]:)")
_COLON_AFTER = re.compile(r":[,\]}]")
# number spellings beyond the core schema, at the start of a scalar: 0x1F 0X1F 0b1 +0o7 1_000 _0 ._5
_PREFIX = re.compile(r"0[bBxXoO]")
_UNDERSCORE = re.compile(r"_(?:(?<=[^A-Za-z_]_)|[^A-Za-z_])")  # "full_time" passes, "1_0" and "_0" do not
_NUMBER = re.compile(r"(?<![^\s\[{,:])[-+]?(?:0[bBxXoO]|[0-9._eE+-]*_)")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")
# Python refuses to convert integers this long (sys.int_info.str_digits_check_threshold): the strict
# loader keeps such a scalar as text, yaml-rs returns an int
_DIGIT_LIMIT = sys.get_int_max_str_digits() or 4300  # 0: no limit (then declining is merely slower)
_LONG_DIGITS = re.compile(f"[0-9]{{{_DIGIT_LIMIT + 1}}}")
# what makes a line worth a closer look: indicators, quotes, comments
_SPECIAL = re.compile("[&*!|>?%<\"'#]")
_INDICATORS = frozenset("&*!|>?%<")
_HEADER = re.compile(r"[|>][-+]? *(?:#.*)?\Z")
_GLUED = re.compile(r"[\"']:(?! )")


def screened_out(text: str) -> bool:
    """True when ``text`` may hold a construct the fast loader must leave to the strict one.

    Characters that only matter as YAML indicators (``& * ! | > ? % <``) are
    looked for in the file's *structure* (:func:`skeleton`): the text of
    quoted scalars, comments, block scalars and the inside of plain scalars
    is left out, so a percentage, a URL query or a folded note does not send
    a file to the strict loader.
    """
    if "\t" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True  # tabs and the rarer line breaks: the strict loader decides
    if "\ufeff" in text:  # a second BOM: the strict loader skips it at the start, yaml-rs keeps it
        return True
    if len(text) > _DIGIT_LIMIT and _LONG_DIGITS.search(text):
        return True
    if "\r" in text and _LONE_CR.search(text):
        return True
    if _SPECIAL.search(text):
        found = skeleton(text)
        if found is None:
            return True
        text = found
    return _structure_screened_out(text)


def _structure_screened_out(text: str) -> bool:
    if _RARE.search(text) or text.startswith(_STARTS):
        return True
    if "\n---" in text or "\n..." in text:  # document markers
        return True
    if _COLON_BEFORE.search(text) or _COLON_AFTER.search(text):
        return True
    if _GLUED.search(text):  # a quoted key glued to its value ('["a":b]')
        return True
    if ("[" in text or "{" in text) and _multi_line_flow(text):
        return True
    if _PREFIX.search(text) or _UNDERSCORE.search(text):
        return _NUMBER.search(text) is not None
    return False


def skeleton(text: str) -> str | None:
    """``text`` with scalar text neutralised, line for line, or None when a line is beyond the scanner.

    Quoted scalars keep their quotes but their text becomes ``x``; comments
    are cut; the lines of a block scalar become empty (its header ``|`` or
    ``>`` becomes ``x``); in a plain scalar outside flow collections every
    indicator character after the first becomes ``x``. What stays is what
    decides the structure, and :func:`screened_out` checks it as before.
    Declined (None): quoted scalars or flow collections over several lines,
    block scalars with an indentation indicator, a whitespace-only line in a
    block scalar, folded scalars with more-indented lines, ``#`` glued to a
    quoted scalar.
    """
    out: list[str] = []
    owner = -1  # while in a block scalar: the column its lines must be indented past
    first = -1  # the indentation of its first line
    folded = False
    for line in text.split("\n"):
        core = line[:-1] if line.endswith("\r") else line
        if owner >= 0:
            content = core.lstrip(" ")
            if not content:
                if core:
                    return None
                out.append("")
                continue
            indent = len(core) - len(content)
            if indent > owner:
                if first < 0:
                    first = indent
                elif indent < first or (folded and indent > first):
                    return None
                out.append("")
                continue
            if first < 0:
                return None  # an empty block scalar
            owner = -1
        if not _SPECIAL.search(core):
            out.append(core)
            continue
        found = _line_skeleton(core)
        if found is None:
            return None
        new, header, folded = found
        if header >= 0:
            owner, first = header, -1
        out.append(new)
    if owner >= 0 and (first < 0 or not text.endswith("\n")):
        return None  # an empty block scalar, or one the file ends in without a line break
    return "\n".join(out)


def _line_skeleton(core: str) -> tuple[str, int, bool] | None:
    """One line's skeleton, the owner column when it opens a block scalar (else -1), and if it is folded."""
    chars = list(core)
    size = len(core)
    i = size - len(core.lstrip(" "))
    owner = i  # column of the key or "-" the next node belongs to
    token = i
    at_start = True
    while i < size:
        char = core[i]
        if at_start:
            if char == "-" and (i + 1 == size or core[i + 1] == " "):
                owner = i
                i += 1
                while i < size and core[i] == " ":
                    i += 1
                continue
            if char == "#":
                del chars[i:]
                break
            token = i
            if char in "|>":
                if _HEADER.match(core, i) is None:
                    return None
                chars[i] = "x"
                del chars[i + 1 :]
                return "".join(chars), owner, char == ">"
            i = _node_end(core, i, chars)
            if i < 0:
                return None
            at_start = False
            continue
        if char == " ":
            i += 1
        elif char == "#":
            if core[i - 1] != " ":
                return None  # '"a"#b'
            del chars[i:]
            break
        elif char == ":" and (i + 1 == size or core[i + 1] == " "):
            owner = token  # the scalar before was a key
            i += 1
            while i < size and core[i] == " ":
                i += 1
            at_start = True
        else:
            i += 1  # something after a complete node: left as it is, the loaders decide
    return "".join(chars), -1, False


def _node_end(core: str, i: int, chars: list[str]) -> int:
    """Index after the quoted scalar, flow collection or plain scalar at ``i`` (text neutralised), or -1."""
    char = core[i]
    size = len(core)
    if char in "\"'":
        end = _quote_end(core, i)
        if end < 0:
            return -1
        chars[i + 1 : end - 1] = "x" * (end - i - 2)
        if end < size and core[end] == ":" and end + 1 < size and core[end + 1] != " ":
            return -1  # '"a":b'
        return end
    if char in "[{":
        return _flow_end(core, i, chars)
    i += 1  # a plain scalar: its first character decides, the rest is text
    while i < size:
        char = core[i]
        if char == ":" and (i + 1 == size or core[i + 1] == " "):
            break
        if char == "#" and core[i - 1] == " ":
            break
        if char in _INDICATORS:
            chars[i] = "x"
        i += 1
    return i


def _quote_end(core: str, start: int) -> int:
    """Index after the quoted scalar that opens at ``start``, or -1 when it does not close on this line."""
    quote = core[start]
    i = start + 1
    while i < len(core):
        char = core[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and i + 1 < len(core) and core[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _flow_end(core: str, start: int, chars: list[str]) -> int:
    """Index after the flow collection that opens at ``start`` (quoted text neutralised), or -1."""
    depth = 0
    i = start
    while i < len(core):
        char = core[i]
        if char in "\"'":
            end = _quote_end(core, i)
            if end < 0:
                return -1
            chars[i + 1 : end - 1] = "x" * (end - i - 2)
            i = end
            continue
        if char == "#" and core[i - 1] == " ":
            return -1
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _multi_line_flow(text: str) -> bool:
    """True when a flow collection may not close on the line it opens (the readers fold lines differently)."""
    for line in text.split("\n"):
        if "[" not in line and "{" not in line:
            continue
        content = line.lstrip(" ")
        if content.startswith("#"):
            continue
        if '"' in content or "'" in content:
            content = _QUOTED.sub("", content)
            if '"' in content or "'" in content:
                return True
        content = content.split(" #", 1)[0].rstrip()
        opens = content.count("[") + content.count("{")
        if opens != content.count("]") + content.count("}") or content[-1:] not in ("]", "}"):
            return True
    return False
