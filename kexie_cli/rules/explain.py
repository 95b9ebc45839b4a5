"""Rule documentation for ``kexie rules`` and docs/rules.md."""

from __future__ import annotations

from kexie_cli.finding import Severity, severity_label
from kexie_cli.i18n import tr
from kexie_cli.rules import all_rules
from kexie_cli.rules.base import Example, Rule
from kexie_cli.tables import Column, TableData


def rules_table(lang: str) -> TableData:
    rows = [{"code": r.code, "severity": str(r.severity), "title": r.title(lang)} for r in all_rules().values()]
    columns = [
        Column("code", "代码", "Code"),
        Column("severity", "级别", "Severity", show=lambda v, lg: severity_label(_sev(v), lg)),
        Column("title", "规则", "Rule"),
    ]
    return TableData(tr("rules.title", lang), columns, rows)


def _sev(value: str) -> Severity:
    return Severity(value)


def explain(code: str, lang: str) -> str | None:
    rule = all_rules().get(code)
    if rule is None:
        return None
    return "\n".join(_lines(rule, lang, markdown=False))


def _example_text(example: Example) -> str:
    parts = []
    for path, body in example.files.items():
        parts.append(f"# {path}\n{body}")
    return "\n".join(parts).rstrip("\n")


def _lines(rule: Rule, lang: str, markdown: bool) -> list[str]:
    sev = severity_label(rule.severity, lang)
    head = f"## {rule.code} {rule.title(lang)}" if markdown else f"{rule.code}  {rule.title(lang)}  [{sev}]"
    lines = [head, ""]
    if markdown:
        lines += [f"{tr('rules.severity', lang)}: {sev}", ""]
    lines += [rule.explanation(lang), ""]
    for label, example in (
        (tr("rules.fails", lang), rule.fails),
        (tr("rules.passes", lang), rule.passes),
    ):
        if example is None:
            continue
        lines.append(f"{label}（按 {example.as_of} 计）：" if lang != "en" else f"{label} (as of {example.as_of}):")
        body = _example_text(example)
        lines += ["", "```yaml", body, "```", ""] if markdown else ["", *("    " + ln for ln in body.splitlines()), ""]
    return lines


def rules_markdown(lang: str = "zh") -> str:
    """The whole rule catalogue as Markdown (docs/rules.md)."""
    out = [f"# {tr('rules.doc_title', lang)}", "", tr("rules.doc_intro", lang), ""]
    out += ["| " + " | ".join(("代码", "级别", "规则")) + " |", "|---|---|---|"]
    for rule in all_rules().values():
        out.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {severity_label(rule.severity, lang)} | {rule.title(lang)} |"
        )
    out.append("")
    for rule in all_rules().values():
        out += _lines(rule, lang, markdown=True)
        en = rule.explanation("en")
        if lang != "en" and en:
            out += [f"*English — {rule.title_en}:* " + " ".join(en.split()), ""]
    return "\n".join(out).rstrip("\n") + "\n"
