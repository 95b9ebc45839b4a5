"""Shared options: --root, --lang, --as-of, --format, -q."""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kexie_cli.cli.session import session
from kexie_cli.i18n import resolve_lang, tr

F = TypeVar("F", bound=Callable[..., Any])


#: The dates an option accepts (--as-of, --date, --until ...): date arithmetic near year 1 or 9999 overflows,
#: and no record of a 科协 registry lies outside them (docs/calendar.md).
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))


if TYPE_CHECKING:  # click >= 8.2 types a ParamType by what it returns; click 8.1 cannot subscript it at run time
    _DateParamType = click.ParamType[dt.date, Any]
else:
    _DateParamType = click.ParamType


class DateType(_DateParamType):
    """An ISO date ``YYYY-MM-DD`` within :data:`DATE_RANGE`."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value)
        try:
            if len(text) != 10:
                raise ValueError(text)
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail(
                f"无效日期 {text!r}，应为 YYYY-MM-DD / invalid date, expected YYYY-MM-DD",
                param,
                ctx,
            )
        low, high = DATE_RANGE
        if not low <= day <= high:
            from kexie_cli.i18n import tr

            message = tr("date.range", resolve_lang(session(ctx).lang), value=text, low=low, high=high)
            self.fail(message, param, ctx)
        return day


DATE = DateType()


if TYPE_CHECKING:
    _Choice = click.Choice[str]
else:
    _Choice = click.Choice


class LabelChoice(_Choice):
    """A choice of English codes that also takes each code's Chinese label (合格, 召开换届大会, 科技社团 ...).

    The value the command gets is always the code; ``--help`` lists the codes (the help text names the labels).
    """

    def __init__(self, labels: dict[str, tuple[str, ...]]) -> None:
        super().__init__(list(labels))
        self.by_label = {label: code for code, names in labels.items() for label in names}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.strip() in self.by_label:
            return self.by_label[value.strip()]
        return super().convert(value, param, ctx)


def kind_choice(codes: Sequence[str] | None = None) -> LabelChoice:
    """A record kind: its code (``party-cell``), folder (``party-cells``) or label (党组织)."""
    from kexie_cli import kinds

    chosen = kinds.CODES if codes is None else codes
    return LabelChoice({c: tuple(a for a in kinds.BY_CODE[c].aliases if a != c) for c in chosen})


#: the Chinese labels of codes options take (as the shipped schemas and kexie's tables name them)
LEVELS = {"national": ("全国",), "provincial": ("省级",), "municipal": ("市级",), "district": ("区县级", "区县")}
RESULTS = {
    "pass": ("合格",),
    "basic-pass": ("基本合格",),
    "fail": ("不合格",),
    "submitted": ("已报送",),
    "missing": ("未参检/未报送", "未参检", "未报送"),
}
STEPS = {
    "plan_submitted": ("报送换届方案", "报送换届请示", "换届方案", "换届请示"),
    "party_review": ("党组织审查", "党组织前置审查", "前置审查"),
    "approved": ("批准换届", "换届方案获批", "上级党组织批复", "批复"),
    "audited": ("换届财务审计", "财务审计", "审计"),
    "candidates": ("候选人预备人选审查", "候选人预备人选"),
    "congress_requested": ("召开大会请示", "报送召开大会的请示", "大会请示"),
    "congress_approved": ("召开大会获批", "大会请示获批"),
    "held": ("召开换届大会", "召开党员大会", "换届大会", "党员大会"),
    "filed": ("报科协备案", "科协备案"),
    "filing_approved": ("业务主管单位审查同意", "审查同意"),
    "registered": ("变更登记/备案", "变更登记", "备案", "选举结果报批", "报上级科协备案"),
}
TERM_STATES = {
    "overdue": ("逾期", "逾期未换届"),
    "due": ("临近换届", "即将届满", "提醒期内"),
    "follow-up": ("换届后续", "换届后续未办结"),
}


def root_option(fn: F) -> F:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="台账根目录（默认：从当前目录向上查找 kexie.yaml）。",
    )(fn)


def lang_option(fn: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=None,
        help="输出语言 zh 或 en（默认取 KEXIE_LANG，否则 zh）。",
    )(fn)


def as_of_option(fn: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=DATE,
        default=None,
        help="按指定日期计算（YYYY-MM-DD，默认今天）。",
    )(fn)


def format_option(choices: Sequence[str]) -> Callable[[F], F]:
    def decorate(fn: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(choices)),
            default=None,
            help="输出格式（终端默认 table，管道默认 plain）。",
        )(fn)

    return decorate


def quiet_option(fn: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="不输出汇总行。")(fn)


def common(fn: F) -> F:
    """--root and --lang."""
    return root_option(lang_option(fn))


def today(as_of: dt.date | None) -> dt.date:
    """The day the command computes for; kept in the session for the title row of xlsx output."""
    current = session()
    current.today = as_of or dt.date.today()
    return current.today


def pick_format(fmt: str | None) -> str:
    return fmt or ("table" if sys.stdout.isatty() else "plain")


def use_color() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def lang(value: str | None) -> str:
    """Resolve the output language and keep it in the session (for error messages)."""
    current = session()
    current.lang = resolve_lang(value or current.group_lang)
    return current.lang


def open_registry(root: Path | None) -> Any:
    from kexie_cli.registry.load import Registry

    registry = Registry.open(Path.cwd(), root)
    session().registry = registry
    return registry


def xlsx_heading() -> Any:
    """The registry's name and the day of the figures, for the title row of every xlsx sheet."""
    from kexie_cli.reporters.xlsx import Heading

    current = session()
    return Heading(current.registry_name, current.today or dt.date.today())


