"""A small registry written in the tests: three societies, two branches, one party cell."""

from __future__ import annotations

SETTINGS = "registry: 测试市科学技术协会\ncoverage: {township: 4, village: 10}\n"

FILES: dict[str, str | bytes] = {
    "records/societies/shuili-xuehui.yaml": """\
id: shuili-xuehui
kind: society
name: 测试市水利学会
short_name: 市水利学会
status: active
founded: 1980-03-01
level: municipal
discipline: engineering
registration: {uscc: 51110000MJ0000001X}
supporting_unit: 测试市水利局
members: {individual: 300, group: 10}
stars:
  - {year: 2021, stars: 3}
  - {year: 2025, stars: 5}
npo_grade: {grade: 4A, granted: 2022-01-10}
inspections:
  - {year: 2024, result: pass}
  - {year: 2025, result: basic-pass}
term: {number: 8, started: 2022-01-10, years: 5}
leaders:
  - {role: chair, name: 曾国强, since: 2022-01-10, birth_year: 1966}
  - {role: secretary-general, name: 王小明, since: 2022-01-10}
""",
    "records/societies/jining-yixuehui.yaml": """\
id: jining-yixuehui
kind: society
name: 济宁路医学会
former_names:
  - {name: 济宁路卫生学会, until: 2001-05-01}
status: active
founded: 1990-06-01
level: district
discipline: medicine
registration: {uscc: 51110000MJ0000002X}
members: {individual: 120, group: 2}
stars:
  - {year: 2020, stars: 4}
inspections:
  - {year: 2025, result: fail}
liaison: {name: 陈静, role: instructor, since: 2024-03-01}
term: {number: 3, started: 2021-12-01, years: 5}
leaders:
  - {role: chair, name: 单丽华, since: 2021-12-01, birth_year: 1958}
  - {role: chair, name: 张旧, since: 2016-12-01, until: 2021-12-01}
""",
    "records/societies/old-xuehui.yaml": """\
id: old-xuehui
kind: society
name: 测试市旧学会
status: revoked
founded: 1970-01-01
level: municipal
discipline: science
registration: {uscc: 51110000MJ0000003X}
stars:
  - {year: 2025, stars: 5}
""",
    "records/branches/qu-kexie.yaml": """\
id: qu-kexie
kind: branch
name: 测试市东区科学技术协会
status: active
founded: 1985-01-01
type: district
leaders:
  - {role: chair, name: 区小平, since: 2023-01-01}
""",
    "records/branches/jiedao-kexie.yaml": """\
id: jiedao-kexie
kind: branch
name: 测试市东区花园街道科学技术协会
status: active
founded: 2010-01-01
type: township
parent: qu-kexie
three_heads:
  - {role: hospital, name: 李院长}
""",
    "records/party-cells/shuili-dangzhibu.yaml": """\
id: shuili-dangzhibu
kind: party-cell
name: 中共测试市水利学会支部委员会
status: active
founded: 2018-01-01
form: branch
covers: [shuili-xuehui]
members: {full: 5, probationary: 0}
leaders:
  - {role: secretary, name: 盖文, since: 2018-01-01}
""",
}
