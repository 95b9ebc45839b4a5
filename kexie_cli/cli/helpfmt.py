"""``--help`` that fits the terminal with Chinese text.

click wraps help with :mod:`textwrap`, which counts a CJK character as one
column (it takes two) and breaks only at spaces, so a Chinese paragraph runs
off an 80-column terminal. This formatter measures display width and breaks
lines where Chinese text may break (``kexie_cli.reporters.layout``); lines of
one paragraph are joined without a space between two CJK characters (or after
Chinese punctuation).
"""

from __future__ import annotations

import click

from kexie_cli.cli import clicktext
from kexie_cli.reporters import layout


def _join(lines: list[str]) -> str:
    out = ""
    for raw in lines:
        line = raw.strip()
        if out and line:
            tight = out[-1] in layout.CLOSING and layout.char_width(out[-1]) == 2
            tight = tight or (layout.char_width(out[-1]) == 2 and layout.char_width(line[0]) == 2)
            out += "" if tight else " "
        out += line
    return out


def wrap_help(text: str, width: int, indent: str = "", subsequent: str | None = None) -> str:
    """click's ``wrap_text(preserve_paragraphs=True)`` measured in display cells."""
    subsequent = indent if subsequent is None else subsequent
    paragraphs: list[tuple[int, bool, list[str]]] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            first = block[0]
            raw = first.strip() == "\b"
            lead = len(first) - len(first.lstrip())
            paragraphs.append((lead, raw, block[1:] if raw else list(block)))
            block.clear()

    for line in text.expandtabs().splitlines():
        if line.strip():
            block.append(line)
        else:
            flush()
    flush()
    out = []
    for lead, raw, lines in paragraphs:
        pad = " " * lead
        if raw:
            out.append("\n".join(indent + pad + line for line in lines))
            continue
        room = max(width - layout.width(indent) - lead, 10)
        wrapped = layout.wrap(_join(lines), room)
        out.append("\n".join((indent if i == 0 else subsequent) + pad + w for i, w in enumerate(wrapped)))
    return "\n\n".join(out)


class CjkHelpFormatter(click.HelpFormatter):
    """click's help formatter, with widths in display cells and Chinese punctuation after Chinese words."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            word = clicktext.text("Usage:")
            prefix = word if word.endswith("：") else f"{word} "
            if word.endswith("："):
                args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        colon = "：" if heading and layout.char_width(heading[-1]) == 2 else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_help(text, self.width, indent))
        self.write("\n")

    def write_dl(self, rows: object, col_max: int = 30, col_spacing: int = 2) -> None:
        items = [tuple(r) for r in rows]  # type: ignore[attr-defined]
        first_col = min(max((layout.width(r[0]) for r in items), default=0), col_max) + col_spacing
        for first, *rest in items:
            second = rest[0] if rest else ""
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if layout.width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - layout.width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - 2, 10)
            lines = wrap_help(second, text_width).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class KexieContext(click.Context):
    formatter_class = CjkHelpFormatter


def short_help(command: click.Command) -> str:
    """The first sentence of a command's help (the list wraps it instead of cutting it with "...")."""
    if command.short_help:
        return command.short_help
    first = (command.help or "").strip().split("\n\n")[0]
    text = _join(first.splitlines())
    end = text.find("。")
    return text[: end + 1] if end >= 0 else text