def output_option(fn: F) -> F:
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="输出文件（--format xlsx 时必填）。",
    )(fn)


def emit_table(data: Any, fmt: str | None, language: str, output: Path | None) -> None:
    """Write a TableData in the chosen format: to stdout, or to ``output`` (xlsx needs a file)."""
    from kexie_cli.errors import KexieError
    from kexie_cli.reporters.tables import render_table

    chosen = pick_format(fmt)
    if chosen == "xlsx":
        if output is None:
            raise KexieError("output.required", fmt="xlsx")
        from kexie_cli.reporters.xlsx import write_xlsx

        write_xlsx([data], output, language, heading=xlsx_heading())
        return
    if output is not None:
        import io

        from kexie_cli.outfile import write_text

        buffer = io.StringIO()
        render_table(data, chosen, language, buffer, color=False)
        write_text(output, buffer.getvalue(), bom=chosen == "csv")
        return
    render_table(data, chosen, language, sys.stdout, use_color())


def finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """A float option that must be a number: ``nan`` passes every range check (it compares false), so refuse it."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(tr("option.not_finite", lang(None), value=value), ctx, param)
    return value


def load(registry: Any, language: str, today: dt.date, at: str | None = None, limit: int | None = None) -> Any:
    """The records of a reading command, through the one door; the files that could not be read are named on stderr.

    Returns the door's :class:`~kexie_cli.validate.door.Loaded` (``records``: every file, ``settings``: those
    of the revision for ``at``, ``unreadable``: the files named).
    """
    from kexie_cli.validate.door import load_registry

    loaded = load_registry(registry, today, language, at)
    warn_unreadable(loaded.records, language, limit)
    return loaded


def warn_unreadable(records: Sequence[Any], language: str, limit: int | None = None) -> int:
    """Name the unreadable record files on stderr (docs/registry.md, 无法读取的文件); returns their number."""
    from kexie_cli.reporters.unreadable import warn

    return warn(records, language, limit=limit)


def noted(data: Any, count: int, language: str) -> Any:
    """A TableData whose summary line also says how many files could not be read."""
    from kexie_cli.reporters.unreadable import note

    data.headline = note(data.headline, count, language)
    return data


def noted_report(report: Any, records: Sequence[Any], count: int, language: str) -> Any:
    """A calendar Report with the unreadable files in its summary line and under ``unreadable`` in JSON."""
    from kexie_cli.reporters.unreadable import as_json, note

    if count:
        report.summary = note(report.summary, count, language).lstrip("；; ")
    report.json["unreadable"] = as_json(records, language)
    return report
