"""The letter templates (``templates/letters/*.j2``): found, rendered in Jinja2's sandbox, and bounded.

A registry's templates are untrusted input: rendering one letter is bounded in time, memory,
output size and the size of any value it builds (RENDER_SECONDS, RENDER_MEMORY, MAX_OUTPUT,
MAX_VALUE). A syntax error, an unknown variable or a refusal is a TemplateProblem naming the
template and the line. The registry's own ``templates/letters/<name>.j2`` takes precedence
over kexie's copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from kexie_cli.bounds import MB, TimeLimit, memory_limit, time_limit
from kexie_cli.cells import cut, md_text
from kexie_cli.errors import KexieError
from kexie_cli.i18n import tr
from kexie_cli.numerals import cn_date
from kexie_cli.registry.resources import resource_path, shipped_dir

BLOCKS = ("title", "recipient", "body", "signature", "date")
OPTIONAL_BLOCKS = ("doc_no", "note", "cc")


# Bounds on rendering one letter (a registry's templates are untrusted input).
RENDER_SECONDS = 10.0
RENDER_MEMORY = 512 * MB
MAX_OUTPUT = 1_000_000  # characters of one rendered letter
MAX_VALUE = 1_000_000  # characters (or items) of one value built by `*` or `+`


@dataclass(frozen=True, slots=True)
class Rendered:
    markdown: str
    blocks: dict[str, str]


class TemplateRefused(Exception):
    """A template asked for something it may not have: a file outside templates/, or too much."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class TemplateProblem(KexieError):
    """A template refused or stopped while rendering: names the template, the line and why (exit 2)."""

    def __init__(self, template: str, line: int | None, key: str, params: dict[str, object]) -> None:
        super().__init__("letters.template_error", template=template, line=line or "?")
        self.detail_key = key
        self.detail_params = params

    def render(self, lang: str) -> str:
        detail = tr(self.detail_key, lang, **self.detail_params)
        return tr(self.key, lang, template=self.params["template"], line=self.params["line"], detail=detail)


