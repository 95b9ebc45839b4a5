"""The records of the 换届 walks (tests/calendar/test_walks.py): one registry, one record per walk."""

SETTINGS = """registry: 示例市科学技术协会
letters:
  issuer: 示例市科学技术协会
  party_issuer: 中共示例市科学技术协会党组
  contact: 学会部 陈明
  phone: "86001234"
  party_contact: 机关党委 王丽
  party_phone: "86005678"
"""

SOCIETY = """id: walk-xuehui
kind: society
name: 示例市步行学会
status: active
founded: 1990-03-01
level: municipal
discipline: science
registration: {uscc: 51330100MJ00000014}
supporting_unit: 示例大学
liaison: {name: 陈静, role: instructor, since: 2020-03-01}
brand_events: [年会]
inspections: [{year: 2024, result: pass}, {year: 2025, result: pass}]
term: {number: 7, started: 2021-03-31, years: 5}
leaders:
  - {role: chair, name: 李华, since: 2021-03-31}
  - {role: secretary-general, name: 赵敏, since: 2021-03-31}
  - {role: vice-chair, name: 周文华, since: 2021-03-31}
"""

DISTRICT = """id: walk-quxian-kexie
kind: branch
name: 示例市东城区科学技术协会
status: active
founded: 1985-01-10
type: district
host_unit: 示例市东城区人民政府
term: {number: 8, started: 2021-06-30, years: 5}
leaders:
  - {role: chair, name: 吴建国, since: 2021-06-30}
"""

COMMITTEE = """id: walk-dangwei
kind: party-cell
name: 中共示例市科技社团委员会
status: active
founded: 2018-01-01
form: committee
category: A
covers: []
members: {full: 12}
term: {number: 2, started: 2023-01-10, years: 5}
leaders:
  - {role: secretary, name: 刘强, since: 2023-01-10}
"""


def cell(ident: str, name: str, form: str, full: int, extra: str = "", committee: bool = False) -> str:
    members = "\n  - {role: committee-member, name: 孙立, since: 2023-06-30}" if committee else ""
    return f"""id: {ident}
kind: party-cell
name: {name}
status: active
founded: 2015-01-01
form: {form}
{extra}covers: [walk-xuehui]
members: {{full: {full}}}
term: {{number: 3, started: 2023-06-30, years: 3}}
leaders:
  - {{role: secretary, name: 周文华, since: 2023-06-30}}{members}
"""


BRANCH_SMALL = cell(
    "walk-zhibu-xiao", "中共示例市步行学会支部委员会", "branch", 5, "category: A\nparent: walk-dangwei\n"
)
BRANCH_BIG = cell(
    "walk-zhibu-da", "中共示例市步行学会第二支部委员会", "branch", 9, "category: A\nparent: walk-dangwei\n", True
)
GENERAL = cell(
    "walk-zongzhi", "中共示例市步行学会总支部委员会", "general-branch", 30, "category: A\nparent: walk-dangwei\n", True
)
B_CELL = cell(
    "walk-b-zhibu",
    "中共示例市步行学会机关支部委员会",
    "branch",
    8,
    "category: B\nparent: walk-dangwei\nhost_unit: 示例大学\n",
    True,
)

FILES = {
    "records/societies/walk-xuehui.yaml": SOCIETY,
    "records/branches/walk-quxian-kexie.yaml": DISTRICT,
    "records/party-cells/walk-dangwei.yaml": COMMITTEE,
    "records/party-cells/walk-zhibu-xiao.yaml": BRANCH_SMALL,
    "records/party-cells/walk-zhibu-da.yaml": BRANCH_BIG,
    "records/party-cells/walk-zongzhi.yaml": GENERAL,
    "records/party-cells/walk-b-zhibu.yaml": B_CELL,
}
