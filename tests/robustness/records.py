"""Small hostile records shared by the robustness tests (query, output, edit, CLI paths)."""

from __future__ import annotations

GOOD_SOCIETY = """\
id: ceshi-xuehui
kind: society
name: 测试市测试学会
status: active
founded: 2000-01-01
level: municipal
discipline: science
registration: {uscc: 51369900505374438P}
term: {number: 1, started: 2024-01-01, years: 5}
leaders:
  - {role: chair, name: 张三, since: 2024-01-01}
  - {role: secretary-general, name: 李四, since: 2024-01-01}
"""

# Party cell whose member count overflows to a float infinity (YAML 1.2 reads 1e400 as inf).
HUGE_CELL = """\
id: juda-dangzhibu
kind: party-cell
name: 测试党支部
status: active
founded: 2010-01-01
form: branch
covers: [ceshi-xuehui]
members: {full: 1e400, probationary: 0}
"""