def _bounded_environment(loader: Any) -> Any:
    from jinja2 import StrictUndefined, pass_environment  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered
    from jinja2.compiler import CodeGenerator  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered
    from jinja2.sandbox import SandboxedEnvironment  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered

    class BoundedConcat(CodeGenerator):
        """``a ~ b``: the joined text goes through ``environment.bounded_text`` (the sandbox cannot intercept ``~``)."""

        def visit_Concat(self, node: Any, frame: Any) -> None:
            self.write("environment.bounded_text(")
            super().visit_Concat(node, frame)
            self.write(")")

    class Bounded(SandboxedEnvironment):
        """The sandbox, with `*`, `**`, `+` and `~` checked so that one expression cannot build a huge value.

        ``markdown``: while the .md letter renders, every ``{{ value }}`` is escaped for Markdown
        (:func:`kexie_cli.cells.md_text`: no raw HTML, no link from record text); the docx blocks get the text as is.
        """

        intercepted_binops = frozenset({"*", "**", "+"})
        code_generator_class = BoundedConcat
        markdown = False

        def bounded_text(self, value: str) -> str:
            if len(value) > MAX_VALUE:
                raise TemplateRefused("letters.too_big", limit=MAX_VALUE)
            return value

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    def finalize(env: Any, value: Any) -> Any:
        return md_text(value) if env.markdown and isinstance(value, str) else value

    env = Bounded(loader=loader, undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.finalize = pass_environment(finalize)
    env.globals.pop("lipsum", None)  # random filler text: no use in a letter, and its arguments are unbounded
    return env


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sized = (str, bytes, list, tuple)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(times, int) and len(seq) * max(times, 0) > MAX_VALUE:
                raise TemplateRefused("letters.too_big", limit=MAX_VALUE)
    elif operator == "+":
        if isinstance(left, sized) and isinstance(right, sized) and len(left) + len(right) > MAX_VALUE:
            raise TemplateRefused("letters.too_big", limit=MAX_VALUE)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        _check_power(left, right)


def _check_power(base: int, exponent: int) -> None:
    """Refuse an integer power with more than 64 * MAX_VALUE bits (it would take minutes)."""
    if exponent * abs(base).bit_length() > 64 * MAX_VALUE:
        raise TemplateRefused("letters.too_big", limit=MAX_VALUE)


def safe_template_name(name: str) -> bool:
    """A name below templates/letters/: relative, ``/``-separated, no ``..`` (nor ``.`` or empty parts)."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or ":" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


class Templates:
    """The letter templates of one registry, compiled on first use.

    The loader serves only files inside the registry's ``templates/`` folder
    or kexie's own (an include of ``../x`` or ``/etc/x`` is refused, and so is
    a registry template that is a link to a file elsewhere). Rendering is
    bounded: see RENDER_SECONDS, RENDER_MEMORY, MAX_OUTPUT and MAX_VALUE.
    """

    def __init__(self, root: Path | None) -> None:
        from jinja2 import FunctionLoader  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered

        self.root = root
        self.env = _bounded_environment(FunctionLoader(self._source))
        self.env.filters["cn_date"] = cn_date

    def path(self, name: str) -> Path:
        return resource_path(self.root, "templates", f"letters/{name}.j2")

    def _allowed(self, path: Path) -> bool:
        """Whether ``path`` (links followed) is inside the registry's templates/ or kexie's own."""
        real = path.resolve()
        folders = [shipped_dir("templates").resolve()]
        if self.root is not None:
            folders.append((self.root / "templates").resolve())
        return any(real.is_relative_to(folder) for folder in folders)

    def display(self, path: Path) -> str:
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return str(path)

    def _source(self, name: str) -> tuple[str, str, Any]:
        if not safe_template_name(name):
            raise TemplateRefused("letters.outside", name=name)
        path = self.path(name)
        if not self._allowed(path):
            raise TemplateRefused("letters.outside", name=name)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KexieError("letters.unreadable", template=self.display(path), detail=str(exc)) from exc
        return source, str(path), lambda: False

    def render(self, name: str, variables: dict[str, Any]) -> Rendered:
        from jinja2 import TemplateError, TemplateSyntaxError  # noqa: PLC0415 - jinja2 is slow to import; loaded only when letters are rendered

        path = self.path(name)
        try:
            with memory_limit(RENDER_MEMORY), time_limit(RENDER_SECONDS):
                template = self.env.get_template(name)
                self.env.markdown = True
                try:
                    markdown = _bounded_join(template.generate(variables))
                finally:
                    self.env.markdown = False
                context = template.new_context(variables)
                _bounded_join(template.root_render_func(context))  # runs the top-level {% set %} the blocks use
                names = (*BLOCKS, *OPTIONAL_BLOCKS)
                blocks = {b: _bounded_join(template.blocks[b](context)).strip() for b in names if b in template.blocks}
        except TemplateRefused as exc:
            line = _template_line(exc.__traceback__, str(path))
            raise TemplateProblem(self.display(path), line, exc.key, exc.params) from None
        except (TimeLimit, MemoryError) as exc:
            line = _template_line(exc.__traceback__, str(path))
            key = "letters.too_slow" if isinstance(exc, TimeLimit) else "letters.too_much_memory"
            limits: dict[str, object] = {"seconds": RENDER_SECONDS, "megabytes": RENDER_MEMORY // MB}
            raise TemplateProblem(self.display(path), line, key, limits) from None
        except TemplateSyntaxError as exc:
            raise KexieError(
                "letters.template_error", template=self.display(path), line=exc.lineno, detail=exc.message
            ) from None
        except TemplateError as exc:
            line = _template_line(exc.__traceback__, str(path))
            raise KexieError(
                "letters.template_error", template=self.display(path), line=line or "?", detail=str(exc)
            ) from None
        except KexieError:
            raise
        except (ArithmeticError, ValueError, TypeError, LookupError, RecursionError, AttributeError) as exc:
            # what an expression can raise outside Jinja: 1/0, 10.0**400, str(10**5000), a recursive macro ...
            line = _template_line(exc.__traceback__, str(path))
            detail: dict[str, object] = {"error": type(exc).__name__, "detail": cut(str(exc))}
            raise TemplateProblem(self.display(path), line, "letters.expression_failed", detail) from None
        markdown = re.sub(r"\n[ \t]*(?:\n[ \t]*)+\n", "\n\n", markdown).strip() + "\n"  # empty blocks leave no gaps
        missing = [b for b in BLOCKS if b not in blocks]
        if missing:
            raise KexieError("letters.missing_block", template=self.display(path), blocks=", ".join(missing))
        return Rendered(markdown, blocks)


def _bounded_join(chunks: Iterable[str]) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateRefused("letters.output_too_big", limit=MAX_OUTPUT)
        out.append(chunk)
    return "".join(out)


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """The template line of the innermost traceback frame that runs the template."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
